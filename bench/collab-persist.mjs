// Accepted Yjs updates committed to SQLite (synchronous=FULL) per second, many writers at once.
import Database from 'better-sqlite3';
import path from 'node:path';
import * as Y from 'yjs';
import { connect } from './support/collab-client.mjs';
import { insertDocument, insertMeeting, insertMembers, insertSession, openDb, round, seedDemo, startServer, tempDataDir } from './support/server.mjs';

export const name = 'collab-persist';
export const target = '>= 5,000 durable updates per second';

const WRITERS = 40;
const UPDATES_EACH = 500;

export async function run() {
	const dataDir = tempDataDir();
	seedDemo(dataDir);
	const db = openDb(dataDir);
	const users = insertMembers(db, WRITERS);
	const meeting = insertMeeting(db, users);
	const documents = Array.from({ length: 4 }, () => insertDocument(db, meeting));
	const cookies = users.map((id) => insertSession(db, id));
	db.close();
	const server = await startServer(dataDir);

	const writers = users.map((_, i) => connect(server.url, `document:${documents[i % documents.length]}:shared`, cookies[i]));
	await Promise.all(writers.map((w) => w.ready));
	// Every writer prepares its updates first so the measurement is the server's work, not Yjs encoding here.
	const batches = writers.map((_, i) => {
		const doc = new Y.Doc();
		const out = [];
		for (let k = 0; k < UPDATES_EACH; k++) {
			const before = Y.encodeStateVector(doc);
			const id = `w${i}-${k}`;
			const author = { id: users[i], displayName: `Đại biểu ${i}` };
			doc.getMap('marks').set(id, { id, kind: 'ink', page: 1 + (k % 10), color: '#f28b82', points: [k, k + 1, k + 2, k + 3], pressures: null, width: 2, author, createdAt: k, updatedAt: k });
			out.push(Y.encodeStateAsUpdate(doc, before));
		}
		return out;
	});
	const total = WRITERS * UPDATES_EACH;
	const reader = new Database(path.join(dataDir, 'quorum.db'), { readonly: true });
	// Only this benchmark's rooms: the demo seed writes rooms of its own (the archived meeting's minutes).
	const rooms = documents.map((d) => `document:${d}:shared`);
	const count = reader.prepare(`select count(*) as n from collab_updates where room in (${rooms.map(() => '?').join(', ')})`).bind(...rooms);
	const start = performance.now();
	for (let k = 0; k < UPDATES_EACH; k++) {
		for (let i = 0; i < WRITERS; i++) writers[i].sendUpdate(batches[i][k]);
		if (k % 25 === 0) await new Promise((r) => setImmediate(r));
	}
	let stored = 0;
	while ((stored = count.get().n) < total && performance.now() - start < 60_000) await new Promise((r) => setTimeout(r, 5));
	const seconds = (performance.now() - start) / 1000;
	reader.close();
	for (const w of writers) w.close();
	await server.stop();
	return {
		writers: WRITERS,
		updates: total,
		stored,
		seconds: round(seconds, 2),
		updatesPerSecond: Math.round(stored / seconds),
		pass: stored === total && stored / seconds >= 5_000
	};
}
