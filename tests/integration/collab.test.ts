import Database from 'better-sqlite3';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { onWritesRefused } from '../../src/lib/collab/refused-writes';
import { sessionIdFromToken } from '../../src/lib/server/auth/sessions';
import { connectPeer, eventually, inkMark, insertDocumentRow, storedUpdates, synced, upgradeStatus, type Peer } from './collab-client';
import { demoMeetingId, loggedIn, startServer, userIds, type TestServer } from './harness';

let server: TestServer;
let meetingId: string;
let documentId: string;
const cookies = new Map<string, string>();
const ids = new Map<string, string>();
const peers: Peer[] = [];

function peer(username: string, room: string): Peer {
	const p = connectPeer(server.url, room, cookies.get(username)!);
	peers.push(p);
	return p;
}

async function signInAll(): Promise<void> {
	for (const username of ['chair', 'delegate1', 'delegate2', 'observer', 'outsider', 'secretary']) {
		cookies.set(username, (await loggedIn(server.url, username)).cookie);
	}
}

beforeAll(async () => {
	// Sessions behind open sockets are looked up every second here (30 s by default).
	server = await startServer({ seed: true, env: { SESSION_CHECK_SECONDS: '1' } });
	const secretary = await loggedIn(server.url, 'secretary');
	meetingId = await demoMeetingId(server.url);
	for (const [name, id] of await userIds(secretary)) ids.set(name, id);
	documentId = insertDocumentRow(server.dataDir, meetingId);
	await signInAll();
});

afterEach(() => {
	for (const p of peers.splice(0)) p.destroy();
});

afterAll(async () => {
	await server?.stop();
});

const shared = () => `document:${documentId}:shared`;
const wsUrl = (room: string) => `${server.url.replace(/^http/, 'ws')}/collab/${room}`;

describe('who may open a room (checked before the upgrade)', () => {
	it('lets participants in and refuses everyone else with a status, before any socket exists', async () => {
		const headers = (user?: string, origin = server.url) => ({ origin, ...(user ? { cookie: cookies.get(user)! } : {}) });
		expect(await upgradeStatus(wsUrl(shared()), headers('delegate1'))).toBe(101);
		expect(await upgradeStatus(wsUrl(`meeting:${meetingId}:live`), headers('observer'))).toBe(101);
		expect(await upgradeStatus(wsUrl(shared()), headers())).toBe(401);
		expect(await upgradeStatus(wsUrl(shared()), headers('delegate1', 'http://evil.example'))).toBe(403);
		expect(await upgradeStatus(wsUrl(shared()), { cookie: cookies.get('delegate1')! })).toBe(403);
		expect(await upgradeStatus(wsUrl(shared()), headers('outsider'))).toBe(404);
		expect(await upgradeStatus(wsUrl(`meeting:${meetingId}:live`), headers('outsider'))).toBe(404);
		expect(await upgradeStatus(wsUrl(`meeting:${meetingId}:minutes`), headers('outsider'))).toBe(404);
		// Someone else's private notes: not even the chair or the secretariat.
		const privateOfDelegate1 = `document:${documentId}:private:${ids.get('delegate1')}`;
		expect(await upgradeStatus(wsUrl(privateOfDelegate1), headers('delegate1'))).toBe(101);
		expect(await upgradeStatus(wsUrl(privateOfDelegate1), headers('delegate2'))).toBe(404);
		expect(await upgradeStatus(wsUrl(privateOfDelegate1), headers('secretary'))).toBe(404);
		// Forged and malformed names.
		expect(await upgradeStatus(wsUrl(`document:${documentId}:shared:extra`), headers('delegate1'))).toBe(404);
		expect(await upgradeStatus(wsUrl('meeting:aaaaaaaaaaaaaaaa:live'), headers('secretary'))).toBe(404);
		expect(await upgradeStatus(wsUrl('../../etc/passwd'), headers('delegate1'))).toBe(404);
		expect(await upgradeStatus(`${server.url.replace(/^http/, 'ws')}/not-collab`, headers('delegate1'))).toBe(404);
	});
});

