/**
 * The words the PDF prints itself, around the minutes' own text, in the minutes' language. The Vietnamese ones
 * are Decree 30/2020/NĐ-CP's (Appendix I; form 1.9 of Appendix III for the signature titles of minutes).
 */

/** "ngày 05 tháng 02 năm 2027": a day below 10 and the months 1 and 2 take a leading zero (Appendix I, I.5). */
function vietnameseDate(day: number, month: number, year: number): string {
	const dd = String(day).padStart(2, '0');
	const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
	return `ngày ${dd} tháng ${mm} năm ${year}`;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const short = (hash: string) => hash.slice(0, 16);

export const TEXT = {
	vi: {
		page: (n: number) => String(n),
		draft: 'DỰ THẢO — chưa được phê duyệt',
		nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		motto: 'Độc lập - Tự do - Hạnh phúc',
		documentType: 'BIÊN BẢN',
		number: (n: string) => `Số: ${n}`,
		blankNumber: (symbol: string) => `Số:      /${symbol}`,
		placeDate: (place: string, day: number, month: number, year: number) => `${place}, ${vietnameseDate(day, month, year)}`,
		blankPlaceDate: (place: string) => `${place}, ngày      tháng      năm      `,
		secretary: 'THƯ KÝ',
		chair: 'CHỦ TỌA',
		signedDigitally: '(Đã ký số)',
		footer: (seq: number, hash: string) => `Bản lưu trữ số ${seq} · Mã nội dung SHA-256: ${short(hash)}… · Kiểm tra bản gốc: trang /verify`,
		signatureReason: (role: string, number: string, confirmedAt: string, hash: string) =>
			`${role} ký biên bản số ${number}; xác nhận bằng mật khẩu lúc ${confirmedAt}; nội dung SHA-256 ${hash}`,
		lang: 'vi-VN'
	},
	en: {
		page: (n: number) => String(n),
		draft: 'DRAFT — not approved',
		nationalTitle: 'SOCIALIST REPUBLIC OF VIET NAM',
		motto: 'Independence - Freedom - Happiness',
		documentType: 'MINUTES',
		number: (n: string) => `No.: ${n}`,
		blankNumber: (symbol: string) => `No.:      /${symbol}`,
		placeDate: (place: string, day: number, month: number, year: number) => `${place}, ${day} ${EN_MONTHS[month - 1]} ${year}`,
		blankPlaceDate: (place: string) => `${place}, ……………… 20……`,
		secretary: 'SECRETARY',
		chair: 'CHAIR',
		signedDigitally: '(Digitally signed)',
		footer: (seq: number, hash: string) => `Archive record ${seq} · Content SHA-256: ${short(hash)}… · Check the original at /verify`,
		signatureReason: (role: string, number: string, confirmedAt: string, hash: string) =>
			`${role} signs minutes no. ${number}; confirmed by password at ${confirmedAt}; content SHA-256 ${hash}`,
		lang: 'en'
	}
} as const;
export type Strings = (typeof TEXT)[keyof typeof TEXT];

/** Day, month and year of an instant in Vietnam: the document's date is the province's, not the server's. */
export function vietnamDay(iso: string): { day: number; month: number; year: number } {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) throw new Error(`minutes pdf: not a date: ${iso}`);
	const parts = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(at);
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	return { day: get('day'), month: get('month'), year: get('year') };
}
