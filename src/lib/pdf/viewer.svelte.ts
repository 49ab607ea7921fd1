import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import type { EventBus, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { fixAnnotationIcons, ICON_PREFIX } from './annotation-icons';
import { ViewerL10n } from './l10n';
import { PageOverlays, type PageViewLike } from './overlays';
import { loadPdfLib, loadPdfViewer } from './pdfjs';
import { PinchZoom } from './pinch';
import { documentSource, RangeLoader } from './range-loader';
import { fillScale } from './reading-fit';
import { DocumentSearch } from './search.svelte';
import { stepZoom } from './zoom-ladder';

/**
 * How a document is fetched. Range requests with auto-fetch and streaming off: pdf.js asks only for the bytes the
 * pages on screen need, so the first page of a 352-page book appears after a few 64 KiB chunks instead of after
 * the whole file. (`disableAutoFetch` only takes effect together with `disableStream`; with streaming on, the
 * whole file arrives before page 1.) The requests themselves go through RangeLoader (range-loader.ts), which
 * starts before pdf.js has loaded and reads ahead what the first page of a linearised file needs.
 */
const LOAD_OPTIONS = { disableAutoFetch: true, disableStream: true, isEvalSupported: false } as const;

/** About 5 megapixels per page canvas: tablets (Safari above all) blank out canvases past their memory budget. */
export const MAX_CANVAS_PIXELS = 5_000_000;

/** Zoom presets pdf.js understands and recomputes when the viewer's size changes. */
export type ScalePreset = 'page-width' | 'page-fit' | 'auto';
const PRESETS: readonly string[] = ['page-width', 'page-fit', 'auto', 'page-actual', 'page-height'];

export type LoadError = 'missing' | 'network' | 'invalid';

export interface OutlineItem {
	title: string;
	bold: boolean;
	italic: boolean;
	dest: string | unknown[] | null;
	url: string | null;
	items: OutlineItem[];
}

/** Marked once per document when its first page is on screen; the benchmark reads it. */
export const FIRST_PAGE_MARK = 'quorum:first-page-rendered';

/**
 * One open document in pdf.js's PDFViewer: lazy pages (only those near the viewport are rendered, a bounded
 * cache of rendered pages, the rest released), text layer, PDF annotations and links, find, zoom and page labels.
 * The fields below are what the toolbar and side panel show; the pdf.js objects stay private and unproxied.
 */
export class PdfViewerState {
	status = $state<'loading' | 'ready' | 'error'>('loading');
	error = $state<LoadError | null>(null);
	/** Share of the file received so far while opening (0..1), null when the size is unknown. */
	loadProgress = $state<number | null>(null);
	firstPageRendered = $state(false);

	pagesCount = $state(0);
	pageNumber = $state(1);
	/** The printed page number ("iv", "12") when the document has page labels. */
	pageLabel = $state<string | null>(null);
	pageLabels = $state.raw<string[] | null>(null);

	/** Current zoom as a factor of the page's natural size (1 = 100 %). */
	scale = $state(1);
	preset = $state<string | null>('page-width');

	outline = $state.raw<OutlineItem[] | null>(null);
	/** Width / height of the first page, for placeholders (thumbnails) before other pages are known. */
	pageAspect = $state(0);

	/** Find in document (search.svelte.ts). */
	readonly search = new DocumentSearch();

	/** Quorum's per-page overlays (see overlays.ts), for the annotation layers to come. */
	readonly overlays = new PageOverlays();

	#url = '';
	#size: number | null = null;
	#initialPage = 1;
	#loader: RangeLoader | null = null;
	#container: HTMLDivElement | null = null;
	#abort: AbortController | null = null;
	#task: PDFDocumentLoadingTask | null = null;
	#document = $state.raw<PDFDocumentProxy | null>(null);
	#eventBus = $state.raw<EventBus | null>(null);
	#viewer: PDFViewer | null = null;
	#linkService: PDFLinkService | null = null;
	#find: PDFFindController | null = null;
	#l10n: ViewerL10n | null = null;
	#resize: ResizeObserver | null = null;
	#pinch: PinchZoom | null = null;
	/** In reading mode: the zoom the page was given to fill the screen, refitted when the screen turns. */
	#fill: { scale: number; before: { preset: string | null; scale: number } } | null = null;

	/** The pdf.js document once loaded, for thumbnails. */
	get document(): PDFDocumentProxy | null {
		return this.#document;
	}

	get eventBus(): EventBus | null {
		return this.#eventBus;
	}

	/**
	 * Opens `url` into `container`, which must be absolutely positioned and hold one empty child div (pdf.js's
	 * `.pdfViewer`). Call `destroy()` when the component goes away.
	 */
	async open(container: HTMLDivElement, url: string, { initialPage = 1, size = null }: { initialPage?: number; size?: number | null } = {}): Promise<void> {
		this.#container = container;
		this.#url = url;
		this.#size = size;
		this.#initialPage = initialPage;
		await this.#start();
	}

	/** After an error: tries again from scratch. */
	async retry(): Promise<void> {
		this.#teardown();
		if (this.#container) await this.#start();
	}

	async #start(): Promise<void> {
		const container = this.#container!;
		const abort = (this.#abort = new AbortController());
		this.status = 'loading';
		this.error = null;
		this.loadProgress = null;
		this.firstPageRendered = false;
		try {
			// The first bytes are on their way before pdf.js has loaded; the worker boots while the viewer
			// components load: all of it overlaps.
			const loader = (this.#loader = new RangeLoader(this.#url, { length: this.#size }));
			const opened = loader.open();
			const lib = await loadPdfLib();
			const { length, whole } = await opened;
			if (abort.signal.aborted) return;
			const source = documentSource(lib, loader, { length, whole }, (e) => this.#fail(e, abort));
			const task = (this.#task = lib.getDocument({ ...source, ...LOAD_OPTIONS }));
			task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
				if (total > 0) this.loadProgress = Math.min(1, loaded / total);
			};
			const [components, pdf] = await Promise.all([loadPdfViewer(), task.promise]);
			if (abort.signal.aborted) return;
			this.#document = pdf;

			const eventBus = (this.#eventBus = new components.EventBus());
			const linkService = (this.#linkService = new components.PDFLinkService({
				eventBus,
				externalLinkTarget: components.LinkTarget.BLANK,
				externalLinkRel: 'noopener noreferrer nofollow'
			}));
			const find = (this.#find = new components.PDFFindController({ eventBus, linkService }));
			const l10n = (this.#l10n = new ViewerL10n());
			type ViewerOptions = ConstructorParameters<typeof components.PDFViewer>[0];
			const options: ViewerOptions & { abortSignal: AbortSignal } = {
				container,
				eventBus,
				linkService,
				findController: find,
				// Our object implements the interface pdf.js calls (see l10n.ts); its base class is not exported.
				l10n: l10n as unknown as ViewerOptions['l10n'],
				maxCanvasPixels: MAX_CANVAS_PIXELS,
				textLayerMode: 1,
				annotationMode: lib.AnnotationMode.ENABLE,
				imageResourcesPath: ICON_PREFIX,
				enableAutoLinking: true,
				// Supported by PDFViewer (it stops observing the container), missing from its published types.
				abortSignal: abort.signal
			};
			const viewer = (this.#viewer = new components.PDFViewer(options));
			linkService.setViewer(viewer);
			this.#listen(eventBus, viewer);
			void l10n.translate(container);

			viewer.setDocument(pdf);
			linkService.setDocument(pdf);
			find.setDocument(pdf);
			this.pagesCount = pdf.numPages;

			this.#resize = new ResizeObserver(() => {
				if (!this.#viewer?.pagesCount) return;
				// Reading mode fills the screen again when it turns, unless the reader has zoomed since.
				if (this.#fill) {
					if (Math.abs(this.#viewer.currentScale - this.#fill.scale) < 0.01) this.#applyFill();
					return;
				}
				// Presets depend on the viewer's size (rotation of the tablet, side panel opening).
				if (this.preset) this.#viewer.currentScaleValue = this.preset;
			});
			this.#resize.observe(container);
			this.#pinch = new PinchZoom(lib.TouchManager, container, viewer, abort.signal);
		} catch (e) {
			this.#fail(e, abort);
		}
	}

	/** A load that cannot go on (the file is gone, the network too): says so and stops asking for bytes. */
	#fail(e: unknown, abort: AbortController): void {
		if (abort.signal.aborted || this.status === 'error') return;
		console.error('pdf viewer: could not load', this.#url, e);
		this.status = 'error';
		this.error = classify(e);
		this.#loader?.abort();
	}

	#listen(eventBus: EventBus, viewer: PDFViewer): void {
		eventBus.on('pagesinit', () => {
			viewer.currentScaleValue = this.preset ?? 'page-width';
			const first = (viewer.getPageView(0) as { viewport?: { width: number; height: number } } | undefined)?.viewport;
			if (first && first.height > 0) this.pageAspect = first.width / first.height;
			if (this.#initialPage > 1 && this.#initialPage <= viewer.pagesCount) viewer.currentPageNumber = this.#initialPage;
			this.status = 'ready';
		});
		eventBus.on('pagechanging', ({ pageNumber, pageLabel }: { pageNumber: number; pageLabel: string | null }) => {
			this.pageNumber = pageNumber;
			this.pageLabel = pageLabel ?? null;
		});
		eventBus.on('scalechanging', ({ scale, presetValue }: { scale: number; presetValue?: string }) => {
			this.scale = scale;
			this.preset = presetValue && PRESETS.includes(presetValue) ? presetValue : null;
			this.#reattachOverlays();
		});
		eventBus.on('rotationchanging', () => this.#reattachOverlays());
		// The detail view (a sharper canvas over part of a zoomed page) also reports these: go by page number.
		const pageView = (pageNumber: number) => viewer.getPageView(pageNumber - 1) as PageViewLike | undefined;
		eventBus.on('pagerender', ({ pageNumber }: { pageNumber: number }) => {
			const view = pageView(pageNumber);
			if (view) this.overlays.attach(view);
		});
		eventBus.on('pagerendered', ({ pageNumber, error, isDetailView }: { pageNumber: number; error: unknown; isDetailView?: boolean }) => {
			const view = pageView(pageNumber);
			if (view) this.overlays.attach(view);
			if (error || isDetailView || this.firstPageRendered) return;
			this.firstPageRendered = true;
			performance.mark(FIRST_PAGE_MARK, { detail: { pageNumber } });
			// Page labels and the outline are small, but fetching them must not delay the first page.
			void this.#loadNavigation();
		});
		eventBus.on('annotationlayerrendered', ({ pageNumber }: { pageNumber: number }) => {
			const view = pageView(pageNumber);
			if (view) fixAnnotationIcons(view.div);
		});
		this.search.connect(eventBus);
	}

	async #loadNavigation(): Promise<void> {
		const pdf = this.#document;
		if (!pdf) return;
		try {
			const [labels, outline] = await Promise.all([pdf.getPageLabels(), pdf.getOutline()]);
			if (pdf !== this.#document) return;
			if (labels && labels.length === this.pagesCount && labels.some((label, i) => label !== String(i + 1))) {
				this.#viewer?.setPageLabels(labels);
				this.pageLabels = labels;
				this.pageLabel = labels[this.pageNumber - 1] ?? null;
			}
			this.outline = outline && outline.length > 0 ? (outline as unknown as OutlineItem[]) : null;
		} catch (e) {
			console.warn('pdf viewer: no page labels or outline', e);
		}
	}

	#reattachOverlays(): void {
		const viewer = this.#viewer;
		if (!viewer) return;
		for (const view of viewer.getCachedPageViews() as Set<PageViewLike>) this.overlays.attach(view);
	}

	/**
	 * Goes to a page given as typed by a person: a page label first when the document has them ("iv", "A-3"),
	 * else a page number. Returns false when there is no such page.
	 */
	goToPage(input: string): boolean {
		const viewer = this.#viewer;
		const value = input.trim();
		if (!viewer || !value) return false;
		const byLabel = this.pageLabels ? viewer.pageLabelToPageNumber(value) : null;
		const page = byLabel ?? (/^\d+$/.test(value) ? Number(value) : NaN);
		if (!Number.isInteger(page) || page < 1 || page > viewer.pagesCount) return false;
		viewer.currentPageNumber = page;
		return true;
	}

	previousPage(): void {
		this.#viewer?.previousPage();
	}

	nextPage(): void {
		this.#viewer?.nextPage();
	}

	/** One rung up the zoom ladder (zoom-ladder.ts) from wherever the zoom is. */
	zoomIn(): void {
		if (this.#viewer) this.#viewer.currentScale = stepZoom(this.#viewer.currentScale, 1);
	}

	zoomOut(): void {
		if (this.#viewer) this.#viewer.currentScale = stepZoom(this.#viewer.currentScale, -1);
	}

	/**
	 * Reading mode's zoom: on, the page fills the screen (reading-fit.ts) and keeps filling it as the screen turns;
	 * off, the zoom the reader had before comes back.
	 */
	fillScreen(on: boolean): void {
		const viewer = this.#viewer;
		if (!viewer) return;
		if (on) {
			if (!this.#fill) this.#fill = { scale: 0, before: { preset: this.preset, scale: viewer.currentScale } };
			this.#applyFill();
			return;
		}
		const before = this.#fill?.before;
		this.#fill = null;
		if (!before) return;
		if (before.preset) viewer.currentScaleValue = before.preset;
		else viewer.currentScale = before.scale;
		viewer.scrollPageIntoView({ pageNumber: viewer.currentPageNumber });
	}

	#applyFill(): void {
		const viewer = this.#viewer;
		const container = this.#container;
		if (!viewer || !container || !this.#fill) return;
		const view = viewer.getPageView(viewer.currentPageNumber - 1) as { viewport?: { width: number; height: number } } | undefined;
		if (!view?.viewport) return;
		const zoom = viewer.currentScale;
		const scale = fillScale({
			pageWidth: view.viewport.width / zoom,
			pageHeight: view.viewport.height / zoom,
			stageWidth: container.clientWidth,
			stageHeight: container.clientHeight
		});
		// pdf.js keeps scales to 1 %: round down so the page never ends a fraction wider than the screen.
		const rounded = Math.floor(scale * 100) / 100;
		this.#fill.scale = rounded;
		viewer.currentScale = rounded;
		viewer.scrollPageIntoView({ pageNumber: viewer.currentPageNumber });
	}

	/** Whether the pages are wider than the screen (zoomed in): a sideways finger then pans instead of turning. */
	get canPanSideways(): boolean {
		const container = this.#container;
		return container !== null && container.scrollWidth > container.clientWidth + 1;
	}

	fit(preset: ScalePreset): void {
		const viewer = this.#viewer;
		if (!viewer) return;
		viewer.currentScaleValue = preset;
		// pdf.js keeps the reading position inside the page; "whole page" means the page's top edge shows too.
		if (preset === 'page-fit') viewer.scrollPageIntoView({ pageNumber: viewer.currentPageNumber });
	}

	async goToOutline(item: OutlineItem): Promise<void> {
		if (item.dest) await this.#linkService?.goToDestination(item.dest as string | unknown[]);
		else if (item.url) window.open(item.url, '_blank', 'noopener,noreferrer');
	}

	#teardown(): void {
		this.#abort?.abort();
		this.#abort = null;
		this.#resize?.disconnect();
		this.#resize = null;
		this.#pinch = null;
		this.#fill = null;
		this.#viewer?.setDocument(null as unknown as PDFDocumentProxy);
		this.#linkService?.setDocument(null);
		this.#find?.setDocument(null as unknown as PDFDocumentProxy);
		this.search.disconnect();
		void this.#l10n?.destroy();
		// Destroying the loading task also destroys the document and its worker, and aborts pending range requests.
		void this.#task?.destroy();
		this.#task = null;
		this.#loader?.abort();
		this.#loader = null;
		this.#document = null;
		this.#viewer = null;
		this.#linkService = null;
		this.#find = null;
		this.#eventBus = null;
		this.overlays.clear();
		this.outline = null;
		this.pageLabels = null;
	}

	destroy(): void {
		this.#teardown();
		this.#container = null;
	}
}

function classify(e: unknown): LoadError {
	const name = e instanceof Error ? e.name : '';
	const status = typeof e === 'object' && e !== null && 'status' in e ? Number((e as { status: unknown }).status) : 0;
	if (status === 404 || status === 410) return 'missing';
	if (name === 'InvalidPDFException') return 'invalid';
	return 'network';
}