describe('when someone’s access changes, their open sockets are judged again', () => {
	it('a new role reaches the rooms at once; a participant removed from the meeting loses every room', async () => {
		const secretary = await loggedIn(server.url, 'secretary');
		const d2 = ids.get('delegate2')!;
		const participant = `/api/v1/meetings/${meetingId}/participants/${d2}`;
		const live = peer('delegate2', `meeting:${meetingId}:live`);
		const mine = peer('delegate2', shared());
		const other = peer('delegate1', shared());
		await Promise.all([synced(live), synced(mine), synced(other)]);
		const closes: number[] = [];
		for (const p of [live, mine]) p.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
		try {
			// Made an observer: both sockets are closed with "access changed", and the shared room takes no more
			// writing from them.
			expect((await secretary.request('PATCH', participant, { role: 'observer' })).status).toBe(200);
			await eventually(() => closes.filter((c) => c === 4509).length === 2, 5_000, 'both sockets closed');
			await eventually(() => mine.provider.synced, 5_000, 'reconnected');
			let refused = 0;
			onWritesRefused(mine.provider, () => refused++);
			mine.doc.getMap('marks').set('as-observer', inkMark(ids.get('delegate2')!, 'as-observer'));
			await eventually(() => refused === 1, 5_000, 'the new observer is told');
			expect(other.doc.getMap('marks').has('as-observer')).toBe(false);

			// Removed: closed again, and the upgrade now answers 404, so nothing more reaches them.
			expect((await secretary.request('DELETE', participant)).status).toBe(204);
			await eventually(() => closes.filter((c) => c === 4509).length === 4, 5_000, 'closed again');
			other.doc.getMap('marks').set('after-removal', inkMark(ids.get('delegate1')!, 'after-removal'));
			await new Promise((r) => setTimeout(r, 600));
			expect(mine.doc.getMap('marks').has('after-removal')).toBe(false);
			expect(mine.provider.wsconnected || live.provider.wsconnected).toBe(false);
			expect(await upgradeStatus(wsUrl(shared()), { origin: server.url, cookie: cookies.get('delegate2')! })).toBe(404);
		} finally {
			// The demo meeting as it was, for the other tests.
			const back = await secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: d2, role: 'delegate' });
			if (back.status !== 201) expect((await secretary.request('PATCH', participant, { role: 'delegate' })).status).toBe(200);
		}
	});
});

describe('a new chair', () => {
	it('judges the sockets of the chair they replace again (only the chair writes the minutes)', async () => {
		const secretary = await loggedIn(server.url, 'secretary');
		const participants = `/api/v1/meetings/${meetingId}/participants`;
		const chairLive = peer('chair', `meeting:${meetingId}:live`);
		const delegateLive = peer('delegate1', `meeting:${meetingId}:live`);
		await Promise.all([synced(chairLive), synced(delegateLive)]);
		const closed = { chair: 0, delegate1: 0 };
		chairLive.provider.on('connection-close', (event: CloseEvent | null) => event?.code === 4509 && closed.chair++);
		delegateLive.provider.on('connection-close', (event: CloseEvent | null) => event?.code === 4509 && closed.delegate1++);
		const reconnected = () => eventually(() => chairLive.provider.synced && delegateLive.provider.synced, 5_000, 'reconnected');
		try {
			expect((await secretary.request('PATCH', `${participants}/${ids.get('delegate1')}`, { role: 'chair', replaceChair: true })).status).toBe(200);
			await eventually(() => closed.chair === 1 && closed.delegate1 === 1, 5_000, 'both judged again');
			await reconnected();
		} finally {
			expect((await secretary.request('PATCH', `${participants}/${ids.get('chair')}`, { role: 'chair', replaceChair: true })).status).toBe(200);
		}
		await eventually(() => closed.chair === 2 && closed.delegate1 === 2, 5_000, 'and back');
		await reconnected();
		const list = (await secretary.request<{ participants: { userId: string; role: string }[] }>('GET', participants)).body.participants;
		expect(list.find((p) => p.userId === ids.get('chair'))?.role).toBe('chair');
		expect(list.find((p) => p.userId === ids.get('delegate1'))?.role).toBe('delegate');
	});
});

