/**
 * Reading mode's geometry, in plain functions: which zoom lets the page fill the screen, and which touch
 * gestures turn a page.
 */

/** The share of the screen a page must cover for "the whole page" to be the better fit. */
const WHOLE_PAGE_SHARE = 0.9;

export interface FillInput {
	/** The page's size at zoom 1, in CSS pixels. */
	pageWidth: number;
	pageHeight: number;
	/** The area the pages are shown in, in CSS pixels. */
	stageWidth: number;
	stageHeight: number;
}

/**
 * The zoom at which the page fills the screen. The whole page when it covers at least 90 % of the screen that
 * way (a portrait page on a portrait tablet); otherwise the page's full width, the reader scrolling down it (a
 * portrait page on a landscape tablet, or on a phone, where the next page follows right below).
 */
export function fillScale({ pageWidth, pageHeight, stageWidth, stageHeight }: FillInput): number {
	if (!(pageWidth > 0 && pageHeight > 0 && stageWidth > 0 && stageHeight > 0)) return 1;
	const byWidth = stageWidth / pageWidth;
	const whole = Math.min(byWidth, stageHeight / pageHeight);
	const covered = (pageWidth * whole * pageHeight * whole) / (stageWidth * stageHeight);
	return covered >= WHOLE_PAGE_SHARE ? whole : byWidth;
}

export interface TouchTrack {
	dx: number;
	dy: number;
	/** Milliseconds from touch down to up. */
	ms: number;
}

/** A swipe is quick, long enough not to be a wobbly tap, and mostly sideways (a vertical drag scrolls). */
const SWIPE_MIN_PX = 50;
const SWIPE_MAX_MS = 700;
const SWIPE_SIDEWAYS_RATIO = 1.5;

/**
 * The page a horizontal swipe turns to: 1 (next: the finger moved left, as in a book), -1 (previous) or 0 (not
 * a swipe). `canPan` says the page is wider than the screen (zoomed in): the finger then pans, never turns.
 */
export function swipeDirection({ dx, dy, ms }: TouchTrack, canPan: boolean): 1 | -1 | 0 {
	if (canPan || ms > SWIPE_MAX_MS || Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < Math.abs(dy) * SWIPE_SIDEWAYS_RATIO) return 0;
	return dx < 0 ? 1 : -1;
}

/** How wide each edge's tap zone is, as a share of the stage's width. */
export const EDGE_SHARE = 0.2;

/** What a tap at `x` (from the stage's left edge) does: -1 previous page, 1 next page, 0 show or hide the bar. */
export function edgeTap(x: number, stageWidth: number): 1 | -1 | 0 {
	if (!(stageWidth > 0)) return 0;
	if (x < stageWidth * EDGE_SHARE) return -1;
	if (x > stageWidth * (1 - EDGE_SHARE)) return 1;
	return 0;
}
