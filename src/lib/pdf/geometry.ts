/**
 * Where a point of a PDF page is on screen, whatever the zoom.
 *
 * Three coordinate systems meet on a page:
 * - PDF user space: points (1/72 inch) inside the page's view box (its crop box, which need not start at 0,0),
 *   y pointing up. This is what gets stored: it does not change with zoom, device or viewer.
 * - Fractions: the displayed (rotated) page as the unit square, origin top-left, y pointing down. Also
 *   independent of zoom: an overlay can place things with percentages and never redraw on zoom.
 * - CSS pixels inside the page's overlay element (see `PageOverlays`): fractions times the overlay's current size.
 *   Callers pass that size (or the element) in, so nothing here depends on the viewer's scale.
 *
 * The transform is pdf.js's own `PageViewport` at scale 1 (same rotation conventions, same handling of a view box
 * that does not start at the origin), checked against it in tests/unit/pdf-geometry.test.ts.
 */

export type Point = readonly [x: number, y: number];
/** [x0, y0, x1, y1] in PDF user space, as pdf.js's `PDFPageProxy.view` and annotation `rect`s give it. */
export type PdfRect = readonly [number, number, number, number];

export interface Size {
	width: number;
	height: number;
}

/** A box in CSS pixels relative to the overlay's top-left corner. */
export interface CssRect {
	left: number;
	top: number;
	width: number;
	height: number;
}

export type Rotation = 0 | 90 | 180 | 270;

export function normalizeRotation(degrees: number): Rotation {
	const r = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
	return r as Rotation;
}

export class PageGeometry {
	/** The page's view box, normalised so that x0 < x1 and y0 < y1. */
	readonly view: PdfRect;
	readonly rotation: Rotation;
	/** Size of the displayed page in PDF points (width and height swap at 90° and 270°). */
	readonly width: number;
	readonly height: number;
	// Affine map PDF → displayed points (scale 1): [a, b, c, d, e, f] as in pdf.js.
	readonly #m: readonly [number, number, number, number, number, number];

	/**
	 * @param view the page's view box (`pdfPage.view`)
	 * @param rotation clockwise degrees: the page's own /Rotate plus any rotation the viewer adds
	 */
	constructor(view: readonly number[], rotation = 0) {
		const [ax = 0, ay = 0, bx = 0, by = 0] = view;
		const x0 = Math.min(ax, bx);
		const x1 = Math.max(ax, bx);
		const y0 = Math.min(ay, by);
		const y1 = Math.max(ay, by);
		if (!(x1 > x0 && y1 > y0)) throw new RangeError(`empty page view box [${view.join(', ')}]`);
		this.view = [x0, y0, x1, y1];
		this.rotation = normalizeRotation(rotation);

		const cx = (x0 + x1) / 2;
		const cy = (y0 + y1) / 2;
		let a: number, b: number, c: number, d: number;
		switch (this.rotation) {
			case 0:
				[a, b, c, d] = [1, 0, 0, -1];
				break;
			case 90:
				[a, b, c, d] = [0, 1, 1, 0];
				break;
			case 180:
				[a, b, c, d] = [-1, 0, 0, 1];
				break;
			case 270:
				[a, b, c, d] = [0, -1, -1, 0];
				break;
		}
		const sideways = this.rotation === 90 || this.rotation === 270;
		this.width = sideways ? y1 - y0 : x1 - x0;
		this.height = sideways ? x1 - x0 : y1 - y0;
		const offsetX = sideways ? cy - y0 : cx - x0;
		const offsetY = sideways ? cx - x0 : cy - y0;
		this.#m = [a, b, c, d, offsetX - a * cx - c * cy, offsetY - b * cx - d * cy];
	}

	/** From a pdf.js page (`{ view, rotate }`), with the viewer's extra rotation if any. */
	static fromPage(page: { view: readonly number[]; rotate: number }, viewerRotation = 0): PageGeometry {
		return new PageGeometry(page.view, page.rotate + viewerRotation);
	}

	/** PDF point → fraction of the displayed page (0..1 inside the page; outside values are kept). */
	pdfToFraction([x, y]: Point): Point {
		const [a, b, c, d, e, f] = this.#m;
		return [(a * x + c * y + e) / this.width, (b * x + d * y + f) / this.height];
	}

	/** Fraction of the displayed page → PDF point. */
	fractionToPdf([u, v]: Point): Point {
		const [a, b, c, d, e, f] = this.#m;
		const px = u * this.width - e;
		const py = v * this.height - f;
		// The matrix is a signed permutation, so its inverse is its transpose divided by the determinant (±1).
		const det = a * d - b * c;
		return [(d * px - c * py) / det, (a * py - b * px) / det];
	}

	/** PDF point → CSS pixels inside an overlay of the given current size. */
	pdfToCss(point: Point, size: Size): Point {
		const [u, v] = this.pdfToFraction(point);
		return [u * size.width, v * size.height];
	}

	/** CSS pixels inside an overlay of the given current size → PDF point. */
	cssToPdf([px, py]: Point, size: Size): Point {
		return this.fractionToPdf([px / size.width, py / size.height]);
	}

	/** A PDF rectangle (any corner order) → its box in CSS pixels inside the overlay. */
	pdfRectToCss([x0, y0, x1, y1]: PdfRect, size: Size): CssRect {
		const [ax, ay] = this.pdfToCss([x0, y0], size);
		const [bx, by] = this.pdfToCss([x1, y1], size);
		return { left: Math.min(ax, bx), top: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
	}

	/** A box in CSS pixels inside the overlay → the PDF rectangle [x0, y0, x1, y1] with x0 < x1, y0 < y1. */
	cssRectToPdf(rect: CssRect, size: Size): PdfRect {
		const [ax, ay] = this.cssToPdf([rect.left, rect.top], size);
		const [bx, by] = this.cssToPdf([rect.left + rect.width, rect.top + rect.height], size);
		return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
	}

	/** CSS pixels per PDF point at the overlay's current size (for stroke widths and font sizes). */
	cssPerPoint(size: Size): number {
		return size.width / this.width;
	}
}

/**
 * A pointer position (`clientX`/`clientY`, e.g. from a PointerEvent) → PDF point on the page whose overlay is
 * `overlay`. Reads the overlay's box at call time, so it is right at any zoom and scroll position.
 */
export function clientToPdf(event: { clientX: number; clientY: number }, overlay: Element, geometry: PageGeometry): Point {
	const box = overlay.getBoundingClientRect();
	return geometry.cssToPdf([event.clientX - box.left, event.clientY - box.top], box);
}
