/**
 * Snippets for search hits: a short window of the ORIGINAL text (with its diacritics and its đ) around the
 * matched words, with the matched ranges as offsets into the snippet, for the page to wrap in <mark>.
 */

import { indexForm } from './fold';

/** Half-open [start, end) ranges in UTF-16 code units, as JavaScript strings count. */
export type Range = [number, number];

export interface Snippet {
	text: string;
	highlights: Range[];
}

/**
 * For each letter of an index form, every character that folds to it ('a' → 'aàáảãạăằắẳẵặâầấẩẫậAÀ…'), from the Latin
 * blocks (Vietnamese included). Built once; a query word becomes one regular expression instead of every token of
 * every page being folded one by one (that cost ~5 ms of CPU for a page of 20 hits).
 */
const VARIANTS: ReadonlyMap<string, string> = (() => {
	const map = new Map<string, string>();
	const blocks: [number, number][] = [
		[0x41, 0x24f],
		[0x1e00, 0x1eff]
	];
	for (const [from, to] of blocks) {
		for (let cp = from; cp <= to; cp++) {
			const c = String.fromCodePoint(cp);
			if (!/\p{L}/u.test(c)) continue;
			const form = indexForm(c);
			if (form.length === 1) map.set(form, (map.get(form) ?? '') + c);
		}
	}
	return map;
})();

/** Query words are letters and digits only (fold.ts `WORD`); escaped anyway, with what the `u` flag accepts. */
const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** A word's index form as a pattern for the original text: any variant of each letter, any combining marks after it. */
function wordPattern(form: string): string {
	return [...form].map((ch) => `${VARIANTS.has(ch) ? `[${VARIANTS.get(ch)}]` : escapeRegExp(ch)}\\p{M}*`).join('');
}

const TOKEN_CHAR = '[\\p{L}\\p{N}\\p{M}\\p{Co}]';

/**
 * Where the query's words occur in `text`: every token (fold.ts `WORD`) whose index form is one of `words`, or starts
 * with the last one when it is searched as a prefix. The same tokens FTS5 matched (a unit test compares this with
 * FTS5's highlight()), found again here rather than with highlight(), which would re-run the MATCH once per hit.
 */
export function matchRanges(text: string, words: readonly string[], prefixLast: boolean): Range[] {
	if (words.length === 0) return [];
	const forms = [...new Set(words.map(indexForm))].filter((f) => f !== '');
	const prefix = prefixLast ? indexForm(words[words.length - 1]!) : null;
	const alternatives = forms.map((f) => `${wordPattern(f)}(?!${TOKEN_CHAR})`);
	if (prefix) alternatives.push(`${wordPattern(prefix)}${TOKEN_CHAR}*`);
	const pattern = new RegExp(`(?<!${TOKEN_CHAR})(?:${alternatives.join('|')})`, 'giu');
	const ranges: Range[] = [];
	for (const match of text.matchAll(pattern)) ranges.push([match.index, match.index + match[0].length]);
	return ranges;
}

export interface SnippetOptions {
	/** Characters of original text in the window (before whitespace is collapsed). */
	width?: number;
	/** How much text to keep before the first highlight of the window. */
	lead?: number;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/**
 * A window of `text` of about `width` characters holding as many of `ranges` as possible, cut at spaces, with runs
 * of whitespace (the line breaks of a PDF page) shown as one space and "…" where text was left out.
 */
export function buildSnippet(text: string, ranges: Range[], options: SnippetOptions = {}): Snippet {
	const width = options.width ?? 240;
	const lead = options.lead ?? 60;
	const sorted = ranges.filter(([s, e]) => s >= 0 && e <= text.length && s < e).sort((a, b) => a[0] - b[0]);

	// The window that starts at the highlight with the most highlights fitting after it.
	let anchor = 0;
	let best = -1;
	for (let i = 0; i < sorted.length; i++) {
		let n = 0;
		for (let k = i; k < sorted.length && sorted[k]![1] <= sorted[i]![0] - lead + width; k++) n++;
		if (n > best) {
			best = n;
			anchor = sorted[i]![0];
		}
	}
	let start = sorted.length > 0 ? Math.max(0, anchor - lead) : 0;
	let end = Math.min(text.length, start + width);
	if (end === text.length) start = Math.max(0, end - width);

	// Cut at word boundaries, but never through a highlight and never by more than a word's length.
	const firstInside = sorted.find(([s]) => s >= start)?.[0] ?? end;
	if (start > 0 && !isSpace(text[start - 1])) {
		let s = start;
		while (s < firstInside && s - start < 20 && !isSpace(text[s])) s++;
		if (s < firstInside && isSpace(text[s])) start = s;
	}
	const lastInside = [...sorted].reverse().find(([, e]) => e <= end)?.[1] ?? start;
	if (end < text.length && !isSpace(text[end])) {
		let e = end;
		while (e > lastInside && end - e < 20 && !isSpace(text[e - 1])) e--;
		if (e > lastInside && isSpace(text[e - 1])) end = e;
	}

	// Copy the window, collapsing whitespace, and carry each highlight over to the new offsets.
	let out = start > 0 ? '…' : '';
	const map = new Map<number, number>();
	let pendingSpace = false;
	for (let i = start; i < end; i++) {
		const c = text[i]!;
		if (isSpace(c)) {
			pendingSpace = out.length > 0 && out !== '…';
			continue;
		}
		if (pendingSpace) out += ' ';
		pendingSpace = false;
		map.set(i, out.length);
		out += c;
	}
	map.set(end, out.length);
	const highlights: Range[] = [];
	for (const [s, e] of sorted) {
		if (s < start || e > end) continue;
		const from = map.get(s);
		// The end maps through the last character of the range, so whitespace after it is not highlighted.
		const to = map.get(e - 1);
		if (from === undefined || to === undefined) continue;
		highlights.push([from, to + 1]);
	}
	if (end < text.length) out += '…';
	return { text: out, highlights };
}
