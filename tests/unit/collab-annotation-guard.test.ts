import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, addReply, createUndoManager, deleteMark, setResolved, updateMark, type Mark, type NewMark } from '$lib/collab/annotations';
import { authorShares, checkAnnotationUpdate } from '$lib/server/collab/annotation-guard';

// The server's room and two tablets, synced through it as y-websocket would: every accepted update is applied to
// the room, and the tablets start from the room's state.
const hong = { id: 'u-hong', displayName: 'Lê Thị Hồng' };
const bao = { id: 'u-bao', displayName: 'Phạm Quốc Bảo' };
const note: NewMark = { kind: 'note', page: 1, color: '#f7d94c', x: 10, y: 10, text: 'Cần số liệu quý IV', resolved: false };
const ink: NewMark = { kind: 'ink', page: 2, color: '#f28b82', points: [1, 2, 3, 4], pressures: null, width: 2 };

function tablet(room: Y.Doc): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
	return doc;
}

/** Captures the exact update events of `edit` (these carry deletions, which a state diff does not). */
function sent(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
	const updates: Uint8Array[] = [];
	const listen = (u: Uint8Array) => updates.push(u);
	doc.on('update', listen);
	try {
		edit(doc);
	} finally {
		doc.off('update', listen);
	}
	return Y.mergeUpdates(updates);
}

function accept(room: Y.Doc, update: Uint8Array, userId: string) {
	const verdict = checkAnnotationUpdate(room, update, userId);
	if (verdict.ok) Y.applyUpdate(room, update);
	return verdict;
}

const marksOf = (doc: Y.Doc) => doc.getMap<Mark>('marks');