describe('a socket and its session', () => {
	it('does not outlive it: once the session is over the socket is closed, and it cannot come back', async () => {
		const delegate = await loggedIn(server.url, 'delegate1');
		const mine = connectPeer(server.url, shared(), delegate.cookie);
		peers.push(mine);
		const other = peer('delegate2', shared());
		await Promise.all([synced(mine), synced(other)]);
		const closes: number[] = [];
		mine.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));

		// The session runs out, as twelve idle hours would make it: straight in the database.
		const token = delegate.cookie.slice(delegate.cookie.indexOf('=') + 1);
		const db = new Database(path.join(server.dataDir, 'quorum.db'));
		try {
			db.prepare('update sessions set expires_at = ? where id = ?').run(Date.now() - 1_000, sessionIdFromToken(token));
		} finally {
			db.close();
		}
		await eventually(() => closes.includes(4509), 5_000, 'the socket is closed');
		other.doc.getMap('marks').set('after-expiry', inkMark(ids.get('delegate2')!, 'after-expiry'));
		await new Promise((r) => setTimeout(r, 600));
		expect(mine.doc.getMap('marks').has('after-expiry')).toBe(false);
		expect(await upgradeStatus(wsUrl(shared()), { origin: server.url, cookie: delegate.cookie })).toBe(401);
	});
});

describe('a shared annotation room', () => {
	it('carries one delegate’s mark to another, and keeps it for the next visitor', async () => {
		const a = peer('delegate1', shared());
		const b = peer('delegate2', shared());
		await Promise.all([synced(a), synced(b)]);
		a.doc.getMap('marks').set('m1', inkMark(ids.get('delegate1')!, 'm1', 2));
		await eventually(() => b.doc.getMap('marks').has('m1'), 5_000, 'mark reaches delegate2');
		const c = peer('chair', shared());
		await synced(c);
		await eventually(() => c.doc.getMap('marks').has('m1'), 5_000, 'late joiner gets the mark');
	});

	it('drops an observer’s updates: not applied, not relayed, not stored — and the observer stays connected', async () => {
		const observer = peer('observer', shared());
		const delegate = peer('delegate1', shared());
		await Promise.all([synced(observer), synced(delegate)]);
		const before = storedUpdates(server.dataDir, shared()).rows;
		observer.doc.getMap('marks').set('forged', inkMark(ids.get('observer')!, 'forged'));
		delegate.doc.getMap('marks').set('real', inkMark(ids.get('delegate1')!, 'real'));
		await eventually(() => observer.doc.getMap('marks').has('real'), 5_000, 'observer still receives');
		await new Promise((r) => setTimeout(r, 300));
		expect(delegate.doc.getMap('marks').has('forged')).toBe(false);
		const stored = storedUpdates(server.dataDir, shared());
		expect(stored.rows).toBe(before + 1);
		const replay = new Y.Doc();
		Y.applyUpdate(replay, stored.state!);
		expect(replay.getMap('marks').has('forged')).toBe(false);
		expect(replay.getMap('marks').has('real')).toBe(true);
		// No reconnect loop: the observer's socket is the one it opened.
		expect(observer.provider.wsconnected).toBe(true);
	});

	it('tells a tablet once when writing it sent was not stored, and never for merely syncing', async () => {
		const observer = peer('observer', shared());
		let refused = 0;
		onWritesRefused(observer.provider, () => refused++);
		await synced(observer);
		await new Promise((r) => setTimeout(r, 200));
		expect(refused, 'the sync step 2 of a tablet with nothing new').toBe(0);
		observer.doc.getMap('marks').set('forged-1', inkMark(ids.get('observer')!, 'forged-1'));
		observer.doc.getMap('marks').set('forged-2', inkMark(ids.get('observer')!, 'forged-2'));
		await eventually(() => refused === 1, 5_000, 'the observer is told');
		await new Promise((r) => setTimeout(r, 200));
		expect(refused, 'once per connection').toBe(1);
	});

	it('keeps private notes to their owner', async () => {
		const room = `document:${documentId}:private:${ids.get('delegate1')}`;
		const mine = peer('delegate1', room);
		await synced(mine);
		mine.doc.getMap('marks').set('n1', { ...inkMark(ids.get('delegate1')!, 'n1'), kind: 'note', x: 1, y: 1, text: 'Ghi chú riêng: hỏi lại Sở Tài chính', resolved: false });
		await eventually(() => storedUpdates(server.dataDir, room).rows > 0, 5_000, 'note stored');
		const again = peer('delegate1', room);
		await synced(again);
		await eventually(() => again.doc.getMap('marks').has('n1'), 5_000, 'owner reads it on another tablet');
	});
});

