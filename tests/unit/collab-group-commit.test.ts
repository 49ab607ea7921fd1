import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Connection } from '$lib/server/collab/connection';
import { GroupCommit, type CommitBatch } from '$lib/server/collab/group-commit';
import { encodeUpdate } from '$lib/server/collab/protocol';
import { authorOf, Room, type RoomLimits } from '$lib/server/collab/room';
import { UpdateStore } from '$lib/server/collab/store';
import { memoryDb } from './factories';

const LIMITS: RoomLimits = {
	maxDocumentBytes: 1_000_000,
	writerBurstBytes: 1_000_000,
	writerBytesPerMinute: 1_000_000,
	writerShareBytes: 1_000_000,
	compactAfterRows: 500
};

/** A socket's stand-in: what the room sends it, and how it was closed. */
function tablet(userId: string) {
	const sent: Uint8Array[] = [];
	const closed: number[] = [];
	const conn = { userId, awarenessIds: new Set<number>(), send: (m: Uint8Array) => sent.push(m), close: (code: number) => closed.push(code) };
	return { conn: conn as unknown as Connection, sent, closed };
}

/** An edit of a minutes-like room (no annotation rules), as a writer's tablet encodes it. */
function edit(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('draft').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

function setup(write?: (store: UpdateStore, batches: CommitBatch[]) => void) {
	const sqlite = memoryDb().$client;
	const store = new UpdateStore(sqlite);
	const writes: number[] = [];
	const commits = new GroupCommit((batches) => {
		writes.push(batches.reduce((n, b) => n + b.updates.length, 0));
		if (write) write(store, batches);
		else store.appendBatches(batches, authorOf);
	});
	const rows = (room: string) => sqlite.prepare('select user_id from collab_updates where room = ? order by id').all(room) as { user_id: string | null }[];
	const room = (name: string) => new Room(name, { store, commits }, LIMITS, true, false);
	return { commits, writes, rows, room };
}

describe('group commit', () => {
	it('commits the updates of every room in one transaction, and relays nothing before it', async () => {
		const { writes, rows, room } = setup();
		const a = room('meeting:aaaaaaaa:minutes');
		const b = room('meeting:bbbbbbbb:minutes');
		const [writerA, readerA, writerB, readerB] = [tablet('u-a'), tablet('u-ra'), tablet('u-b'), tablet('u-rb')];
		a.join(writerA.conn);
		a.join(readerA.conn);
		b.join(writerB.conn);
		b.join(readerB.conn);
		const first = edit('một');
		expect(a.applyClientUpdate(first, writerA.conn)).toEqual({ applied: true });
		expect(a.applyClientUpdate(edit('hai'), writerA.conn)).toEqual({ applied: true });
		expect(b.applyClientUpdate(edit('ba'), writerB.conn)).toEqual({ applied: true });
		// Applied, but neither stored nor relayed within the turn.
		expect(readerA.sent).toHaveLength(0);
		expect(rows(a.name)).toHaveLength(0);
		await new Promise((r) => setImmediate(r));
		expect(writes).toEqual([3]);
		expect(rows(a.name)).toEqual([{ user_id: 'u-a' }, { user_id: 'u-a' }]);
		expect(rows(b.name)).toEqual([{ user_id: 'u-b' }]);
		expect(readerA.sent).toEqual([encodeUpdate(first), expect.any(Uint8Array)]);
		expect(readerB.sent).toHaveLength(1);
		// Nobody hears their own update back.
		expect(writerA.sent).toHaveLength(0);
		expect(writerB.sent).toHaveLength(0);
	});

	it('flush (before a sync step 1) commits every waiting room at once, and the turn then has nothing left', async () => {
		const { writes, rows, room } = setup();
		const a = room('meeting:aaaaaaaa:minutes');
		const b = room('meeting:bbbbbbbb:minutes');
		const writer = tablet('u-a');
		a.applyClientUpdate(edit('x'), writer.conn);
		b.applyClientUpdate(edit('y'), writer.conn);
		a.flush();
		expect(writes).toEqual([2]);
		expect(rows(b.name)).toHaveLength(1);
		await new Promise((r) => setImmediate(r));
		expect(writes).toEqual([2]);
	});

	it('relays nothing of a batch whose transaction failed, and closes that room’s sockets', async () => {
		const { rows, room } = setup(() => {
			throw new Error('disk full');
		});
		const a = room('meeting:aaaaaaaa:minutes');
		const [writer, reader] = [tablet('u-a'), tablet('u-r')];
		a.join(writer.conn);
		a.join(reader.conn);
		a.applyClientUpdate(edit('x'), writer.conn);
		await new Promise((r) => setImmediate(r));
		expect(reader.sent).toHaveLength(0);
		expect(rows(a.name)).toHaveLength(0);
		expect(reader.closed).toEqual([1011]);
		expect(writer.closed).toEqual([1011]);
	});

	it('writes a batch once even when a relay commits again (a closing socket unloads its room)', () => {
		const writes: number[] = [];
		let nested = false;
		const commits: GroupCommit = new GroupCommit((batches) => writes.push(batches.length));
		const party = (name: string) => ({
			takeBatch: () => ({ room: name, updates: [new Uint8Array([1])], origins: [null] }),
			committed: () => {
				if (nested) return;
				nested = true;
				commits.commit();
			},
			notStored: () => {}
		});
		commits.enqueue(party('a'));
		commits.enqueue(party('b'));
		commits.commit();
		expect(writes).toEqual([2]);
	});

	it('with a window, waits that long for other rooms before committing', async () => {
		const writes: number[] = [];
		const commits = new GroupCommit((batches) => writes.push(batches.length), 5);
		const party = { takeBatch: () => ({ room: 'r', updates: [], origins: [] }), committed: () => {}, notStored: () => {} };
		commits.enqueue(party);
		await new Promise((r) => setImmediate(r));
		expect(writes).toEqual([]);
		commits.enqueue(party);
		await new Promise((r) => setTimeout(r, 20));
		expect(writes).toEqual([2]);
	});
});

describe('encodeUpdate', () => {
	it('frames an update as y-protocols does (sync, update, length, bytes) for every length class', async () => {
		const encoding = await import('lib0/encoding');
		const sync = await import('y-protocols/sync');
		for (const length of [0, 1, 127, 128, 300, 16_383, 16_384, 2_100_000]) {
			const update = new Uint8Array(length).map((_, i) => i % 251);
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			sync.writeUpdate(encoder, update);
			expect(Buffer.from(encodeUpdate(update)).equals(Buffer.from(encoding.toUint8Array(encoder)))).toBe(true);
		}
	});
});