describe('annotation guard: authorship in a shared layer', () => {
	it('accepts one’s own marks, edits, replies and deletions', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		let id = '';
		expect(accept(room, sent(a, (d) => (id = addMark(d, hong, note).id)), hong.id)).toMatchObject({ ok: true });
		expect(accept(room, sent(a, (d) => updateMark(d, hong.id, id, { text: 'Đã có số liệu' })), hong.id)).toMatchObject({ ok: true });
		expect(accept(room, sent(a, (d) => addReply(d, id, hong, 'Bổ sung bảng 2')), hong.id)).toMatchObject({ ok: true });
		// A second reply sits after the first: its parent is known only through its origin.
		expect(accept(room, sent(a, (d) => addReply(d, id, hong, 'Và bảng 3')), hong.id)).toMatchObject({ ok: true });
		expect(accept(room, sent(a, (d) => deleteMark(d, hong.id, id)), hong.id)).toMatchObject({ ok: true, deletes: true });
		expect(marksOf(room).size).toBe(0);
	});

	it('refuses a mark written in someone else’s name', () => {
		const room = new Y.Doc();
		const b = tablet(room);
		const forged = sent(b, (d) => addMark(d, { id: 'u-chair', displayName: 'Chủ tọa' }, note));
		expect(accept(room, forged, bao.id)).toEqual({ ok: false, reason: "another person's mark", refusal: 'not-yours' });
		expect(marksOf(room).size).toBe(0);
	});

	it('refuses deleting or rewriting a colleague’s mark, and a reply in a colleague’s name', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		let id = '';
		accept(room, sent(a, (d) => (id = addMark(d, hong, note).id)), hong.id);
		const b = tablet(room);
		const erase = sent(b, (d) => marksOf(d).delete(id));
		expect(accept(room, erase, bao.id)).toMatchObject({ ok: false });
		const rewrite = sent(b, (d) => marksOf(d).set(id, { ...marksOf(d).get(id)!, text: 'Không cần' } as Mark));
		expect(accept(room, rewrite, bao.id)).toMatchObject({ ok: false });
		const b2 = tablet(room);
		const stealAuthorship = sent(b2, (d) => marksOf(d).set(id, { ...marksOf(d).get(id)!, author: bao } as Mark));
		expect(accept(room, stealAuthorship, bao.id)).toMatchObject({ ok: false });
		const b3 = tablet(room);
		expect(accept(room, sent(b3, (d) => addReply(d, id, hong, 'Tôi đồng ý')), bao.id)).toMatchObject({ ok: false });
		// Replacing the thread would erase its replies.
		const b4 = tablet(room);
		expect(accept(room, sent(b4, (d) => d.getMap('replies').set(id, new Y.Array())), bao.id)).toMatchObject({ ok: false });
		expect(marksOf(room).get(id)).toMatchObject({ text: note.kind === 'note' ? note.text : '', author: hong });
	});

	it('lets a colleague resolve a note and reply in their own name', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		let id = '';
		accept(room, sent(a, (d) => (id = addMark(d, hong, note).id)), hong.id);
		const b = tablet(room);
		expect(accept(room, sent(b, (d) => setResolved(d, id, true)), bao.id)).toMatchObject({ ok: true });
		expect(accept(room, sent(b, (d) => addReply(d, id, bao, 'Đã xử lý')), bao.id)).toMatchObject({ ok: true });
		expect(marksOf(room).get(id)).toMatchObject({ resolved: true, author: hong });
	});

	it('lets a note’s author delete it with the colleagues’ replies in its thread', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		let id = '';
		accept(room, sent(a, (d) => (id = addMark(d, hong, note).id)), hong.id);
		const b = tablet(room);
		accept(room, sent(b, (d) => addReply(d, id, bao, 'Ý kiến của tôi')), bao.id);
		const a2 = tablet(room);
		expect(accept(room, sent(a2, (d) => deleteMark(d, hong.id, id)), hong.id)).toMatchObject({ ok: true });
		expect(room.getMap('replies').has(id)).toBe(false);
	});

	it('lets an author undo and redo their own mark', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		const origin = Symbol('me');
		const undo = createUndoManager(a, origin);
		accept(room, sent(a, (d) => d.transact(() => addMark(d, hong, ink), origin)), hong.id);
		expect(accept(room, sent(a, () => undo.undo()), hong.id)).toMatchObject({ ok: true });
		expect(accept(room, sent(a, () => undo.redo()), hong.id)).toMatchObject({ ok: true });
		expect(marksOf(room).size).toBe(1);
	});

	it('lets an author undo deleting a note that had colleagues’ replies, and reply to it again', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		const origin = Symbol('me');
		const undo = createUndoManager(a, origin);
		let id = '';
		accept(room, sent(a, (d) => d.transact(() => (id = addMark(d, hong, note).id), origin)), hong.id);
		undo.stopCapturing();
		const b = tablet(room);
		accept(room, sent(b, (d) => addReply(d, id, bao, 'Ý kiến của tôi')), bao.id);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(room, Y.encodeStateVector(a)));
		expect(accept(room, sent(a, (d) => d.transact(() => deleteMark(d, hong.id, id), origin)), hong.id)).toMatchObject({ ok: true });
		expect(accept(room, sent(a, () => undo.undo()), hong.id)).toMatchObject({ ok: true });
		expect(accept(room, sent(a, (d) => addReply(d, id, hong, 'Mở lại')), hong.id)).toMatchObject({ ok: true });
		expect(marksOf(room).get(id)).toMatchObject({ author: hong });
		expect((room.getMap('replies').get(id) as Y.Array<{ text: string }>).toArray().map((r) => r.text)).toEqual(['Mở lại']);
	});

	it('refuses content outside the layer and malformed marks', () => {
		const room = new Y.Doc();
		const b = tablet(room);
		expect(accept(room, sent(b, (d) => d.getText('junk').insert(0, 'x'.repeat(1000))), bao.id)).toMatchObject({ ok: false });
		const b2 = tablet(room);
		expect(accept(room, sent(b2, (d) => marksOf(d).set('k1', { ...addMarkValue(bao), id: 'other' })), bao.id)).toMatchObject({ ok: false });
		const b3 = tablet(room);
		expect(accept(room, sent(b3, (d) => d.getMap('marks').set('k2', 'just a string' as unknown as Mark)), bao.id)).toMatchObject({ ok: false });
		expect(room.getText('junk').length).toBe(0);
	});

	it('takes a tablet re-sending what the room already holds as nothing new', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		accept(room, sent(a, (d) => addMark(d, hong, ink)), hong.id);
		// After a reconnect a tablet answers the server with its whole state: the room has all of it.
		const b = tablet(room);
		expect(accept(room, Y.encodeStateAsUpdate(b), bao.id)).toEqual({ ok: true, addedBytes: 0, deletes: false });
	});

	it('counts each author’s share of the layer', () => {
		const room = new Y.Doc();
		const a = tablet(room);
		const verdict = accept(room, sent(a, (d) => addMark(d, hong, ink)), hong.id);
		const shares = authorShares(room);
		expect(shares.get(hong.id)).toBeGreaterThan(50);
		expect(verdict).toMatchObject({ ok: true, addedBytes: shares.get(hong.id) });
		expect(shares.has(bao.id)).toBe(false);
	});
});

function addMarkValue(author: { id: string; displayName: string }): Mark {
	return { ...(ink as Mark), id: 'k1', author, createdAt: 1, updatedAt: 1 };
}