describe('presence (awareness)', () => {
	it('shows each tablet the others, keeps everyone connected, and lets nobody speak for another tablet', async () => {
		const a = peer('delegate1', shared());
		const b = peer('delegate2', shared());
		await Promise.all([synced(a), synced(b)]);
		const socketsBefore = [a.provider.ws, b.provider.ws];
		a.provider.awareness.setLocalStateField('user', { name: 'Lê Thị Hồng', page: 2 });
		b.provider.awareness.setLocalStateField('user', { name: 'Phạm Quốc Bảo', page: 5 });
		const seen = (p: Peer, id: number) => (p.provider.awareness.getStates().get(id) as { user?: { page: number } } | undefined)?.user?.page;
		await eventually(() => seen(b, a.doc.clientID) === 2 && seen(a, b.doc.clientID) === 5, 5_000, 'both see each other');
		// A y-websocket client echoes every awareness change it hears, others' included: that must not get it closed.
		await new Promise((r) => setTimeout(r, 1_000));
		expect([a.provider.ws, b.provider.ws]).toEqual(socketsBefore);
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);

		// A third tablet tries to set delegate1's presence: ignored, and delegate1's own state stands.
		const forger = peer('chair', shared());
		await synced(forger);
		await eventually(() => seen(forger, a.doc.clientID) === 2, 5_000, 'forger sees A');
		const meta = forger.provider.awareness.meta.get(a.doc.clientID)!;
		forger.provider.awareness.states.set(a.doc.clientID, { user: { name: 'giả mạo', page: 99 } });
		meta.clock += 10;
		forger.provider.awareness.emit('update', [{ added: [], updated: [a.doc.clientID], removed: [] }, 'local']);
		await new Promise((r) => setTimeout(r, 500));
		expect(seen(b, a.doc.clientID)).toBe(2);
	});
});

describe('the live room', () => {
	it('refuses every client update, even the chair’s', async () => {
		const room = `meeting:${meetingId}:live`;
		const chair = peer('chair', room);
		const delegate = peer('delegate1', room);
		await Promise.all([synced(chair), synced(delegate)]);
		chair.doc.getMap('state').set('presenter', { page: 99 });
		await new Promise((r) => setTimeout(r, 300));
		// The room as the server built it (nobody presents), never the chair's update; and nothing of it stored.
		expect(delegate.doc.getMap('state').get('presenter')).toBeNull();
		expect(storedUpdates(server.dataDir, room).rows).toBe(0);
		expect(chair.provider.wsconnected).toBe(true);
	});
});

