import type { PageLayout } from './layout';

/**
 * Text as compared across versions: every run of white space (line ends included) is one space, soft hyphens
 * and zero-width characters are dropped, and case is kept (a highlight quotes exact words). `raw[i]` is the offset
 * in the page's own text of the i-th normalized character, so a match maps back to positions on the page.
 */
export interface NormalizedText {
	text: string;
	raw: Int32Array;
}

/** Soft hyphen, zero-width space and joiners, word joiner, BOM: invisible, and placed differently by each typesetter. */
const invisible = (code: number) => code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;

export function normalizeWithMap(source: string): NormalizedText {
	const chars: string[] = [];
	const raw = new Int32Array(source.length + 1);
	let n = 0;
	let space = true; // drops leading white space
	for (let i = 0; i < source.length; i++) {
		const code = source.charCodeAt(i);
		if (invisible(code)) continue;
		const c = source[i]!;
		if (code === 32 || code === 10 || code === 9 || code === 13 || code === 0xa0 || code === 12) {
			if (space) continue;
			space = true;
			chars.push(' ');
		} else {
			space = false;
			chars.push(c);
		}
		raw[n++] = i;
	}
	if (chars.at(-1) === ' ') {
		chars.pop();
		n--;
	}
	raw[n] = source.length;
	return { text: chars.join(''), raw: raw.subarray(0, n + 1) };
}

/** The same normalization without the map: for quotes and paragraphs. */
export function normalize(source: string): string {
	return normalizeWithMap(source).text;
}

/**
 * Every page of one version in one string (pages apart by a character no text holds, so nothing matches across a
 * page break), searched by `indexOf`: V8's string search is fast enough for a 352-page book a thousand times.
 */
export class VersionText {
	readonly pages: NormalizedText[];
	readonly all: string;
	/** Offset of each page's first character in `all`. */
	readonly starts: number[];

	constructor(layouts: readonly PageLayout[]) {
		this.pages = layouts.map((l) => normalizeWithMap(l.text));
		this.starts = [];
		let at = 0;
		for (const p of this.pages) {
			this.starts.push(at);
			at += p.text.length + 1;
		}
		this.all = this.pages.map((p) => p.text).join('\u0000');
	}

	/**
	 * Every place `needle` occurs, as (page, offset in that page's normalized text); at most `limit` of them. Only
	 * on pages `first`..`last` when given (searching a few pages is what keeps a thousand marks fast).
	 */
	find(needle: string, limit = 64, first = 1, last = this.starts.length): { page: number; at: number }[] {
		const out: { page: number; at: number }[] = [];
		first = Math.max(1, first);
		last = Math.min(this.starts.length, last);
		if (!needle || first > last) return out;
		const start = this.starts[first - 1]!;
		const end = last < this.starts.length ? this.starts[last]! - 1 : this.all.length;
		// A slice (V8 shares the characters), so a search that finds nothing more stops at `last`, not at the book's end.
		const hay = start === 0 && end === this.all.length ? this.all : this.all.slice(start, end);
		for (let from = 0; out.length < limit; ) {
			const i = hay.indexOf(needle, from);
			if (i < 0) break;
			const page = this.pageOf(start + i);
			out.push({ page: page + 1, at: start + i - this.starts[page]! });
			from = i + 1;
		}
		return out;
	}

	pageOf(offset: number): number {
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.starts[mid]! <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** Normalized text of page `page` (1-based). */
	text(page: number): string {
		return this.pages[page - 1]?.text ?? '';
	}

	/** Offsets in the page's own text of normalized [start, end). */
	rawRange(page: number, start: number, end: number): [number, number] {
		const p = this.pages[page - 1]!;
		const s = p.raw[start]!;
		const e = end > 0 ? p.raw[end - 1]! + 1 : s;
		return [s, e];
	}

	/** The normalized offset of raw offset `raw` on a page (the first normalized character at or after it). */
	normalizedAt(page: number, raw: number): number {
		const map = this.pages[page - 1]!.raw;
		let lo = 0;
		let hi = map.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (map[mid]! < raw) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
