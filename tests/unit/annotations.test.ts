import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, addReply, AnnotationError, authorsOf, createUndoManager, deleteMark, listMarks, repliesTo, setResolved, updateMark } from '$lib/collab/annotations';

const hong = { id: 'u-hong', displayName: 'Lê Thị Hồng' };
const bao = { id: 'u-bao', displayName: 'Phạm Quốc Bảo' };

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('annotations', () => {
	it('adds marks with author and time, lists them per page and per author', () => {
		const doc = new Y.Doc();
		addMark(doc, hong, { kind: 'ink', page: 2, color: '#f28b82', points: [10, 10, 20, 25], pressures: [0.4, 0.6], width: 2 }, 1000);
		addMark(doc, bao, { kind: 'highlight', page: 2, color: '#f7d94c', rects: [{ x: 72, y: 700, width: 200, height: 12 }], text: 'cải cách hành chính' }, 2000);
		addMark(doc, hong, { kind: 'note', page: 5, color: '#f7d94c', x: 300, y: 400, text: 'Cần số liệu quý IV', resolved: false }, 3000);
		expect(listMarks(doc, { page: 2 }).map((m) => m.kind)).toEqual(['ink', 'highlight']);
		expect(listMarks(doc, { authors: new Set([hong.id]) }).map((m) => m.page)).toEqual([2, 5]);
		expect(listMarks(doc)[0]).toMatchObject({ author: hong, createdAt: 1000, updatedAt: 1000 });
		expect(authorsOf(doc).map((a) => a.displayName)).toEqual(['Lê Thị Hồng', 'Phạm Quốc Bảo']);
	});

	it('lets only the author move or delete a mark', () => {
		const doc = new Y.Doc();
		const mark = addMark(doc, hong, { kind: 'rect', page: 1, color: '#6cb4ee', rect: { x: 1, y: 2, width: 3, height: 4 }, width: 2 });
		expect(() => updateMark(doc, bao.id, mark.id, { rect: { x: 9, y: 9, width: 1, height: 1 } })).toThrow(AnnotationError);
		expect(() => deleteMark(doc, bao.id, mark.id)).toThrow(AnnotationError);
		const moved = updateMark(doc, hong.id, mark.id, { rect: { x: 9, y: 9, width: 1, height: 1 } }, 5000);
		expect(moved).toMatchObject({ kind: 'rect', author: hong, rect: { x: 9 }, updatedAt: 5000 });
		deleteMark(doc, hong.id, mark.id);
		expect(listMarks(doc)).toEqual([]);
	});

	it('keeps both of two concurrent replies to a note', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const note = addMark(a, hong, { kind: 'note', page: 1, color: '#f7d94c', x: 1, y: 1, text: 'Ý kiến?', resolved: false });
		sync(a, b);
		addReply(a, note.id, hong, 'Đồng ý', 1);
		addReply(b, note.id, bao, 'Đề nghị bổ sung', 2);
		sync(a, b);
		expect(repliesTo(a, note.id).map((r) => r.text).sort()).toEqual(['Đề nghị bổ sung', 'Đồng ý']);
		expect(repliesTo(b, note.id)).toHaveLength(2);
		setResolved(b, note.id, true);
		sync(a, b);
		expect(listMarks(a)[0]).toMatchObject({ kind: 'note', resolved: true });
	});

	it('undoes my own edits and never someone else’s', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const local = Symbol('local');
		const undo = createUndoManager(mine, local);
		mine.transact(() => addMark(mine, hong, { kind: 'ink', page: 1, color: '#000', points: [0, 0, 1, 1], pressures: null, width: 1 }), local);
		addMark(theirs, bao, { kind: 'ink', page: 1, color: '#000', points: [5, 5, 6, 6], pressures: null, width: 1 });
		sync(mine, theirs);
		expect(listMarks(mine)).toHaveLength(2);
		undo.undo();
		expect(listMarks(mine).map((m) => m.author.id)).toEqual([bao.id]);
		undo.redo();
		expect(listMarks(mine)).toHaveLength(2);
	});
});
