import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import type { EventBus } from 'pdfjs-dist/web/pdf_viewer.mjs';

/** CSS width of a thumbnail; its canvas has up to twice as many pixels on sharp screens, a few dozen KB each. */
export const THUMBNAIL_WIDTH = 104;

/**
 * Small page pictures for the side panel, drawn only while they are in (or near) view and released when they
 * scroll away, so a 352-page document never holds more than a screenful or two of them. One is drawn at a time:
 * they share the worker with the pages being read, which come first.
 */
export class ThumbnailRenderer {
	readonly #pdf: PDFDocumentProxy;
	readonly #eventBus: EventBus | null;
	readonly #observer: IntersectionObserver;
	readonly #pageOf = new WeakMap<Element, number>();
	#queue: HTMLCanvasElement[] = [];
	#current: { canvas: HTMLCanvasElement; task: RenderTask | null } | null = null;

	constructor(pdf: PDFDocumentProxy, eventBus: EventBus | null, scrollRoot: HTMLElement) {
		this.#pdf = pdf;
		this.#eventBus = eventBus;
		this.#observer = new IntersectionObserver(
			(entries) => {
				for (const entry of entries) {
					const canvas = entry.target as HTMLCanvasElement;
					if (entry.isIntersecting) this.#enqueue(canvas);
					else this.#release(canvas);
				}
			},
			{ root: scrollRoot, rootMargin: '300px 0px' }
		);
	}

	/** Starts watching a thumbnail canvas; returns the function that stops (for a Svelte attachment). */
	watch(canvas: HTMLCanvasElement, pageNumber: number): () => void {
		this.#pageOf.set(canvas, pageNumber);
		this.#observer.observe(canvas);
		return () => {
			this.#observer.unobserve(canvas);
			this.#release(canvas);
		};
	}

	destroy(): void {
		this.#observer.disconnect();
		this.#queue = [];
		this.#current?.task?.cancel();
		this.#current = null;
	}

	#enqueue(canvas: HTMLCanvasElement): void {
		if (canvas.dataset.rendered || this.#queue.includes(canvas) || this.#current?.canvas === canvas) return;
		this.#queue.push(canvas);
		void this.#drain();
	}

	#release(canvas: HTMLCanvasElement): void {
		this.#queue = this.#queue.filter((c) => c !== canvas);
		if (this.#current?.canvas === canvas) this.#current.task?.cancel();
		if (canvas.dataset.rendered) {
			// Zero size frees the canvas's pixels at once instead of at the next garbage collection.
			canvas.width = 0;
			canvas.height = 0;
			delete canvas.dataset.rendered;
		}
	}

	async #drain(): Promise<void> {
		if (this.#current) return;
		const canvas = this.#queue.shift();
		if (!canvas) return;
		const pageNumber = this.#pageOf.get(canvas);
		if (!pageNumber) return void this.#drain();
		this.#current = { canvas, task: null };
		try {
			const page = await this.#pdf.getPage(pageNumber);
			if (this.#current?.canvas !== canvas) return;
			const natural = page.getViewport({ scale: 1 });
			const pixelRatio = Math.min(2, window.devicePixelRatio || 1);
			const viewport = page.getViewport({ scale: (THUMBNAIL_WIDTH / natural.width) * pixelRatio });
			canvas.width = Math.floor(viewport.width);
			canvas.height = Math.floor(viewport.height);
			const task = page.render({ canvas, viewport });
			this.#current.task = task;
			await task.promise;
			canvas.dataset.rendered = 'true';
			// Pages need not share the first page's shape: the placeholder takes this page's once it is known.
			if (canvas.parentElement) canvas.parentElement.style.aspectRatio = `${natural.width} / ${natural.height}`;
			// PDFViewer frees the page's resources if it is not one of the pages it keeps rendered.
			this.#eventBus?.dispatch('thumbnailrendered', { source: this, pageNumber, pdfPage: page });
		} catch (e) {
			if (!(e instanceof Error && e.name === 'RenderingCancelledException')) console.warn('thumbnail', pageNumber, e);
			canvas.width = 0;
			canvas.height = 0;
		} finally {
			if (this.#current?.canvas === canvas) this.#current = null;
			void this.#drain();
		}
	}
}
