import { normalizeRotation, PageGeometry } from './geometry';

/**
 * One element per page, laid exactly over the page (above the canvas, text and PDF annotation layers), for
 * Quorum's own layers: shared and private annotations come next. Nothing is drawn here yet.
 *
 * pdf.js rebuilds a page's DOM whenever it resets the page (zoom, or the page leaving its small cache of rendered
 * pages) and removes every child it does not know. The element is therefore kept here, per page, and put back
 * each time pdf.js rebuilds the page: whatever a layer drew into it survives, and because the element is sized
 * to the page by CSS, content placed in fractions (see `PageGeometry.pdfToFraction`) needs no redraw on zoom.
 *
 * The overlay lets pointer events through (`pointer-events: none`) so text selection and PDF links keep working;
 * a layer that needs input sets `pointer-events` on what it adds, or on the overlay while a tool is active.
 */
export interface PageOverlay {
	/** 1-based page number. */
	readonly pageNumber: number;
	readonly element: HTMLDivElement;
	/** Known once pdf.js has loaded the page itself (its view box and rotation); null before. */
	readonly geometry: PageGeometry | null;
}

/** The part of pdf.js's PDFPageView this needs. */
export interface PageViewLike {
	id: number;
	div: HTMLDivElement;
	pdfPage: { view: number[]; rotate: number } | null;
	rotation: number;
}

type Listener = (overlay: PageOverlay) => void;

export const OVERLAY_CLASS = 'quorum-page-overlay';

export class PageOverlays {
	readonly #byPage = new Map<number, { element: HTMLDivElement; geometry: PageGeometry | null }>();
	readonly #listeners = new Set<Listener>();

	/** The overlay of a page, once the page has been shown at least once. */
	get(pageNumber: number): PageOverlay | null {
		const entry = this.#byPage.get(pageNumber);
		return entry ? { pageNumber, ...entry } : null;
	}

	/**
	 * Called with every overlay when it is (re)attached to its page, and at once for those already attached.
	 * Returns the function that stops listening.
	 */
	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		for (const [pageNumber, entry] of this.#byPage) {
			if (entry.element.isConnected) listener({ pageNumber, ...entry });
		}
		return () => this.#listeners.delete(listener);
	}

	/** Puts the page's overlay back into its page view if pdf.js removed it. Cheap when nothing changed. */
	attach(view: PageViewLike): void {
		let entry = this.#byPage.get(view.id);
		if (!entry) {
			const element = document.createElement('div');
			element.className = OVERLAY_CLASS;
			element.dataset.pageOverlay = String(view.id);
			entry = { element, geometry: null };
			this.#byPage.set(view.id, entry);
		}
		let changed = false;
		if (view.pdfPage) {
			if (!entry.geometry || entry.geometry.rotation !== normalizeRotation(view.pdfPage.rotate + view.rotation)) {
				entry.geometry = PageGeometry.fromPage(view.pdfPage, view.rotation);
				changed = true;
			}
		}
		// Stacking above pdf.js's layers is the stylesheet's job (z-index), so only a missing element is re-added.
		if (entry.element.parentElement !== view.div) {
			view.div.append(entry.element);
			changed = true;
		}
		if (changed) {
			const overlay = { pageNumber: view.id, ...entry };
			for (const listener of this.#listeners) listener(overlay);
		}
	}

	clear(): void {
		for (const { element } of this.#byPage.values()) element.remove();
		this.#byPage.clear();
		this.#listeners.clear();
	}
}
