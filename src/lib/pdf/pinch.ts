import type { PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { PdfJsLib } from './pdfjs';
import { wheelZoomFactor, zoomBy } from './zoom-ladder';

/** What pdf.js's TouchManager takes (its published types leave the callbacks untyped). */
interface TouchManagerOptions {
	container: HTMLElement;
	signal: AbortSignal;
	onPinchStart?: () => void;
	onPinching?: (origin: [number, number], previousDistance: number, distance: number) => void;
	onPinchEnd?: () => void;
}
type TouchManagerClass = new (options: TouchManagerOptions) => { destroy(): void };

/** How long the pages stay CSS-scaled before they are redrawn sharp at the new zoom. */
const REDRAW_DELAY_MS = 400;

/**
 * Pinch zoom around the fingers on touch screens, and Ctrl + wheel (also what a trackpad pinch sends) on
 * desktops. pdf.js's TouchManager recognises the two-finger gesture and keeps the browser from zooming the whole
 * page; the zoom itself goes through PDFViewer.updateScale, which scales the pages with CSS at once and redraws
 * them sharp at the new zoom when the fingers rest. Both gestures zoom in proportion to how far the fingers (or
 * the wheel) moved, within the ladder's ends (zoom-ladder.ts): a pinch used to reach 1,226 % and blur.
 */
export class PinchZoom {
	/** pdf.js rounds scales to 1 %: tiny steps are kept here until they add up to one it does not drop. */
	#pendingFactor = 1;
	/** TouchManager reports screen coordinates; this converts them to client coordinates. */
	#screenToClient: [number, number] = [0, 0];

	constructor(
		TouchManager: PdfJsLib['TouchManager'],
		private readonly container: HTMLDivElement,
		private readonly viewer: PDFViewer,
		signal: AbortSignal
	) {
		container.addEventListener(
			'touchstart',
			(event) => {
				const touch = event.touches[0];
				if (touch) this.#screenToClient = [touch.clientX - touch.screenX, touch.clientY - touch.screenY];
			},
			{ passive: true, capture: true, signal }
		);
		new (TouchManager as unknown as TouchManagerClass)({
			container,
			signal,
			onPinchStart: () => (this.#pendingFactor = 1),
			onPinching: ([x, y], previousDistance, distance) =>
				this.#zoom(distance / previousDistance, x + this.#screenToClient[0], y + this.#screenToClient[1]),
			onPinchEnd: () => (this.#pendingFactor = 1)
		});
		container.addEventListener(
			'wheel',
			(event) => {
				if (!event.ctrlKey && !event.metaKey) return;
				event.preventDefault();
				this.#zoom(wheelZoomFactor(event.deltaY, event.deltaMode), event.clientX, event.clientY);
			},
			{ passive: false, signal }
		);
	}

	#zoom(factor: number, clientX: number, clientY: number): void {
		if (!Number.isFinite(factor) || factor <= 0) return;
		const current = this.viewer.currentScale;
		const combined = this.#pendingFactor * factor;
		const target = zoomBy(current, combined);
		if (Math.round(target * 100) / 100 === current) {
			// At an end of the ladder nothing adds up: turning the gesture round must zoom back at once.
			this.#pendingFactor = target === current * combined ? combined : 1;
			return;
		}
		this.#pendingFactor = 1;
		// updateScale keeps `origin` still; it expects it relative to the container's offset parent.
		const parent = (this.container.offsetParent ?? document.body).getBoundingClientRect();
		this.viewer.updateScale({ drawingDelay: REDRAW_DELAY_MS, scaleFactor: target / current, origin: [clientX - parent.left, clientY - parent.top] });
	}
}
