import { edgeTap, swipeDirection } from './reading-fit';

interface ReadingGestureOptions {
	/** Turn one page: 1 next, -1 previous. */
	turn: (direction: 1 | -1) => void;
	/** A tap in the middle of the page: show (or hide) the reading bar. */
	tapMiddle: () => void;
	/** Whether the pages are wider than the screen, so a sideways finger pans. */
	canPan: () => boolean;
	signal: AbortSignal;
}

/** A tap moves less than this and lasts less than this; anything more is a drag, a scroll or a long press. */
const TAP_SLOP_PX = 10;
const TAP_MAX_MS = 500;

/** Links in the page, marks and their pins keep their own meaning for a tap. */
const OWN_TAP = 'a, button, input, textarea, select, [data-mark-id], .pin';

/**
 * Reading mode's gestures on the pages' scroll area: a horizontal swipe turns the page (not while zoomed in,
 * when the finger pans), a tap on the left or right edge turns it too, a tap in the middle shows the bar.
 * Vertical scrolling and pinch stay the browser's and pinch.ts's.
 */
export function readingGestures(scroller: HTMLElement, { turn, tapMiddle, canPan, signal }: ReadingGestureOptions): void {
	let touch: { x: number; y: number; at: number } | null = null;
	scroller.addEventListener(
		'touchstart',
		(event) => {
			const first = event.touches[0];
			touch = event.touches.length === 1 && first ? { x: first.clientX, y: first.clientY, at: event.timeStamp } : null;
		},
		{ passive: true, signal }
	);
	scroller.addEventListener(
		'touchend',
		(event) => {
			const start = touch;
			touch = null;
			const last = event.changedTouches[0];
			if (!start || !last || event.touches.length > 0) return;
			const direction = swipeDirection({ dx: last.clientX - start.x, dy: last.clientY - start.y, ms: event.timeStamp - start.at }, canPan());
			if (direction !== 0) turn(direction);
		},
		{ passive: true, signal }
	);
	// A second finger makes it a pinch, never a swipe.
	scroller.addEventListener(
		'touchmove',
		(event) => {
			if (event.touches.length > 1) touch = null;
		},
		{ passive: true, signal }
	);

	let down: { x: number; y: number; at: number; id: number } | null = null;
	scroller.addEventListener(
		'pointerdown',
		(event) => {
			down = event.isPrimary ? { x: event.clientX, y: event.clientY, at: event.timeStamp, id: event.pointerId } : null;
		},
		{ signal }
	);
	scroller.addEventListener(
		'pointerup',
		(event) => {
			const start = down;
			down = null;
			if (!start || start.id !== event.pointerId || event.button > 0) return;
			if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > TAP_SLOP_PX || event.timeStamp - start.at > TAP_MAX_MS) return;
			if (event.target instanceof Element && event.target.closest(OWN_TAP)) return;
			if (!getSelection()?.isCollapsed) return;
			const box = scroller.getBoundingClientRect();
			const direction = edgeTap(event.clientX - box.left, box.width);
			if (direction === 0) tapMiddle();
			else turn(direction);
		},
		{ signal }
	);
	scroller.addEventListener('pointercancel', () => (down = null), { signal });
}