describe('presenting', () => {
	it('the chair presents a page; every tablet in the live room sees it at once; delegates cannot present', async () => {
		const room = `meeting:${meetingId}:live`;
		const delegate = peer('delegate1', room);
		const observer = peer('observer', room);
		await Promise.all([synced(delegate), synced(observer)]);
		const chair = await loggedIn(server.url, 'chair');
		const res = await chair.request('PUT', `/api/v1/meetings/${meetingId}/presenter`, { documentId, page: 1, zoom: 1.25 });
		expect(res.status).toBe(200);
		const presenterOf = (p: Peer) => p.doc.getMap('state').get('presenter') as { documentId: string; page: number; by: { displayName: string } } | null | undefined;
		await eventually(() => presenterOf(delegate)?.page === 1 && presenterOf(observer)?.documentId === documentId, 5_000, 'followers see the page');
		expect(presenterOf(delegate)?.by.displayName).toBe('Trần Văn Minh');
		// A tablet that joins now (another document's page opening) finds the page in the room as it stands.
		const late = peer('delegate2', room);
		await synced(late);
		expect(presenterOf(late)).toMatchObject({ documentId, page: 1 });

		const asDelegate = await loggedIn(server.url, 'delegate2');
		expect((await asDelegate.request('PUT', `/api/v1/meetings/${meetingId}/presenter`, { documentId, page: 1 })).status).toBe(403);
		const asOutsider = await loggedIn(server.url, 'outsider');
		expect((await asOutsider.request('PUT', `/api/v1/meetings/${meetingId}/presenter`, { documentId, page: 1 })).status).toBe(404);
		const beyond = await chair.request('PUT', `/api/v1/meetings/${meetingId}/presenter`, { documentId, page: 2 });
		expect(beyond.status).toBe(400);

		expect((await chair.request('DELETE', `/api/v1/meetings/${meetingId}/presenter`)).status).toBe(204);
		await eventually(() => presenterOf(delegate) === null, 5_000, 'presenting stopped');
		// The live room is the server's own writing, built from the database (the presenter from memory) when it
		// loads: never stored.
		expect(storedUpdates(server.dataDir, room).rows).toBe(0);
	});
});

describe('bad input closes only the sender', () => {
	async function rawSocket(user: string, room: string): Promise<WebSocket> {
		const ws = new WebSocket(wsUrl(room), { headers: { cookie: cookies.get(user)!, origin: server.url } });
		await new Promise((resolve, reject) => {
			ws.once('open', resolve);
			ws.once('error', reject);
		});
		return ws;
	}
	const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

	it.each([
		['random bytes', Buffer.from([0xff, 0xfe, 0x13, 0x37, 0x00, 0x42, 0x99])],
		['a truncated sync message', Buffer.from([0x00, 0x02, 0x85])],
		['an unknown message type', Buffer.from([0x09, 0x00])],
		['an update that is not Yjs', Buffer.from([0x00, 0x02, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05])],
		['a text frame', 'hello']
	])('%s', async (_name, frame) => {
		const bystander = peer('delegate2', shared());
		await synced(bystander);
		const ws = await rawSocket('delegate1', shared());
		const code = closed(ws);
		ws.send(frame);
		expect(await code).toBe(4400);
		// The room and the other tablet carry on.
		const writer = peer('chair', shared());
		await synced(writer);
		const key = `after-${Math.random()}`;
		writer.doc.getMap('marks').set(key, inkMark(ids.get('chair')!, key));
		await eventually(() => bystander.doc.getMap('marks').has(key), 5_000, 'bystander still served');
	});

	it('an oversized frame', async () => {
		const ws = await rawSocket('delegate1', shared());
		const code = closed(ws);
		ws.send(Buffer.alloc(3 * 1024 * 1024, 1));
		expect(await code).toBe(1009);
	});
});

