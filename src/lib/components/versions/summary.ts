import { m } from '$lib/paraglide/messages';

/** The document card's line about a later version: "Phiên bản 2: 3 trang có thay đổi, 2 ghi chú không chuyển sang được". */
export function versionSummary(version: number, changes: { pagesChanged: number; uncarried: number }): string {
	const v = String(version);
	const pages =
		changes.pagesChanged === 0
			? m.ver_card_nothing_changed({ version: v })
			: changes.pagesChanged === 1
				? m.ver_card_page_changed({ version: v })
				: m.ver_card_pages_changed({ version: v, count: String(changes.pagesChanged) });
	if (changes.uncarried === 0) return pages;
	const notes = changes.uncarried === 1 ? m.ver_card_uncarried_one() : m.ver_card_uncarried({ count: String(changes.uncarried) });
	return `${pages}, ${notes}`;
}
