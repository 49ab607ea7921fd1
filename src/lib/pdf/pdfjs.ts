import { browser } from '$app/environment';

/**
 * pdf.js, loaded in the browser only. Importing `pdfjs-dist` during server-side rendering fails (it touches
 * DOMMatrix and friends at module load), so nothing here is imported statically: type imports are erased, and
 * the modules come through dynamic `import()` the first time a viewer opens.
 */
export type PdfJsLib = typeof import('pdfjs-dist');
export type PdfJsViewer = typeof import('pdfjs-dist/web/pdf_viewer.mjs');

let lib: Promise<PdfJsLib> | undefined;
let viewer: Promise<PdfJsViewer> | undefined;

/** The core library, with the worker URL set explicitly (a bundled, hashed asset served next to the app). */
export function loadPdfLib(): Promise<PdfJsLib> {
	if (!browser) return Promise.reject(new Error('pdf.js is loaded in the browser only'));
	lib ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, worker]) => {
		pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
		return pdfjs;
	});
	// A failed load (network gone) must not stick: the next viewer tries again.
	lib.catch(() => (lib = undefined));
	return lib;
}

/**
 * The viewer components (PDFViewer, EventBus, PDFLinkService, PDFFindController) and their stylesheet. The
 * module reads `globalThis.pdfjsLib`, which the core library sets when it is evaluated, so it is imported after.
 */
export function loadPdfViewer(): Promise<PdfJsViewer> {
	if (!browser) return Promise.reject(new Error('pdf.js is loaded in the browser only'));
	viewer ??= loadPdfLib().then(async () => {
		const [components] = await Promise.all([import('pdfjs-dist/web/pdf_viewer.mjs'), import('pdfjs-dist/web/pdf_viewer.css')]);
		return components;
	});
	viewer.catch(() => (viewer = undefined));
	return viewer;
}
