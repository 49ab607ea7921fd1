import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, createUndoManager, listMarks, type Author, type Mark } from '$lib/collab/annotations';
import { boundsOf, markAt, markContains, mergeLineRects, thinStroke, translation } from '$lib/collab/mark-geometry';
import { UndoOrder } from '$lib/collab/undo-order';

const hong: Author = { id: 'hong', displayName: 'Lê Thị Hồng' };
const base = { id: 'm', page: 1, color: '#000', author: hong, createdAt: 1, updatedAt: 1 };

const ink: Mark = { ...base, kind: 'ink', points: [0, 0, 100, 0], pressures: null, width: 2 };
const rect: Mark = { ...base, kind: 'rect', rect: { x: 10, y: 10, width: 50, height: 20 }, width: 2 };
const arrow: Mark = { ...base, kind: 'arrow', from: [0, 0], to: [0, 100], width: 2 };
const note: Mark = { ...base, kind: 'note', x: 50, y: 50, text: 'x', resolved: false };
const highlight: Mark = { ...base, kind: 'highlight', rects: [{ x: 0, y: 0, width: 40, height: 10 }], text: 'x' };

describe('which mark is under a finger', () => {
	it.each([
		['ink, on the line', ink, [50, 3], true],
		['ink, beside it', ink, [50, 20], false],
		['ink, past its end', ink, [120, 0], false],
		['rect, inside', rect, [30, 20], true],
		['rect, outside', rect, [80, 20], false],
		['arrow, on the shaft', arrow, [2, 50], true],
		['arrow, away', arrow, [30, 50], false],
		['note, on the pin', note, [55, 45], true],
		['note, away', note, [80, 80], false],
		['highlight, inside', highlight, [20, 5], true],
		['highlight, below', highlight, [20, -20], false]
	] as const)('%s', (_, mark, point, expected) => {
		expect(markContains(mark, point, 5, 10)).toBe(expected);
	});

	it('picks the latest of overlapping marks', () => {
		const under = { ...rect, id: 'under' };
		const over = { ...rect, id: 'over' };
		expect(markAt([under, over], [30, 20], 5)?.id).toBe('over');
		expect(markAt([under, over], [500, 500], 5)).toBeNull();
	});
});

describe('moving and framing marks', () => {
	it('translates every kind by the same offset', () => {
		expect(translation(ink, 5, -5)).toEqual({ points: [5, -5, 105, -5] });
		expect(translation(rect, 1, 2)).toEqual({ rect: { x: 11, y: 12, width: 50, height: 20 } });
		expect(translation(arrow, 1, 1)).toEqual({ from: [1, 1], to: [1, 101] });
		expect(translation(note, -10, 0)).toEqual({ x: 40, y: 50 });
		expect(translation(highlight, 0, 10)).toEqual({ rects: [{ x: 0, y: 10, width: 40, height: 10 }] });
	});

	it('frames a mark with its stroke', () => {
		expect(boundsOf(rect)).toEqual({ x: 9, y: 9, width: 52, height: 22 });
		expect(boundsOf(ink)).toEqual({ x: -2, y: -2, width: 104, height: 4 });
	});
});

describe('text selection to highlight rectangles', () => {
	it('merges the boxes of one line and keeps lines apart', () => {
		const merged = mergeLineRects([
			{ x: 0, y: 100, width: 30, height: 10 },
			{ x: 32, y: 101, width: 40, height: 9 },
			{ x: 0, y: 85, width: 60, height: 10 },
			{ x: 5, y: 5, width: 0, height: 10 }
		]);
		expect(merged).toEqual([
			{ x: 0, y: 100, width: 72, height: 10 },
			{ x: 0, y: 85, width: 60, height: 10 }
		]);
	});
});

describe('thinning a stroke', () => {
	it('drops points too close to the last kept one, keeps the end and the pressures in step', () => {
		const thin = thinStroke([0, 0, 0.1, 0, 0.2, 0, 5, 0, 5.1, 0], [0.1, 0.2, 0.3, 0.4, 0.5], 1);
		expect(thin.points).toEqual([0, 0, 5, 0, 5.1, 0]);
		expect(thin.pressures).toEqual([0.1, 0.4, 0.5]);
		expect(thinStroke([1.234, 2.345], null, 1)).toEqual({ points: [1.23, 2.35], pressures: null });
	});
});

describe('undo across the shared and the private layer', () => {
	function setup() {
		const shared = new Y.Doc();
		const mine = new Y.Doc();
		const sharedOrigin = { layer: 'shared' };
		const privateOrigin = { layer: 'private' };
		const managers = new Map([
			['shared', createUndoManager(shared, sharedOrigin)],
			['private', createUndoManager(mine, privateOrigin)]
		] as const);
		for (const um of managers.values()) um.captureTimeout = 0;
		const order = new UndoOrder(managers);
		const draw = (doc: Y.Doc, origin: object, page: number) =>
			doc.transact(() => addMark(doc, hong, { kind: 'ink', page, color: '#000', points: [0, 0, 1, 1], pressures: null, width: 1 }), origin);
		const pages = () => [...listMarks(shared), ...listMarks(mine)].map((m) => m.page).sort();
		return { shared, mine, sharedOrigin, privateOrigin, order, draw, pages };
	}

	it('takes back my edits newest first, whichever layer they are in, and redoes them in order', () => {
		const { shared, mine, sharedOrigin, privateOrigin, order, draw, pages } = setup();
		expect(order.canUndo).toBe(false);
		draw(shared, sharedOrigin, 1);
		draw(mine, privateOrigin, 2);
		draw(shared, sharedOrigin, 3);
		expect(pages()).toEqual([1, 2, 3]);

		order.undo();
		expect(pages()).toEqual([1, 2]);
		order.undo();
		expect(pages()).toEqual([1]);
		expect(order.canRedo).toBe(true);
		order.redo();
		expect(pages()).toEqual([1, 2]);
		order.undo();
		order.undo();
		expect(pages()).toEqual([]);
		expect(order.canUndo).toBe(false);
		order.redo();
		order.redo();
		order.redo();
		expect(pages()).toEqual([1, 2, 3]);
		expect(order.canRedo).toBe(false);
	});

	it('drops every redo when I make a new edit, in either layer', () => {
		const { shared, mine, sharedOrigin, privateOrigin, order, draw, pages } = setup();
		draw(shared, sharedOrigin, 1);
		order.undo();
		expect(order.canRedo).toBe(true);
		draw(mine, privateOrigin, 2);
		expect(order.canRedo).toBe(false);
		order.redo();
		expect(pages()).toEqual([2]);
	});

	it("never undoes someone else's mark", () => {
		const { shared, sharedOrigin, order, draw, pages } = setup();
		draw(shared, sharedOrigin, 1);
		draw(shared, { someoneElse: true }, 5);
		order.undo();
		expect(pages()).toEqual([5]);
		expect(order.canUndo).toBe(false);
	});
});
