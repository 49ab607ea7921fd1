import type { Mark, NewMark, Rect } from './annotations';

/**
 * Plain geometry on marks, in PDF user space (the units they are stored in): which mark is under a finger, how a
 * mark moves, and how a text selection becomes highlight rectangles. No DOM here beyond plain numbers.
 */

export type PdfPoint = readonly [number, number];

function distanceToSegment([px, py]: PdfPoint, [ax, ay]: PdfPoint, [bx, by]: PdfPoint): number {
	const dx = bx - ax;
	const dy = by - ay;
	const length2 = dx * dx + dy * dy;
	const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRect([px, py]: PdfPoint, r: Rect, slack: number): boolean {
	return px >= r.x - slack && px <= r.x + r.width + slack && py >= r.y - slack && py <= r.y + r.height + slack;
}

/**
 * Whether `point` touches `mark`, with `tolerance` PDF units of slack (a fingertip is wide: callers convert about
 * 12 CSS pixels at the current zoom). `noteRadius` is the note icon's half size in PDF units.
 */
export function markContains(mark: Mark, point: PdfPoint, tolerance: number, noteRadius = tolerance): boolean {
	switch (mark.kind) {
		case 'highlight':
			return mark.rects.some((r) => insideRect(point, r, tolerance / 2));
		case 'ink': {
			const p = mark.points;
			if (p.length === 2) return Math.hypot(point[0] - p[0]!, point[1] - p[1]!) <= tolerance + mark.width;
			for (let i = 0; i + 3 < p.length; i += 2) {
				if (distanceToSegment(point, [p[i]!, p[i + 1]!], [p[i + 2]!, p[i + 3]!]) <= tolerance + mark.width / 2) return true;
			}
			return false;
		}
		case 'note':
			return Math.abs(point[0] - mark.x) <= noteRadius && Math.abs(point[1] - mark.y) <= noteRadius;
		case 'rect':
			return insideRect(point, mark.rect, tolerance);
		case 'arrow':
			return distanceToSegment(point, mark.from, mark.to) <= tolerance + mark.width / 2;
	}
}

/** The topmost (latest) mark under the point, among `marks` in drawing order. */
export function markAt<M extends Mark>(marks: readonly M[], point: PdfPoint, tolerance: number, noteRadius?: number): M | null {
	for (let i = marks.length - 1; i >= 0; i--) {
		if (markContains(marks[i]!, point, tolerance, noteRadius)) return marks[i]!;
	}
	return null;
}

/** The fields of `mark` that change when it is moved by (dx, dy) PDF units. */
export function translation(mark: Mark, dx: number, dy: number): Partial<NewMark> {
	const shift = (r: Rect): Rect => ({ ...r, x: r.x + dx, y: r.y + dy });
	switch (mark.kind) {
		case 'highlight':
			return { rects: mark.rects.map(shift) };
		case 'ink':
			return { points: mark.points.map((v, i) => (i % 2 === 0 ? v + dx : v + dy)) };
		case 'note':
			return { x: mark.x + dx, y: mark.y + dy };
		case 'rect':
			return { rect: shift(mark.rect) };
		case 'arrow':
			return { from: [mark.from[0] + dx, mark.from[1] + dy], to: [mark.to[0] + dx, mark.to[1] + dy] };
	}
}

/** The mark's bounding box in PDF units (for the selection frame). */
export function boundsOf(mark: Mark): Rect {
	const xs: number[] = [];
	const ys: number[] = [];
	let pad = 0;
	switch (mark.kind) {
		case 'highlight':
			for (const r of mark.rects) xs.push(r.x, r.x + r.width), ys.push(r.y, r.y + r.height);
			break;
		case 'ink':
			for (let i = 0; i + 1 < mark.points.length; i += 2) xs.push(mark.points[i]!), ys.push(mark.points[i + 1]!);
			pad = mark.width;
			break;
		case 'note':
			xs.push(mark.x), ys.push(mark.y);
			break;
		case 'rect':
			xs.push(mark.rect.x, mark.rect.x + mark.rect.width), ys.push(mark.rect.y, mark.rect.y + mark.rect.height);
			pad = mark.width / 2;
			break;
		case 'arrow':
			xs.push(mark.from[0], mark.to[0]), ys.push(mark.from[1], mark.to[1]);
			pad = mark.width * 3;
			break;
	}
	const x = Math.min(...xs) - pad;
	const y = Math.min(...ys) - pad;
	return { x, y, width: Math.max(...xs) + pad - x, height: Math.max(...ys) + pad - y };
}

/** A rectangle from two corners in any order. */
export function rectFromCorners(a: PdfPoint, b: PdfPoint): Rect {
	return { x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(b[0] - a[0]), height: Math.abs(b[1] - a[1]) };
}

/**
 * Text selection boxes → highlight rectangles: boxes on one line (overlapping vertically by more than half) are
 * merged into one, so a highlighted line is one rectangle rather than one per word or glyph run.
 */
export function mergeLineRects(rects: readonly Rect[]): Rect[] {
	const sorted = rects.filter((r) => r.width > 0 && r.height > 0).sort((a, b) => b.y + b.height - (a.y + a.height) || a.x - b.x);
	const lines: Rect[] = [];
	for (const r of sorted) {
		const line = lines.find((l) => {
			const overlap = Math.min(l.y + l.height, r.y + r.height) - Math.max(l.y, r.y);
			return overlap > Math.min(l.height, r.height) / 2;
		});
		if (!line) {
			lines.push({ ...r });
			continue;
		}
		const x1 = Math.max(line.x + line.width, r.x + r.width);
		const y1 = Math.max(line.y + line.height, r.y + r.height);
		line.x = Math.min(line.x, r.x);
		line.y = Math.min(line.y, r.y);
		line.width = x1 - line.x;
		line.height = y1 - line.y;
	}
	return lines;
}

/** Fewer points for a stroke: drops points closer than `minDistance` to the last kept one (keeps the last). */
export function thinStroke(points: readonly number[], pressures: readonly number[] | null, minDistance: number): { points: number[]; pressures: number[] | null } {
	const outPoints: number[] = [];
	const outPressures: number[] | null = pressures ? [] : null;
	const n = points.length / 2;
	for (let i = 0; i < n; i++) {
		const x = points[2 * i]!;
		const y = points[2 * i + 1]!;
		const k = outPoints.length;
		const last = i === n - 1;
		if (k > 0 && !last && Math.hypot(x - outPoints[k - 2]!, y - outPoints[k - 1]!) < minDistance) continue;
		outPoints.push(round(x), round(y));
		outPressures?.push(round(pressures![i] ?? 0.5));
	}
	return { points: outPoints, pressures: outPressures };
}

/** Two decimals of a PDF point (1/7200 inch) is finer than any finger or stylus, and halves the JSON. */
export const round = (v: number) => Math.round(v * 100) / 100;
