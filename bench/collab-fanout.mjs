// 200 tablets in one shared annotation room; one ink stroke every 50 ms; how long until every other tablet has it.
import * as Y from 'yjs';
import { connect } from './support/collab-client.mjs';
import { insertDocument, insertMeeting, insertMembers, insertSession, openDb, percentile, round, seedDemo, startServer, tempDataDir } from './support/server.mjs';

export const name = 'collab-fanout';
export const target = 'p95 delivery < 50 ms';

const CLIENTS = 200;
const STROKES = 200;
const INTERVAL_MS = 50;
const MARKER = Buffer.from('stroke-');

export async function run() {
	const dataDir = tempDataDir();
	seedDemo(dataDir);
	const db = openDb(dataDir);
	const users = insertMembers(db, CLIENTS);
	const meeting = insertMeeting(db, users);
	const documentId = insertDocument(db, meeting);
	const cookies = users.map((id) => insertSession(db, id));
	db.close();
	const server = await startServer(dataDir);
	const room = `document:${documentId}:shared`;

	const sentAt = new Map();
	const latencies = [];
	const received = new Array(CLIENTS).fill(0);
	const clients = [];
	for (let i = 0; i < CLIENTS; i++) {
		clients.push(
			connect(server.url, room, cookies[i], {
				onUpdate: (update) => {
					// The stroke's id is in the update's bytes as written; no need to decode the whole update.
					const at = Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf(MARKER);
					if (at < 0) return;
					const seq = Number(Buffer.from(update.buffer, update.byteOffset + at + MARKER.length, 6).toString());
					const start = sentAt.get(seq);
					if (start !== undefined) {
						latencies.push(performance.now() - start);
						received[i]++;
					}
				}
			})
		);
	}
	await Promise.all(clients.map((c) => c.ready));

	// Strokes come from a rotating set of authors, as in a real room; each author keeps one document.
	const authors = Array.from({ length: 10 }, () => new Y.Doc());
	for (let seq = 0; seq < STROKES; seq++) {
		const authorIndex = seq % authors.length;
		const doc = authors[authorIndex];
		const before = Y.encodeStateVector(doc);
		const points = Array.from({ length: 48 }, (_, k) => 100 + k * 2 + (seq % 7));
		const id = `stroke-${String(seq).padStart(6, '0')}`;
		// A mark as a tablet writes it, in its writer's name: the server checks both (annotation-guard.ts).
		const author = { id: users[authorIndex], displayName: `Đại biểu ${authorIndex}` };
		doc.getMap('marks').set(id, { id, kind: 'ink', page: 2, color: '#f28b82', points, width: 2, pressures: null, author, createdAt: Date.now(), updatedAt: Date.now() });
		const update = Y.encodeStateAsUpdate(doc, before);
		sentAt.set(seq, performance.now());
		clients[authorIndex].sendUpdate(update);
		await new Promise((r) => setTimeout(r, INTERVAL_MS));
	}
	await new Promise((r) => setTimeout(r, 1_000));

	for (const c of clients) c.close();
	await server.stop();
	const expected = STROKES * (CLIENTS - 1);
	const sorted = latencies.sort((a, b) => a - b);
	return {
		clients: CLIENTS,
		strokes: STROKES,
		deliveries: sorted.length,
		expectedDeliveries: expected,
		lost: expected - sorted.length,
		p50Ms: round(percentile(sorted, 50)),
		p95Ms: round(percentile(sorted, 95)),
		p99Ms: round(percentile(sorted, 99)),
		maxMs: round(sorted.at(-1) ?? NaN),
		pass: sorted.length === expected && percentile(sorted, 95) < 50
	};
}
