import { describe, expect, it } from 'vitest';
import { clampZoom, MAX_ZOOM, MIN_ZOOM, stepZoom, wheelZoomFactor, ZOOM_LADDER, zoomBy } from '../../src/lib/pdf/zoom-ladder';

describe('the zoom ladder', () => {
	it('runs from 50 % to 400 % in rising rungs', () => {
		expect(ZOOM_LADDER[0]).toBe(MIN_ZOOM);
		expect(ZOOM_LADDER.at(-1)).toBe(MAX_ZOOM);
		for (let i = 1; i < ZOOM_LADDER.length; i++) expect(ZOOM_LADDER[i]).toBeGreaterThan(ZOOM_LADDER[i - 1]!);
		// No rung is more than a third above the one below it: one tap never jumps like 210 → 571 %.
		for (let i = 1; i < ZOOM_LADDER.length; i++) expect(ZOOM_LADDER[i]! / ZOOM_LADDER[i - 1]!).toBeLessThanOrEqual(1.34);
	});

	it.each([
		[1, 1, 1.1],
		[1, -1, 0.9],
		[1.86, 1, 2],
		[1.86, -1, 1.75],
		[2.1, 1, 2.5],
		[0.5, -1, 0.5],
		[4, 1, 4],
		[3.999, 1, 4],
		[0.3, 1, 0.5],
		[0.43, -1, 0.43],
		[6, -1, 4],
		[4.5, 1, 4.5],
		[1.104, 1, 1.25]
	] as const)('from %s, a step of %s lands on %s', (from, direction, to) => {
		expect(stepZoom(from, direction)).toBe(to);
	});

	it.each([
		[0.1, 0.5],
		[0.5, 0.5],
		[1.3, 1.3],
		[4, 4],
		[12.26, 4],
		[Number.NaN, 1]
	])('clamps %s to %s', (scale, clamped) => {
		expect(clampZoom(scale)).toBe(clamped);
	});
});

describe('wheel and pinch zoom', () => {
	it('zooms in proportion to the wheel travel, in for up and out for down', () => {
		const small = wheelZoomFactor(-10, 0);
		const larger = wheelZoomFactor(-40, 0);
		expect(small).toBeGreaterThan(1);
		expect(larger).toBeGreaterThan(small);
		expect(Math.log(larger) / Math.log(small)).toBeCloseTo(4, 5);
		expect(wheelZoomFactor(40, 0)).toBeCloseTo(1 / larger, 10);
		expect(wheelZoomFactor(0, 0)).toBe(1);
	});

	it('never moves more than one rung in one wheel event, in pixels, lines or pages', () => {
		for (const [delta, mode] of [
			[-100, 0],
			[-3, 1],
			[-1, 2],
			[-10_000, 0]
		] as const) {
			expect(wheelZoomFactor(delta, mode)).toBeLessThanOrEqual(1.25);
			expect(wheelZoomFactor(-delta, mode)).toBeGreaterThanOrEqual(0.8);
		}
		// A mouse notch (100 px) is about one rung.
		expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1.15);
	});

	it('keeps a gesture within 50–400 %, however far the fingers go', () => {
		expect(zoomBy(2, 1.5)).toBe(3);
		expect(zoomBy(2.1, 5.8)).toBe(4);
		expect(zoomBy(0.8, 0.2)).toBe(0.5);
		expect(zoomBy(1, Number.NaN)).toBe(1);
		expect(zoomBy(1, -2)).toBe(1);
		// From a fit below the ladder (43 %), zooming out stays, zooming in climbs to 50 % at least.
		expect(zoomBy(0.43, 0.8)).toBe(0.43);
		expect(zoomBy(0.43, 1.1)).toBe(0.5);
		expect(zoomBy(0.43, 1.25)).toBeCloseTo(0.5375, 10);
		// Twelve notches one way and twelve back come home.
		let zoom = 1;
		for (let i = 0; i < 3; i++) zoom = zoomBy(zoom, wheelZoomFactor(-100, 0));
		for (let i = 0; i < 3; i++) zoom = zoomBy(zoom, wheelZoomFactor(100, 0));
		expect(zoom).toBeCloseTo(1, 10);
	});
});
