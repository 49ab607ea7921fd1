import { describe, expect, it } from 'vitest';
import { edgeTap, fillScale, swipeDirection } from '../../src/lib/pdf/reading-fit';

/** A letter page at zoom 1 in CSS pixels (612 × 792 pt). */
const LETTER = { pageWidth: 816, pageHeight: 1056 };

describe('the zoom that fills the screen in reading mode', () => {
	const covered = (stageWidth: number, stageHeight: number) => {
		const scale = fillScale({ ...LETTER, stageWidth, stageHeight });
		const width = Math.min(stageWidth, LETTER.pageWidth * scale);
		const height = Math.min(stageHeight, LETTER.pageHeight * scale);
		return { scale, share: (width * height) / (stageWidth * stageHeight) };
	};

	it('shows the whole page on a portrait tablet, where it covers over 90 % of the screen', () => {
		const { scale, share } = covered(768, 1024);
		expect(LETTER.pageHeight * scale).toBeLessThanOrEqual(1024);
		expect(LETTER.pageWidth * scale).toBeCloseTo(768, 5);
		expect(share).toBeGreaterThanOrEqual(0.9);
	});

	it('fills the width on a landscape tablet and a phone, the reader scrolling down the page', () => {
		for (const [w, h] of [
			[1024, 768],
			[390, 844],
			[320, 568]
		] as const) {
			const { scale } = covered(w, h);
			expect(LETTER.pageWidth * scale).toBeCloseTo(w, 5);
		}
		// Landscape: the page is taller than the screen, so it covers all of it.
		expect(covered(1024, 768).share).toBe(1);
	});

	it('never fails on sizes not known yet', () => {
		expect(fillScale({ pageWidth: 0, pageHeight: 0, stageWidth: 1024, stageHeight: 768 })).toBe(1);
		expect(fillScale({ ...LETTER, stageWidth: 0, stageHeight: 768 })).toBe(1);
	});
});

describe('page turning gestures', () => {
	it.each([
		[{ dx: -120, dy: 10, ms: 200 }, false, 1],
		[{ dx: 120, dy: -20, ms: 300 }, false, -1],
		[{ dx: -120, dy: 10, ms: 200 }, true, 0],
		[{ dx: -30, dy: 0, ms: 100 }, false, 0],
		[{ dx: -120, dy: 100, ms: 200 }, false, 0],
		[{ dx: -200, dy: 0, ms: 1500 }, false, 0]
	] as const)('%o (can pan: %s) turns %s', (track, canPan, turn) => {
		expect(swipeDirection(track, canPan)).toBe(turn);
	});

	it.each([
		[10, 1000, -1],
		[199, 1000, -1],
		[500, 1000, 0],
		[801, 1000, 1],
		[990, 1000, 1],
		[10, 0, 0]
	] as const)('a tap at %s of %s turns %s', (x, width, turn) => {
		expect(edgeTap(x, width)).toBe(turn);
	});
});
