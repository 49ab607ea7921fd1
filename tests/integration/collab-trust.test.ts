import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, deleteMark, listMarks, type Author, type Mark, type NewMark } from '../../src/lib/collab/annotations';
import { onWritesRefused } from '../../src/lib/collab/refused-writes';
import type { WritesRefusedReason } from '../../src/lib/collab/wire';
import { connectPeer, eventually, insertDocumentRow, storedUpdates, synced, type Peer } from './collab-client';
import { demoMeetingId, loggedIn, startServer, userIds, type TestServer } from './harness';

// What a delegate with a browser console can do to a shared annotation layer, against the real server and real
// y-websocket clients: write in a colleague's name, erase a colleague's marks, fill the layer for everyone.
let server: TestServer;
let documentId: string;
const cookies = new Map<string, string>();
const authors = new Map<string, Author>();
const peers: Peer[] = [];

beforeAll(async () => {
	server = await startServer({ seed: true });
	const secretary = await loggedIn(server.url, 'secretary');
	const meetingId = await demoMeetingId(server.url);
	const ids = await userIds(secretary);
	documentId = insertDocumentRow(server.dataDir, meetingId);
	for (const username of ['chair', 'delegate1', 'delegate2']) {
		cookies.set(username, (await loggedIn(server.url, username)).cookie);
		authors.set(username, { id: ids.get(username)!, displayName: username });
	}
});

afterEach(() => {
	for (const p of peers.splice(0)) p.destroy();
});

afterAll(async () => {
	await server?.stop();
});

const room = () => `document:${documentId}:shared`;

type Tablet = Peer & { refusals: WritesRefusedReason[] };

async function tablet(username: string): Promise<Tablet> {
	const p = Object.assign(connectPeer(server.url, room(), cookies.get(username)!), { refusals: [] as WritesRefusedReason[] });
	onWritesRefused(p.provider, (reason) => p.refusals.push(reason));
	peers.push(p);
	await synced(p);
	return p;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ink: NewMark = { kind: 'ink', page: 1, color: '#f28b82', points: [10, 10, 40, 40], pressures: null, width: 2 };
const marksIn = (state: Uint8Array | null): Mark[] => {
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	return listMarks(doc);
};

describe('authorship in a shared layer, enforced by the server', () => {
	it('drops a mark written in the chair’s name: not relayed, not stored, and the writer is told', async () => {
		const d1 = await tablet('delegate1');
		const forger = await tablet('delegate2');
		const forged = addMark(forger.doc, authors.get('chair')!, { ...ink });
		const honest = addMark(d1.doc, authors.get('delegate1')!, { ...ink, page: 2 });
		await eventually(() => forger.doc.getMap('marks').has(honest.id), 5_000, 'the forger still receives');
		await eventually(() => forger.refusals.includes('not-yours'), 5_000, 'the forger is told');
		await pause(300);
		expect(d1.doc.getMap('marks').has(forged.id)).toBe(false);
		expect(marksIn(storedUpdates(server.dataDir, room()).state).map((m) => m.id)).not.toContain(forged.id);
		expect(forger.provider.wsconnected).toBe(true);
	});

	it('keeps a colleague’s mark that someone deleted from their own copy', async () => {
		const owner = await tablet('delegate1');
		const mark = addMark(owner.doc, authors.get('delegate1')!, { ...ink, page: 3 });
		const eraser = await tablet('delegate2');
		await eventually(() => eraser.doc.getMap('marks').has(mark.id), 5_000, 'the mark reaches delegate2');
		eraser.doc.getMap('marks').delete(mark.id); // what a console can do; the app's deleteMark refuses it
		await eventually(() => eraser.refusals.includes('not-yours'), 5_000, 'the eraser is told');
		await pause(300);
		expect(owner.doc.getMap('marks').has(mark.id)).toBe(true);
		const late = await tablet('chair');
		expect(late.doc.getMap('marks').has(mark.id)).toBe(true);
		expect(marksIn(storedUpdates(server.dataDir, room()).state).map((m) => m.id)).toContain(mark.id);
		// The author may delete it.
		deleteMark(owner.doc, authors.get('delegate1')!.id, mark.id);
		await eventually(() => !late.doc.getMap('marks').has(mark.id), 5_000, 'the author’s deletion goes through');
	});
});

describe('a layer one delegate cannot freeze', () => {
	it('refuses the writer of junk alone; deleting the junk frees the stored room', async () => {
		let spammer = await tablet('delegate2');
		const chair = await tablet('chair');
		// Before: 18 notes of 1.9 MB filled the 32 MiB room and locked every writer out, the chair included. A mark
		// that large is refused outright now; notes of 200 KB stop at the writer's share (8 MiB).
		const note = (text: string): NewMark => ({ kind: 'note', page: 1, color: '#f7d94c', x: 1, y: 1, text, resolved: false });
		addMark(spammer.doc, authors.get('delegate2')!, note('x'.repeat(1_900_000)));
		await eventually(() => spammer.refusals.includes('over-quota'), 5_000, 'a 1.9 MB mark is refused');
		// What "discard and reload" does on the tablet: a fresh copy of the room, the refused change forgotten.
		spammer.destroy();
		spammer = await tablet('delegate2');
		for (let i = 0; i < 60; i++) {
			addMark(spammer.doc, authors.get('delegate2')!, note('x'.repeat(200_000)));
			if (i % 5 === 4) await pause(20);
		}
		await eventually(() => spammer.refusals.length > 0, 10_000, 'the spammer is refused');
		expect(spammer.refusals).toEqual(['over-quota']);
		const stored = storedUpdates(server.dataDir, room());
		expect(stored.bytes).toBeGreaterThan(7 * 1024 * 1024);
		expect(stored.bytes).toBeLessThan(9 * 1024 * 1024);

		const decision = addMark(chair.doc, authors.get('chair')!, { ...ink, page: 4 });
		const reader = await tablet('delegate1');
		await eventually(() => reader.doc.getMap('marks').has(decision.id), 5_000, 'the chair still writes');
		expect(chair.refusals).toEqual([]);
		expect(spammer.provider.wsconnected).toBe(true);

		// The spammer deletes its junk (deletions always pass); once the room unloads, the stored history is
		// compacted to what the room holds, so nobody downloads the junk again.
		for (const mark of listMarks(spammer.doc, { authors: new Set([authors.get('delegate2')!.id]) })) deleteMark(spammer.doc, authors.get('delegate2')!.id, mark.id);
		await eventually(() => listMarks(reader.doc).every((m) => m.author.id !== authors.get('delegate2')!.id), 5_000, 'the junk is gone for everyone');
		for (const p of peers.splice(0)) p.destroy();
		await eventually(() => storedUpdates(server.dataDir, room()).bytes < 100_000, 10_000, 'compacted on unload');
		const next = await tablet('delegate1');
		expect(next.doc.getMap('marks').has(decision.id)).toBe(true);
		expect(Y.encodeStateAsUpdate(next.doc).byteLength).toBeLessThan(100_000);
	});
});
