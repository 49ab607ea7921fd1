import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, deleteMark, listMarks, type Author } from '$lib/collab/annotations';
import { WriterRates } from '$lib/server/collab/budget';
import type { Connection } from '$lib/server/collab/connection';
import { Room, type RoomLimits } from '$lib/server/collab/room';
import { UpdateStore } from '$lib/server/collab/store';
import { memoryDb } from './factories';

describe('writer rates', () => {
	it('allows a burst, then the steady rate, per writer; says how long to wait', () => {
		let now = 0;
		const rates = new WriterRates({ writerBurstBytes: 1000, writerBytesPerMinute: 600 }, () => now);
		expect(rates.take('a', 900)).toBe(0);
		expect(rates.take('a', 200)).toBe(10_000); // 100 short, at 10 bytes a second
		expect(rates.take('b', 1000)).toBe(0); // another writer has its own allowance
		now = 10_000;
		expect(rates.take('a', 200)).toBe(0);
		expect(rates.take('a', 1)).toBeGreaterThan(0);
		now = 10 * 60_000; // full again, never more than the burst
		expect(rates.take('a', 1000)).toBe(0);
		expect(rates.take('a', 1)).toBeGreaterThan(0);
		// More than the burst at once (a tablet's whole offline state): through on a full bucket, then in debt.
		now = 20 * 60_000;
		expect(rates.take('a', 3000)).toBe(0);
		expect(rates.take('a', 100)).toBe(Math.ceil((2100 / 600) * 60_000));
	});
});

const APPLIED = { applied: true };
const OVER = { refused: 'over-quota' };
const LIMITS: RoomLimits = {
	maxDocumentBytes: 60_000,
	writerBurstBytes: 1_000_000,
	writerBytesPerMinute: 1_000_000,
	writerShareBytes: 25_000,
	compactAfterRows: 500
};

function setup() {
	const sqlite = memoryDb().$client;
	const store = new UpdateStore(sqlite);
	const room = new Room('document:aaaaaaaa:shared', { store }, LIMITS, true, true);
	return { sqlite, store, room };
}

/** A tablet of `author`, writing into the room as its connection would. */
function writer(room: Room, author: Author) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
	const conn = { userId: author.id } as Connection;
	const write = (edit: (d: Y.Doc) => void) => {
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(doc)));
		const updates: Uint8Array[] = [];
		const listen = (u: Uint8Array) => updates.push(u);
		doc.on('update', listen);
		edit(doc);
		doc.off('update', listen);
		return room.applyClientUpdate(Y.mergeUpdates(updates), conn);
	};
	const junk = (bytes: number) =>
		write((d) => addMark(d, author, { kind: 'note', page: 1, color: '#f7d94c', x: 0, y: 0, text: 'x'.repeat(bytes), resolved: false }));
	return { doc, write, junk };
}

const hong = { id: 'u-hong', displayName: 'Hồng' };
const bao = { id: 'u-bao', displayName: 'Bảo' };
const chair = { id: 'u-chair', displayName: 'Chủ tọa' };
const lan = { id: 'u-lan', displayName: 'Lan' };

describe('room budget', () => {
	it('refuses a writer past their share, and nobody else', () => {
		const { room } = setup();
		const spammer = writer(room, hong);
		for (let i = 0; i < 4; i++) expect(spammer.junk(5_000)).toEqual(APPLIED);
		expect(spammer.junk(8_000)).toEqual(OVER);
		// Its next mark builds on the refused one (the tablet's clock has a gap the room will never fill).
		expect(spammer.junk(10)).toEqual({ refused: 'gap' });
		expect(writer(room, bao).junk(5_000)).toEqual(APPLIED);
		expect(writer(room, chair).junk(200)).toEqual(APPLIED);
	});

	it('measures the room on what it holds now: deleting junk gives the space back, and compaction frees it on disk', () => {
		const { room, store } = setup();
		const a = writer(room, hong);
		const b = writer(room, bao);
		const c = writer(room, lan);
		for (const w of [a, b, c]) for (let i = 0; i < 4; i++) expect(w.junk(4_500)).toEqual(APPLIED);
		// ~56 KB in the room: the next mark does not fit, whoever writes it.
		expect(writer(room, chair).junk(5_000)).toEqual(OVER);
		const before = room.storedBytes;
		// The spammers delete what they wrote (deletions always pass).
		for (const [w, who] of [[a, hong], [b, bao]] as const) {
			expect(w.write((d) => listMarks(d, { authors: new Set([who.id]) }).forEach((m) => deleteMark(d, who.id, m.id)))).toEqual(APPLIED);
		}
		expect(writer(room, chair).junk(5_000)).toEqual(APPLIED);
		room.flush();
		room.unload();
		const stored = store.load('document:aaaaaaaa:shared');
		// Compacted when the room measured itself for the chair's mark; that mark is the one row after it.
		expect(stored.rows).toBeLessThanOrEqual(2);
		expect(stored.bytes).toBeLessThan(before / 2);
		const reloaded = new Y.Doc();
		Y.applyUpdate(reloaded, stored.state!);
		expect(listMarks(reloaded).map((m) => m.author.id).sort()).toEqual([...Array(4).fill(lan.id), chair.id].sort());
	});
});
