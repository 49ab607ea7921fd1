/**
 * Browser-side PDF reading. Everything that touches pdf.js loads it lazily in the browser (pdfjs.ts); importing
 * this module during server-side rendering is safe.
 *
 * For the annotation layers: `PdfViewerState.overlays` hands out one overlay element per page (overlays.ts), and
 * `PageGeometry` converts between PDF user space and that overlay's CSS pixels or fractions at any zoom
 * (geometry.ts).
 *
 * Reading mode: `readingMode.active` (reading-mode.svelte.ts) says the page is alone on the screen; the document
 * page's root then carries `data-reading-mode="true"` and is the full-screen element. Whatever must stay visible
 * over the page in reading mode (a prompt) renders inside that root with the attribute `data-reading-visible`.
 */
export { default as PdfViewer } from './PdfViewer.svelte';
export { PdfViewerState, FIRST_PAGE_MARK, MAX_CANVAS_PIXELS, type OutlineItem, type ScalePreset } from './viewer.svelte';
export { DocumentSearch, type FindStatus } from './search.svelte';
export { readingMode, ReadingMode } from './reading-mode.svelte';
export { earlyFetchTag, RangeLoader, RANGE_CHUNK_SIZE } from './range-loader';
export { PageOverlays, OVERLAY_CLASS, type PageOverlay } from './overlays';
export { PageGeometry, clientToPdf, normalizeRotation, type CssRect, type PdfRect, type Point, type Rotation, type Size } from './geometry';
