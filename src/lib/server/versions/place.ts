import type { Mark } from '../../collab/annotations';
import { round, translation } from '../../collab/mark-geometry';
import { anchorOf, type Anchor, type Landmark } from './anchor';
import { charBox, rectsOfRange, type PageLayout } from './layout';
import type { VersionText } from './text-index';

/** One version's text, in both forms the anchoring needs. */
export interface VersionPages {
	layouts: readonly PageLayout[];
	text: VersionText;
}

export type Placement = { mark: Mark; quote: string } | { orphan: true; quote: string };

/** A landmark whose best place beats the next best by less than this (in context letters) is ambiguous. */
const MARGIN = 3;
/** Each page away from where the old page's text went costs this much context. */
const PAGE_COST = 2;

function sharedSuffix(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
	return n;
}

function sharedPrefix(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a[n] === b[n]) n++;
	return n;
}

/**
 * Where a landmark is in the new version: the occurrence whose surrounding text matches best, nearer the page the
 * old page's text went to breaking ties. Null when it is not there, or when two places are equally good: a mark
 * that cannot be placed with confidence is orphaned, never put on a guess.
 */
export function locate(landmark: Landmark, next: VersionText, expectedPage: number): { page: number; at: number } | null {
	// Near where the old page went first. A hit there whose context is all but perfect cannot be beaten or tied by
	// one farther away (each page away costs PAGE_COST), so the rest of the document need not be searched.
	const near = best(landmark, next, expectedPage, next.find(landmark.text, 64, expectedPage - NEAR, expectedPage + NEAR));
	const perfect = landmark.before.length + landmark.after.length;
	if (near && near.score >= perfect - PAGE_COST * (NEAR + 1) + MARGIN) return near.hit;
	return best(landmark, next, expectedPage, next.find(landmark.text))?.hit ?? null;
}

/** Pages either side of the expected one searched first. */
const NEAR = 2;

/** The best-scoring hit, or null when there is none or two are within MARGIN of each other. */
function best(landmark: Landmark, next: VersionText, expectedPage: number, hits: { page: number; at: number }[]): { hit: { page: number; at: number }; score: number } | null {
	if (hits.length === 0) return null;
	const scored = hits.map((hit) => {
		const text = next.text(hit.page);
		const context =
			sharedSuffix(landmark.before, text.slice(Math.max(0, hit.at - landmark.before.length), hit.at)) +
			sharedPrefix(landmark.after, text.slice(hit.at + landmark.text.length, hit.at + landmark.text.length + landmark.after.length));
		return { hit, score: context - PAGE_COST * Math.min(10, Math.abs(hit.page - expectedPage)) };
	});
	scored.sort((x, y) => y.score - x.score);
	const [top, second] = scored;
	if (second && top!.score - second.score < MARGIN) return null;
	return top!;
}

/** Carries one mark of the previous version into the new one, or says it is orphaned (with the words it quoted). */
export function placeMark(mark: Mark, previous: VersionPages, next: VersionPages, pageMap: readonly number[]): Placement {
	const oldLayout = previous.layouts[mark.page - 1];
	const anchor: Anchor | null = oldLayout ? anchorOf(mark, oldLayout, previous.text) : null;
	const expected = pageMap[mark.page - 1] ?? mark.page;
	if (!anchor) return unchangedPage(mark, previous, next, expected) ?? { orphan: true, quote: mark.kind === 'highlight' ? mark.text : '' };
	for (const landmark of anchor.landmarks) {
		const found = locate(landmark, next.text, expected);
		if (!found) {
			// A highlight is its words: if they are gone, so is its place.
			if (mark.kind === 'highlight') break;
			continue;
		}
		const layout = next.layouts[found.page - 1]!;
		const [rawStart, rawEnd] = next.text.rawRange(found.page, found.at, found.at + landmark.text.length);
		if (mark.kind === 'highlight') {
			const rects = rectsOfRange(layout, rawStart, rawEnd);
			if (rects.length === 0) break;
			return { quote: anchor.quote, mark: { ...mark, page: found.page, rects } };
		}
		const box = charBox(layout, rawStart);
		if (!box) continue;
		const dx = round(box.x + landmark.dx - anchor.ref[0]);
		const dy = round(box.y + landmark.dy - anchor.ref[1]);
		return { quote: anchor.quote, mark: { ...mark, ...translation(mark, dx, dy), page: found.page } as Mark };
	}
	return unchangedPage(mark, previous, next, expected, anchor.quote) ?? { orphan: true, quote: anchor.quote };
}

/**
 * A mark no words hold (a stroke over a figure, a note in an empty corner) keeps its place when its page came
 * over whole: the same text, laid out the same, on the page the old one went to. Anything less is a guess.
 */
function unchangedPage(mark: Mark, previous: VersionPages, next: VersionPages, page: number, quote = ''): Placement | null {
	const before = previous.layouts[mark.page - 1];
	const after = next.layouts[page - 1];
	if (!before || !after || !before.text.trim()) return null;
	const same = before.text === after.text && before.runs.length === after.runs.length && before.runs.every((v, i) => v === after.runs[i]);
	return same ? { quote, mark: { ...mark, page } } : null;
}
