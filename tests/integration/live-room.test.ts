import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLiveState, type LiveState } from '../../src/lib/collab/live-state';
import { ROOM_REBUILT } from '../../src/lib/collab/wire';
import { connectPeer, eventually, synced, type Peer } from './collab-client';
import { ApiClient, seedDemo, startServer, tempDataDir, type TestServer } from './harness';
import { insertVoteFixture, type VoteFixture } from './votes-fixtures';

// The live room is built from the database whenever it loads and never stored (src/lib/server/live/snapshot.ts):
// what a tablet sees after a restart, and what is left on disk after a secret vote.

let server: TestServer;
let fx: VoteFixture;
const peers: { destroy(): void }[] = [];

const liveRoomOf = (meetingId: string) => `meeting:${meetingId}:live`;
const live = (p: Peer): LiveState => readLiveState(p.doc.getMap('state'));
/** The writers a document holds items of: in the live room, one per load of the room it has seen. */
const writers = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];

function client(cookie: string): ApiClient {
	const c = new ApiClient(server.url);
	c.cookie = cookie;
	return c;
}
const as = (username: string) => client(fx.people.get(username)!.cookie);

/** A tablet following the live room as the app does (server-written-room.svelte.ts): told ROOM_REBUILT, it starts afresh. */
function tablet(cookie: string) {
	const follower = {
		peer: null as unknown as Peer,
		rebuilt: 0,
		open() {
			const peer = connectPeer(server.url, liveRoomOf(fx.meetingId), cookie);
			peer.provider.on('connection-close', (event: CloseEvent | null) => {
				if (event?.code !== ROOM_REBUILT || follower.peer !== peer) return;
				follower.rebuilt++;
				queueMicrotask(() => {
					peer.destroy();
					follower.open();
				});
			});
			follower.peer = peer;
		},
		destroy: () => follower.peer.destroy()
	};
	follower.open();
	peers.push(follower);
	return follower;
}

/** The chair puts a motion to the vote; answers its id. */
async function openMotion(title: string, ballot: 'open' | 'secret'): Promise<string> {
	const chair = as('v-chair');
	const created = await chair.request<{ id: string }>('POST', `/api/v1/meetings/${fx.meetingId}/motions`, { agendaItemId: fx.itemId, title, ballot, majority: 'simple' });
	expect(created.status).toBe(201);
	expect((await chair.request('POST', `/api/v1/motions/${created.body.id}/open`)).status).toBe(200);
	return created.body.id;
}

async function restart(): Promise<void> {
	const port = new URL(server.url).port;
	await server.stop();
	server = await startServer({ dataDir: server.dataDir, env: { PORT: port } });
}

function liveRows(): number {
	const db = new Database(path.join(server.dataDir, 'quorum.db'), { readonly: true });
	try {
		return (db.prepare("select count(*) as n from collab_updates where room like 'meeting:%:live'").get() as { n: number }).n;
	} finally {
		db.close();
	}
}

beforeAll(async () => {
	const dataDir = tempDataDir();
	await seedDemo(dataDir);
	fx = insertVoteFixture(dataDir, 12);
	server = await startServer({ dataDir });
});

afterAll(async () => {
	for (const p of peers.splice(0)) p.destroy();
	await server?.stop();
});

