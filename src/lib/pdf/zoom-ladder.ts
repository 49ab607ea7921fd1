/**
 * The zoom a reader can choose, as a factor of the page's natural size (1 = 100 %). Buttons step along the
 * ladder; wheel and pinch zoom move smoothly between its ends. Beyond 400 % a page is a blur of a few words and
 * its canvas outgrows a tablet's memory; below 50 % nothing on it can be read.
 */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 4;
export const ZOOM_LADDER: readonly number[] = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];

/** Wheel pixels per factor e (a mouse notch of 100 px is then about ×1.2, one rung of the ladder). */
const WHEEL_PIXELS_PER_E = 550;
/** One wheel event never zooms by more than one rung, whatever the device reports (some send 1,000 px). */
const MAX_WHEEL_FACTOR = 1.25;

/** Steps smaller than this are rounding noise (pdf.js keeps scales to 1 %). */
const EPSILON = 0.005;

export function clampZoom(scale: number): number {
	if (!Number.isFinite(scale)) return 1;
	return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, scale));
}

/**
 * The next rung above (`direction` 1) or below (-1) `current`. A zoom between rungs (after a pinch or a fit)
 * goes to the nearest rung in that direction, so the first tap never jumps over one. A fit may lie beyond the
 * ladder (a whole page on a small screen can need 43 %): a step further out then stays where it is, never jumps
 * the other way.
 */
export function stepZoom(current: number, direction: 1 | -1): number {
	if (direction > 0) return ZOOM_LADDER.find((rung) => rung > current + EPSILON) ?? Math.max(current, MAX_ZOOM);
	return [...ZOOM_LADDER].reverse().find((rung) => rung < current - EPSILON) ?? Math.min(current, MIN_ZOOM);
}

/**
 * The factor one Ctrl/⌘+wheel event zooms by: proportional to the distance the wheel (or a trackpad pinch)
 * travelled, so a slow gesture zooms slowly, and never more than one rung per event.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
	// deltaMode 1 = lines (Firefox's mouse wheel), 2 = pages.
	const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
	if (!Number.isFinite(pixels)) return 1;
	const factor = Math.exp(-pixels / WHEEL_PIXELS_PER_E);
	return Math.min(MAX_WHEEL_FACTOR, Math.max(1 / MAX_WHEEL_FACTOR, factor));
}

/**
 * The zoom a gesture lands on: `current` times the gesture's factor, kept within the ladder's ends. From a zoom
 * beyond an end (a fit), a gesture never moves the wrong way: zooming out from 43 % stays at 43 %.
 */
export function zoomBy(current: number, factor: number): number {
	if (!Number.isFinite(factor) || factor <= 0) return current;
	const target = clampZoom(current * factor);
	if ((factor < 1 && target > current) || (factor > 1 && target < current)) return current;
	return target;
}
