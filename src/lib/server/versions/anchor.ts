import type { Mark } from '../../collab/annotations';
import { boundsOf } from '../../collab/mark-geometry';
import { charBox, nearestOffset, offsetsUnder } from './layout';
import { normalize, type VersionText } from './text-index';
import type { PageLayout } from './layout';

/**
 * Where a mark sits in the text of its version: a landmark is a stretch of words with the text around it (its
 * context) and where the mark's reference point is relative to the landmark's first letter. A highlight has one
 * landmark, its own words. A note, a stroke or a shape has the words under or nearest to it, then stretches
 * before and after those, so it keeps its place when the sentence it sits beside is reworded.
 */
export interface Landmark {
	text: string;
	before: string;
	after: string;
	/** The mark's reference point minus the landmark's first letter's box corner, in PDF units. */
	dx: number;
	dy: number;
}

export interface Anchor {
	/** The words the mark is about: a highlight's own, else those under or nearest to it. */
	quote: string;
	landmarks: Landmark[];
	/** The point every landmark's offset is measured to. */
	ref: readonly [number, number];
}

const CONTEXT = 48;
/** A word window long enough to be told apart on a page; shorter stretches occur everywhere. */
const WINDOW = 28;
/**
 * A note farther than this (points; vertical distance counts double) from any text is about a figure or an empty
 * stretch of the page, not words. Generous sideways: delegates pin notes in the margin beside a short line.
 */
const MAX_NOTE_DISTANCE = 180;

export function referencePoint(mark: Mark): [number, number] {
	switch (mark.kind) {
		case 'note':
			return [mark.x, mark.y];
		case 'highlight': {
			const r = mark.rects[0];
			return r ? [r.x, r.y] : [0, 0];
		}
		default: {
			const b = boundsOf(mark);
			return [b.x, b.y + b.height];
		}
	}
}

function contextOf(text: string, start: number, end: number): { before: string; after: string } {
	return { before: text.slice(Math.max(0, start - CONTEXT), start), after: text.slice(end, end + CONTEXT) };
}

function wordStart(text: string, i: number): number {
	while (i > 0 && text[i - 1] !== ' ') i--;
	return i;
}

function wordEnd(text: string, i: number): number {
	while (i < text.length && text[i] !== ' ') i++;
	return i;
}

/** Whole words from `start` until the stretch is at least `WINDOW` long. */
function windowFrom(text: string, start: number): [number, number] {
	let end = wordEnd(text, start);
	while (end - start < WINDOW && end < text.length) end = wordEnd(text, end + 1);
	return [start, end];
}

/** Whole words ending at `end`, at least `WINDOW` long. */
function windowTo(text: string, end: number): [number, number] {
	let start = wordStart(text, end);
	while (end - start < WINDOW && start > 0) start = wordStart(text, start - 1);
	return [start, end];
}

function landmarkAt(version: VersionText, layout: PageLayout, page: number, [s, e]: [number, number], ref: readonly [number, number]): Landmark | null {
	const text = version.text(page);
	const words = text.slice(s, e).trim();
	if (words.length < 4) return null;
	const box = charBox(layout, version.rawRange(page, s, s + 1)[0]);
	if (!box) return null;
	return { text: words, ...contextOf(text, s, e), dx: ref[0] - box.x, dy: ref[1] - box.y };
}

/** The anchor of a mark on its page of the previous version, or null when nothing in the text holds it. */
export function anchorOf(mark: Mark, layout: PageLayout, version: VersionText): Anchor | null {
	const page = mark.page;
	const text = version.text(page);
	if (!text) return null;
	const ref = referencePoint(mark);
	if (mark.kind === 'highlight') return highlightAnchor(mark, layout, version, ref);

	let first: number;
	let last: number;
	const under = mark.kind === 'note' ? [] : offsetsUnder(layout, [boundsOf(mark)]);
	if (under.length > 0) {
		first = version.normalizedAt(page, under[0]!);
		last = version.normalizedAt(page, under.at(-1)!) + 1;
	} else {
		const target: [number, number] = mark.kind === 'note' ? [mark.x, mark.y] : centreOf(mark);
		const near = nearestOffset(layout, target);
		if (!near || near.distance > MAX_NOTE_DISTANCE) return null;
		first = version.normalizedAt(page, near.offset);
		last = first + 1;
	}
	// The words under it (a stroke over a sentence), or a window of words around its nearest letter.
	const [s, e] = last - first >= WINDOW ? [wordStart(text, first), wordEnd(text, Math.min(text.length, last) - 1)] : windowFrom(text, wordStart(text, Math.max(0, first - 8)));
	const quote = text.slice(s, Math.min(e, s + 200)).trim();
	const landmarks: Landmark[] = [];
	const push = (range: [number, number]) => {
		if (range[1] <= range[0]) return;
		const l = landmarkAt(version, layout, page, range, ref);
		if (l && !landmarks.some((x) => x.text === l.text)) landmarks.push(l);
	};
	push([s, Math.min(e, s + 200)]);
	// Beside it: the words before and after, then the next stretches out; nearest first.
	const before1 = s > 1 ? windowTo(text, s - 1) : null;
	const after1 = e + 1 < text.length ? windowFrom(text, e + 1) : null;
	if (before1) push(before1);
	if (after1) push(after1);
	if (before1 && before1[0] > 1) push(windowTo(text, before1[0] - 1));
	if (after1 && after1[1] + 1 < text.length) push(windowFrom(text, after1[1] + 1));
	return landmarks.length > 0 ? { quote, landmarks, ref } : null;
}

function centreOf(mark: Mark): [number, number] {
	const b = boundsOf(mark);
	return [b.x + b.width / 2, b.y + b.height / 2];
}

/**
 * A highlight's words are its anchor. They may occur more than once on the page: the occurrence under the
 * highlight's rectangles is the one it was made on, and its context is what tells it apart in the new version.
 */
function highlightAnchor(mark: Extract<Mark, { kind: 'highlight' }>, layout: PageLayout, version: VersionText, ref: readonly [number, number]): Anchor | null {
	const page = mark.page;
	const text = version.text(page);
	let quote = normalize(mark.text);
	let start = -1;
	if (quote) {
		let best = Infinity;
		for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
			const box = charBox(layout, version.rawRange(page, i, i + 1)[0]);
			const d = box ? Math.hypot(box.x - ref[0], box.y - ref[1]) : Infinity;
			if (d < best || start < 0) (best = d), (start = i);
		}
	}
	if (start < 0) {
		// The words the highlight quotes are not on its page as pdf.js reads it now: take the letters under it.
		const under = offsetsUnder(layout, mark.rects);
		if (under.length === 0) return null;
		start = version.normalizedAt(page, under[0]!);
		quote = text.slice(start, version.normalizedAt(page, under.at(-1)!) + 1).trim();
		if (!quote) return null;
	}
	const end = start + quote.length;
	const box = charBox(layout, version.rawRange(page, start, start + 1)[0]);
	return { quote, ref, landmarks: [{ text: quote, ...contextOf(text, start, end), dx: box ? ref[0] - box.x : 0, dy: box ? ref[1] - box.y : 0 }] };
}
