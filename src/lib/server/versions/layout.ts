import type { Rect } from '../../collab/annotations';
import { mergeLineRects, round } from '../../collab/mark-geometry';

/**
 * Where the text of one page sits, as pdf.js reported it at upload: its runs in reading order, each with its
 * baseline origin and size in PDF user space (the units marks are stored in). Character positions inside a run
 * are interpolated along its width: close enough to draw a highlight over the same words, and it needs nothing
 * but what the upload already extracted.
 */
export interface PageLayout {
	/** The page's box [x0, y0, x1, y1] in PDF user space. */
	view: [number, number, number, number];
	/** The page's text: the runs one after another, '\n' after a run that ends a line. */
	text: string;
	/** Six numbers per run: start and end offset in `text` (the '\n' excluded), x, y (baseline), width, height. */
	runs: number[];
}

/** What the pdf.js worker sends per page (inspect.ts): the runs' strings and five numbers each (x, y, w, h, eol). */
export interface RawPageRuns {
	view: number[];
	strs: string[];
	nums: number[];
}

export const RUN = 6;

export function layoutFromRuns(raw: RawPageRuns, clean: (s: string) => string = (s) => s): PageLayout {
	let text = '';
	const runs: number[] = [];
	for (let i = 0; i < raw.strs.length; i++) {
		const str = clean(raw.strs[i]!);
		const [x, y, w, h, eol] = raw.nums.slice(i * 5, i * 5 + 5) as [number, number, number, number, number];
		const start = text.length;
		text += str;
		if (str.length > 0) runs.push(start, text.length, round(x), round(y), round(w), round(Math.abs(h)));
		if (eol) text += '\n';
	}
	const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = raw.view;
	return { view: [x0, y0, x1, y1], text, runs };
}

/** An empty page: what a page without extractable text (a scan) is. */
export const blankLayout = (view: PageLayout['view'] = [0, 0, 0, 0]): PageLayout => ({ view, text: '', runs: [] });

/** The run holding text offset `offset`, or -1 (a '\n' or past the end). Binary search: runs are in offset order. */
export function runAt(layout: PageLayout, offset: number): number {
	const r = layout.runs;
	let lo = 0;
	let hi = r.length / RUN - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const start = r[mid * RUN]!;
		const end = r[mid * RUN + 1]!;
		if (offset < start) hi = mid - 1;
		else if (offset >= end) lo = mid + 1;
		else return mid;
	}
	return -1;
}

/** The box of the character at `offset` (interpolated in its run), or null for a character that has none. */
export function charBox(layout: PageLayout, offset: number): Rect | null {
	const i = runAt(layout, offset);
	if (i < 0) return null;
	const [start, end, x, y, w, h] = layout.runs.slice(i * RUN, i * RUN + RUN) as [number, number, number, number, number, number];
	const per = w / (end - start);
	return { x: x + per * (offset - start), y: y - h * 0.2, width: per, height: h * 1.1 };
}

/** Highlight rectangles over text offsets [start, end): one per line, as a reader's selection would give. */
export function rectsOfRange(layout: PageLayout, start: number, end: number): Rect[] {
	const out: Rect[] = [];
	const r = layout.runs;
	for (let i = Math.max(0, runAt(layout, start)); i < r.length / RUN; i++) {
		const [s, e, x, y, w, h] = r.slice(i * RUN, i * RUN + RUN) as [number, number, number, number, number, number];
		if (s >= end) break;
		if (e <= start) continue;
		const per = w / (e - s);
		const from = Math.max(s, start);
		const to = Math.min(e, end);
		out.push({ x: x + per * (from - s), y: y - h * 0.2, width: per * (to - from), height: h * 1.1 });
	}
	return mergeLineRects(out).map((q) => ({ x: round(q.x), y: round(q.y), width: round(q.width), height: round(q.height) }));
}

/** Offsets of the characters whose centre lies in one of `rects` (grown by `slack` points). */
export function offsetsUnder(layout: PageLayout, rects: readonly Rect[], slack = 1): number[] {
	const out: number[] = [];
	const r = layout.runs;
	for (let i = 0; i < r.length / RUN; i++) {
		const [s, e, x, y, w, h] = r.slice(i * RUN, i * RUN + RUN) as [number, number, number, number, number, number];
		const cy = y + h * 0.35;
		const per = w / (e - s);
		for (const q of rects) {
			if (cy < q.y - slack || cy > q.y + q.height + slack) continue;
			for (let k = s; k < e; k++) {
				const cx = x + per * (k - s + 0.5);
				if (cx >= q.x - slack && cx <= q.x + q.width + slack) out.push(k);
			}
		}
	}
	return [...new Set(out)].sort((a, b) => a - b);
}

/**
 * The character nearest to a point, with its distance; vertical distance counts double, so a note beside a line
 * takes that line's words rather than the line above's. Null on a page without text.
 */
export function nearestOffset(layout: PageLayout, [px, py]: readonly [number, number]): { offset: number; distance: number } | null {
	let best: { offset: number; distance: number } | null = null;
	const r = layout.runs;
	for (let i = 0; i < r.length / RUN; i++) {
		const [s, e, x, y, w, h] = r.slice(i * RUN, i * RUN + RUN) as [number, number, number, number, number, number];
		const dy = Math.max(0, Math.abs(py - (y + h * 0.35)) - h * 0.55);
		const dx = px < x ? x - px : px > x + w ? px - (x + w) : 0;
		const distance = Math.hypot(dx, 2 * dy);
		if (best && distance >= best.distance) continue;
		const per = w / (e - s);
		const k = Math.min(e - 1, Math.max(s, s + Math.floor((px - x) / (per || 1))));
		best = { offset: k, distance };
	}
	return best;
}

/** Stored as JSON; numbers are already rounded to 1/100 point. */
export const encodeLayout = (layout: PageLayout): string => JSON.stringify(layout);

export function decodeLayout(json: string): PageLayout {
	const v = JSON.parse(json) as PageLayout;
	return { view: v.view, text: v.text, runs: v.runs };
}
