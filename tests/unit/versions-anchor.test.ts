import { beforeAll, describe, expect, it } from 'vitest';
import type { Mark } from '$lib/collab/annotations';
import { inspectPdf } from '$lib/server/documents/inspect';
import { compareVersions } from '$lib/server/versions/diff';
import { rectsOfRange, type PageLayout } from '$lib/server/versions/layout';
import { linesOf, paragraphsOf } from '../fixtures/version-lines';
import { placeMark, type VersionPages } from '$lib/server/versions/place';
import { normalize, VersionText } from '$lib/server/versions/text-index';
import { pdfPath } from '../fixtures/pdfs';
import { layoutsOfBytes, linesByPage, reflow, typeset, LINE_HEIGHT, TOP, type Pages } from '../fixtures/version-pdfs';

// Anchoring on real text: the Quảng Ninh article and the TraceMonkey paper as uploaded (version 1), and new
// versions the test typesets from their lines with one edit each (version 2).

const author = { id: 'delegate1id', displayName: 'Lê Thị Hồng' };
const base = { color: '#f7d94c', author, createdAt: 1, updatedAt: 1 };

function pagesOf(layouts: PageLayout[]): VersionPages {
	return { layouts, text: new VersionText(layouts) };
}

/** A highlight over the `nth` occurrence of `phrase` on `page`, with the rectangles a reader's selection gives. */
function highlight(v: VersionPages, page: number, phrase: string, nth = 0): Extract<Mark, { kind: 'highlight' }> {
	const text = v.text.text(page);
	let at = -1;
	for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1);
	if (at < 0) throw new Error(`"${phrase}" is not on page ${page}`);
	const [s, e] = v.text.rawRange(page, at, at + phrase.length);
	return { ...base, id: `hl-${page}-${nth}`, kind: 'highlight', page, rects: rectsOfRange(v.layouts[page - 1]!, s, e), text: phrase };
}

/** Where `phrase` (its nth occurrence) is drawn on a page of the new version. */
function rectsOf(v: VersionPages, page: number, phrase: string, nth = 0) {
	return highlight(v, page, phrase, nth).rects;
}

/** Three words from the middle of a line: a phrase that sits on one line. */
function phraseOf(line: string): string {
	const words = line.split(' ').filter(Boolean);
	const from = Math.max(0, Math.floor(words.length / 2) - 1);
	return words.slice(from, from + 3).join(' ');
}

async function carry(previous: VersionPages, edited: Pages, linesPerPage: number, mark: Mark) {
	const next = pagesOf(await layoutsOfBytes(await typeset(reflow(edited, linesPerPage))));
	const changes = compareVersions(previous.layouts, next.layouts);
	return { next, changes, placed: placeMark(mark, previous, next, changes.pageMap) };
}

