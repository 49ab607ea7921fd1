/**
 * Snippets for search hits: a short window of the ORIGINAL text (with its diacritics and its đ) around the
 * matched words, with the matched ranges as offsets into the snippet, for the page to wrap in <mark>.
 */

import { indexForm, WORD } from './fold';

/** Half-open [start, end) ranges in UTF-16 code units, as JavaScript strings count. */
export type Range = [number, number];

export interface Snippet {
	text: string;
	highlights: Range[];
}

/**
 * Where the query's words occur in `text`: every token whose index form (fold.ts) equals one of `words`, or starts
 * with the last one when it is searched as a prefix. The same tokens FTS5 matched, found again here rather than with
 * highlight(), which would re-run the MATCH once per hit (for a prefix, re-reading its whole doclist each time).
 */
export function matchRanges(text: string, words: readonly string[], prefixLast: boolean): Range[] {
	const exact = new Set(words.map(indexForm));
	const prefix = prefixLast && words.length > 0 ? indexForm(words[words.length - 1]!) : null;
	const ranges: Range[] = [];
	for (const token of text.matchAll(WORD)) {
		const form = indexForm(token[0]);
		if (exact.has(form) || (prefix !== null && form.startsWith(prefix))) ranges.push([token.index, token.index + token[0].length]);
	}
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
