import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { PageGeometry, clientToPdf, normalizeRotation, type Point } from '$lib/pdf/geometry';

const CORPUS = new URL('../fixtures/pdfs/', import.meta.url);
const ROTATIONS = [0, 90, 180, 270] as const;

/** A view box that does not start at 0,0, like freeculture.pdf's crop box. */
const OFFSET_BOX = [61.2, 28.8, 550.8, 763.2] as const;

describe('PageGeometry', () => {
	it('matches pdf.js PageViewport for a page whose view box is offset, at every rotation and scale', async () => {
		const data = new Uint8Array(fs.readFileSync(new URL('freeculture.pdf', CORPUS)));
		const pdf = await getDocument({ data, isEvalSupported: false }).promise;
		const page = await pdf.getPage(1);
		const points: Point[] = [
			[page.view[0]!, page.view[1]!],
			[page.view[2]!, page.view[3]!],
			[200, 300],
			[400.5, 120.25]
		];
		for (const rotation of ROTATIONS) {
			const geometry = PageGeometry.fromPage(page, rotation);
			for (const scale of [0.5, 1, 2.37]) {
				const viewport = page.getViewport({ scale, rotation });
				const size = { width: viewport.width, height: viewport.height };
				for (const point of points) {
					const [ex, ey] = viewport.convertToViewportPoint(point[0], point[1]);
					const [x, y] = geometry.pdfToCss(point, size);
					expect(x).toBeCloseTo(ex, 6);
					expect(y).toBeCloseTo(ey, 6);
					const [bx, by] = geometry.cssToPdf([x, y], size);
					expect(bx).toBeCloseTo(point[0], 6);
					expect(by).toBeCloseTo(point[1], 6);
				}
			}
		}
		await pdf.destroy();
	});

	it.each(ROTATIONS)('round-trips fractions at %i°', (rotation) => {
		const g = new PageGeometry(OFFSET_BOX, rotation);
		for (const p of [
			[61.2, 28.8],
			[300, 400],
			[550.8, 763.2]
		] as Point[]) {
			const [u, v] = g.pdfToFraction(p);
			expect(u).toBeGreaterThanOrEqual(-1e-9);
			expect(u).toBeLessThanOrEqual(1 + 1e-9);
			expect(v).toBeGreaterThanOrEqual(-1e-9);
			expect(v).toBeLessThanOrEqual(1 + 1e-9);
			const [x, y] = g.fractionToPdf([u, v]);
			expect(x).toBeCloseTo(p[0], 9);
			expect(y).toBeCloseTo(p[1], 9);
		}
	});

	it('puts the top-left of an upright page at 0,0 and swaps width and height when sideways', () => {
		const upright = new PageGeometry([0, 0, 612, 792]);
		expect(upright.pdfToFraction([0, 792])).toEqual([0, 0]);
		expect(upright.pdfToFraction([612, 0])).toEqual([1, 1]);
		const sideways = new PageGeometry([0, 0, 612, 792], 90);
		expect([sideways.width, sideways.height]).toEqual([792, 612]);
		expect(sideways.pdfToFraction([0, 0])).toEqual([0, 0]);
	});

	it('is independent of zoom: the same PDF point lands on the same fraction of any overlay size', () => {
		const g = new PageGeometry(OFFSET_BOX, 0);
		const small = g.pdfToCss([300, 400], { width: 489.6, height: 734.4 });
		const large = g.pdfToCss([300, 400], { width: 979.2, height: 1468.8 });
		expect(large[0]).toBeCloseTo(small[0] * 2, 9);
		expect(large[1]).toBeCloseTo(small[1] * 2, 9);
		expect(g.cssPerPoint({ width: 979.2, height: 1468.8 })).toBeCloseTo(2, 9);
	});

	it('converts rectangles both ways, whatever the corner order', () => {
		const g = new PageGeometry([0, 0, 600, 800], 0);
		const size = { width: 300, height: 400 };
		const css = g.pdfRectToCss([100, 700, 300, 600], size);
		expect(css).toEqual({ left: 50, top: 50, width: 100, height: 50 });
		expect(g.cssRectToPdf(css, size)).toEqual([100, 600, 300, 700]);
	});

	it('maps a pointer position through the overlay box', () => {
		const g = new PageGeometry([0, 0, 600, 800], 0);
		const overlay = { getBoundingClientRect: () => ({ left: 10, top: 20, width: 300, height: 400 }) } as unknown as Element;
		expect(clientToPdf({ clientX: 160, clientY: 220 }, overlay, g)).toEqual([300, 400]);
	});

	it('normalises rotations and refuses an empty view box', () => {
		expect(normalizeRotation(-90)).toBe(270);
		expect(normalizeRotation(450)).toBe(90);
		expect(() => new PageGeometry([0, 0, 0, 10])).toThrow(RangeError);
	});
});