describe('carrying marks on the Quảng Ninh article', { timeout: 30_000 }, () => {
	let v1: VersionPages;
	let lines: Pages;
	let perPage: number;
	beforeAll(async () => {
		v1 = pagesOf((await inspectPdf(pdfPath('quang-ninh-hanh-chinh-cong.pdf'))).layouts);
		lines = linesByPage(v1.layouts);
		perPage = Math.max(...lines.map((p) => p.length));
	}, 30_000);

	it('a paragraph inserted before a highlight moves it to the next page, over the same words', async () => {
		const target = lines[0]!.length - 3;
		const phrase = phraseOf(lines[0]![target]!);
		const mark = highlight(v1, 1, phrase);
		const inserted = Array.from({ length: perPage }, (_, i) => `Đoạn bổ sung số ${i + 1}: Ủy ban nhân dân tỉnh đề nghị làm rõ nội dung này.`);
		const edited = lines.map((p, i) => (i === 0 ? [...p.slice(0, target), ...inserted, ...p.slice(target)] : p));
		const { next, placed, changes } = await carry(v1, edited, perPage, mark);
		expect(placed).toHaveProperty('mark');
		if (!('mark' in placed)) return;
		expect(placed.mark.page).toBe(2);
		expect(placed.quote).toBe(phrase);
		expect(placed.mark.kind === 'highlight' && placed.mark.rects).toEqual(rectsOf(next, 2, phrase));
		// The change list names the inserted paragraph on page 1, where it now is.
		const page1 = changes.pages.find((p) => p.page === 1);
		expect(page1?.added.join(' ')).toContain('Đoạn bổ sung số 1');
	});

	it('a sentence reworded beside a note keeps the note beside its line', async () => {
		const line = 10;
		const old = linesOf(v1.layouts[0]!)[line]!;
		const note: Mark = { ...base, id: 'note-1', kind: 'note', page: 1, x: old.x1 + 12, y: old.y + 4, text: 'Số liệu này lấy từ đâu?', resolved: false };
		const words = lines[0]![line]!.split(' ');
		const reworded = [...words.slice(0, -4), 'được', 'viết', 'lại', 'hoàn toàn'].join(' ');
		const edited = lines.map((p, i) => (i === 0 ? p.map((l, j) => (j === line ? reworded : l)) : p));
		const { placed, changes } = await carry(v1, edited, perPage, note);
		expect(placed).toHaveProperty('mark');
		if (!('mark' in placed) || placed.mark.kind !== 'note') return;
		expect(placed.mark.page).toBe(1);
		// Beside the same line of the new version: its baseline, 4 points up (line spacing differs by a fraction).
		expect(Math.abs(placed.mark.y - (TOP - line * LINE_HEIGHT + 4))).toBeLessThan(3);
		expect(placed.mark.text).toBe(note.text);
		expect(changes.pages.map((p) => p.page)).toEqual([1]);
	});

	it('a deleted paragraph orphans its highlight, keeping its quote', async () => {
		const page = 3;
		const paragraph = paragraphsOf(v1.layouts[page - 1]!, page)[1]!;
		const inParagraph = (l: string) => paragraph.text.includes(normalize(l));
		const own = lines[page - 1]!.filter(inParagraph);
		const phrase = phraseOf(own[Math.floor(own.length / 2)]!);
		expect(v1.text.find(phrase)).toHaveLength(1);
		const mark = highlight(v1, page, phrase);
		const edited = lines.map((p, i) => (i === page - 1 ? p.filter((l) => !inParagraph(l)) : p));
		const { placed, changes } = await carry(v1, edited, perPage, mark);
		expect(placed).toEqual({ orphan: true, quote: phrase });
		expect(changes.pages.find((p) => p.page === page)?.removed.join(' ')).toContain(phrase);
	});
});

describe('carrying marks on the TraceMonkey paper', { timeout: 30_000 }, () => {
	let v1: VersionPages;
	let lines: Pages;
	let perPage: number;
	beforeAll(async () => {
		v1 = pagesOf((await inspectPdf(pdfPath('tracemonkey.pdf'))).layouts);
		lines = linesByPage(v1.layouts);
		perPage = Math.max(...lines.map((p) => p.length));
	}, 30_000);

	/** A phrase of three words that one page holds exactly twice, each time within one line, in its top half. */
	function twice(): { page: number; phrase: string } {
		for (let p = 1; p <= lines.length; p++) {
			const own = lines[p - 1]!.slice(0, Math.floor(lines[p - 1]!.length / 2));
			const text = v1.text.text(p);
			const seen = new Map<string, number>();
			for (const line of own) {
				const words = line.split(' ');
				for (let i = 0; i + 3 <= words.length; i++) {
					const phrase = words.slice(i, i + 3).join(' ');
					if (phrase.length >= 12 && /^[a-z ]+$/i.test(phrase)) seen.set(phrase, (seen.get(phrase) ?? 0) + 1);
				}
			}
			for (const [phrase, n] of seen) {
				if (n === 2 && text.split(phrase).length === 3) return { page: p, phrase };
			}
		}
		throw new Error('no page holds a phrase twice');
	}

	it('of two identical phrases on a page, the highlight follows the one whose context matches', async () => {
		const { page, phrase } = twice();
		const mark = highlight(v1, page, phrase, 1);
		const edited = lines.map((p, i) => (i === page - 1 ? ['A paragraph the secretariat added', 'at the top of this page.', ...p] : p));
		const { next, placed } = await carry(v1, edited, perPage + 2, mark);
		expect(placed).toHaveProperty('mark');
		if (!('mark' in placed) || placed.mark.kind !== 'highlight') return;
		expect(placed.mark.page).toBe(page);
		expect(placed.mark.rects).toEqual(rectsOf(next, page, phrase, 1));
		expect(placed.mark.rects).not.toEqual(rectsOf(next, page, phrase, 0));
	});

	it('a highlight on an unchanged page stays on the same words', async () => {
		const page = 2;
		const phrase = phraseOf(lines[page - 1]![5]!);
		const mark = highlight(v1, page, phrase);
		const { next, placed, changes } = await carry(v1, lines, perPage, mark);
		expect('mark' in placed && placed.mark.kind === 'highlight' && placed.mark.rects).toEqual(rectsOf(next, page, phrase));
		expect(changes.pages).toEqual([]);
	});
});
