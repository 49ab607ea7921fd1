/** The few words the PDF prints itself, around the minutes' own text, in the minutes' language. */
export const TEXT = {
	vi: {
		page: (n: number, total: number) => `Trang ${n}/${total}`,
		draft: 'DỰ THẢO — chưa được phê duyệt',
		signedAt: (at: string) => `Đã ký điện tử lúc ${at}`,
		hash: 'Mã băm nội dung (SHA-256): ',
		lang: 'vi-VN'
	},
	en: {
		page: (n: number, total: number) => `Page ${n} of ${total}`,
		draft: 'DRAFT — not approved',
		signedAt: (at: string) => `Signed electronically at ${at}`,
		hash: 'Content hash (SHA-256): ',
		lang: 'en'
	}
} as const;
export type Strings = (typeof TEXT)[keyof typeof TEXT];