describe('durability', () => {
	it('keeps an update that was relayed, through kill -9', async () => {
		const a = peer('delegate1', shared());
		const b = peer('delegate2', shared());
		await Promise.all([synced(a), synced(b)]);
		a.doc.getMap('marks').set('before-crash', inkMark(ids.get('delegate1')!, 'before-crash', 3));
		await eventually(() => b.doc.getMap('marks').has('before-crash'), 5_000, 'relayed');
		for (const p of peers.splice(0)) p.destroy();
		await server.stop('SIGKILL');
		server = await startServer({ dataDir: server.dataDir });
		await signInAll();
		const c = peer('chair', shared());
		await synced(c);
		await eventually(() => c.doc.getMap('marks').has('before-crash'), 5_000, 'survived');
	});

	it('kill -9 in the middle of a write burst in three rooms: everything any tablet was shown is on disk', async () => {
		// The longest group-commit window (20 ms): an update relayed before its commit would be on view for that long,
		// so a kill at any moment of the burst is very likely to catch one.
		await server.stop();
		server = await startServer({ dataDir: server.dataDir, env: { SESSION_CHECK_SECONDS: '1', COLLAB_COMMIT_WINDOW_MS: '20' } });
		await signInAll();
		const writers = ['delegate1', 'delegate2', 'chair'];
		const rooms = writers.map(() => `document:${insertDocumentRow(server.dataDir, meetingId)}:shared`);
		const pens = writers.map((user, i) => peer(user, rooms[i]!));
		const watchers = rooms.map((room) => peer('observer', room));
		await Promise.all([...pens, ...watchers].map((p) => synced(p)));
		const seen = watchers.map(() => new Set<string>());
		watchers.forEach((w, i) => w.doc.getMap('marks').observe((event) => event.keysChanged.forEach((k) => seen[i]!.add(k))));
		let written = 0;
		// Three marks per room every 2 ms, in separate transactions (one update each), until the server is gone.
		const burst = setInterval(() => {
			pens.forEach((pen, i) => {
				for (let k = 0; k < 3; k++) {
					const key = `burst-${i}-${written++}`;
					pen.doc.getMap('marks').set(key, inkMark(ids.get(writers[i]!)!, key));
				}
			});
		}, 2);
		try {
			await eventually(() => seen.every((s) => s.size >= 40), 10_000, 'relayed mid-burst');
			await server.stop('SIGKILL');
		} finally {
			clearInterval(burst);
		}
		// What each watcher had been shown when the server died; nothing can be added to it any more.
		const shown = seen.map((s) => [...s]);
		for (const p of peers.splice(0)) p.destroy();
		expect(written).toBeGreaterThan(shown.flat().length);
		server = await startServer({ dataDir: server.dataDir, env: { SESSION_CHECK_SECONDS: '1' } });
		await signInAll();
		rooms.forEach((room, i) => {
			const stored = new Y.Doc();
			Y.applyUpdate(stored, storedUpdates(server.dataDir, room).state!);
			const missing = shown[i]!.filter((key) => !stored.getMap('marks').has(key));
			expect(missing, `${room}: shown but not stored`).toEqual([]);
		});
	});

	it('compacts many updates into one row that holds exactly the same document', async () => {
		// The minutes room takes writes once the draft is started.
		const chair = await loggedIn(server.url, 'chair');
		expect([200, 201]).toContain((await chair.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { locale: 'vi' })).status);
		const room = `meeting:${meetingId}:minutes`;
		const writer = peer('chair', room);
		await synced(writer);
		const text = writer.doc.getText('draft');
		for (let i = 0; i < 600; i++) {
			text.insert(text.length, `${i} `);
			if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
		}
		const expected = text.toString();
		await eventually(() => storedUpdates(server.dataDir, room).rows >= 500, 10_000, 'updates stored');
		for (const p of peers.splice(0)) p.destroy();
		await eventually(() => storedUpdates(server.dataDir, room).rows === 1, 10_000, 'compacted on unload');
		const reader = peer('delegate1', room);
		await synced(reader);
		await eventually(() => reader.doc.getText('draft').toString() === expected, 5_000, 'identical after compaction');
	});
});