describe('the live room after a restart', () => {
	it('a tablet that held the room before converges on the rebuilt one: counts right, nothing stale', async () => {
		const chair = as('v-chair');
		const watcher = tablet(fx.people.get('v-observer')!.cookie);
		await synced(watcher.peer);
		const motionId = await openMotion('Thông qua chương trình', 'open');
		for (const d of fx.delegates.slice(0, 3)) expect((await client(d.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' })).status).toBe(201);
		const speaker = await client(fx.delegates[5]!.cookie).request<{ id: string }>('POST', `/api/v1/meetings/${fx.meetingId}/speakers`, { agendaItemId: fx.itemId });
		expect(speaker.status).toBe(201);
		await eventually(() => live(watcher.peer).votes[motionId]?.votedCount === 3 && live(watcher.peer).speakers[fx.itemId]?.waiting.length === 1, 5_000, 'count and list before');
		const before = writers(watcher.peer.doc);
		expect(before).toHaveLength(1);

		// A tablet running stock y-websocket, which knows nothing of ROOM_REBUILT: it must never be handed the new
		// load's state on top of the old one.
		const stock = connectPeer(server.url, liveRoomOf(fx.meetingId), fx.people.get('v-novote')!.cookie);
		peers.push(stock);
		await synced(stock);
		const stockCloses: number[] = [];
		stock.provider.on('connection-close', (event: CloseEvent | null) => event && stockCloses.push(event.code));

		await restart();
		// While the tablets reconnect, the meeting moves on: two more ballots, the request to speak withdrawn.
		for (const d of fx.delegates.slice(3, 5)) expect((await client(d.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'no' })).status).toBe(201);
		expect((await client(fx.delegates[5]!.cookie).request('DELETE', `/api/v1/meetings/${fx.meetingId}/speakers/${speaker.body.id}`)).status).toBe(204);

		await eventually(() => watcher.rebuilt >= 1 && watcher.peer.provider.synced, 10_000, 'the tablet starts afresh on the rebuilt room');
		// Each change reaches the tablet as its own update: wait until both have, whichever comes last under load.
		await eventually(
			() => live(watcher.peer).votes[motionId]?.votedCount === 5 && live(watcher.peer).speakers[fx.itemId]?.waiting.length === 0,
			5_000,
			'count and list after the restart'
		);
		expect(live(watcher.peer).votes[motionId]).toMatchObject({ state: 'open', ballot: 'open', votedCount: 5 });
		expect(live(watcher.peer).activeMotion).toMatchObject({ id: motionId, state: 'open' });
		expect(live(watcher.peer).attendance).toMatchObject({ presentVoters: 13 });
		expect(live(watcher.peer).speakers[fx.itemId]).toMatchObject({ speaking: null, waiting: [] });
		// One writer, and not the one before: nothing of the earlier load is left to win a key.
		const after = writers(watcher.peer.doc);
		expect(after).toHaveLength(1);
		expect(after).not.toEqual(before);

		// Closing the vote reaches the tablet, and the stock client was turned away, never merged.
		const closed = await chair.request<{ result: { counts: Record<string, number> } }>('POST', `/api/v1/motions/${motionId}/close`);
		expect(closed.body.result.counts).toMatchObject({ yes: 3, no: 2 });
		await eventually(() => live(watcher.peer).votes[motionId]?.state === 'closed', 5_000, 'the result after the restart');
		expect(live(watcher.peer).votes[motionId]!.result).toMatchObject({ counts: { yes: 3, no: 2 } });
		await eventually(() => stockCloses.includes(ROOM_REBUILT), 5_000, 'the stale stock client refused');
		expect(writers(stock.doc)).toEqual(before);
		stock.destroy();
	});

	it('a tablet that comes after the restart sees the closed vote on screen, built from the database', async () => {
		await restart();
		const late = tablet(fx.delegates[0]!.cookie);
		await synced(late.peer);
		const state = live(late.peer);
		expect(state.activeMotion?.state).toBe('closed');
		expect(state.votes[state.activeMotion!.id]).toMatchObject({ state: 'closed', votedCount: 5 });
		expect(late.rebuilt).toBe(0);
	});
});

describe('what is stored of the live room', () => {
	it('nothing: after a secret vote watched live, collab_updates holds no live-room row (no timeline of the count)', async () => {
		const chair = as('v-chair');
		const watcher = tablet(fx.people.get('v-observer')!.cookie);
		await synced(watcher.peer);
		const motionId = await openMotion('Bầu cử', 'secret');
		for (const d of fx.delegates.slice(0, 6)) {
			expect((await client(d.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' })).status).toBe(201);
			await new Promise((r) => setTimeout(r, 60));
		}
		await eventually(() => live(watcher.peer).votes[motionId]?.votedCount === 6, 5_000, 'the live count');
		expect((await chair.request('POST', `/api/v1/motions/${motionId}/close`)).status).toBe(200);
		await eventually(() => live(watcher.peer).votes[motionId]?.state === 'closed', 5_000, 'the result');
		expect(liveRows()).toBe(0);
	});

	it('rows an earlier version stored are deleted when the server starts', async () => {
		await server.stop();
		const db = new Database(path.join(server.dataDir, 'quorum.db'));
		try {
			const doc = new Y.Doc();
			doc.getMap('state').set('attendance', { presentVoters: 999 });
			db.prepare('insert into collab_updates (room, "update", user_id, authors, created_at) values (?, ?, null, null, ?)').run(liveRoomOf(fx.meetingId), Buffer.from(Y.encodeStateAsUpdate(doc)), Date.now());
		} finally {
			db.close();
		}
		expect(liveRows()).toBe(1);
		server = await startServer({ dataDir: server.dataDir });
		expect(liveRows()).toBe(0);
	});
});
