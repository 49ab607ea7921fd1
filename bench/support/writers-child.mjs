// A child process holding a share of the collab benchmarks' clients, so the load generator is spread over
// processes and never becomes the bottleneck it measures (each process reports its own CPU time).
//
// Messages from the parent (process.send):
//   { type: 'writers', url, rooms: [{ room, writerCookie, readerCookie, authorId }], updatesEach }
//       one writer and one reader per room; answers { type: 'ready' } once all are synced, then on { type: 'go' }
//       every writer sends its next update only when its reader has received the one before ("paced on receipt")
//       and answers { type: 'done', latencies: Float64Array as array, cpuMs, wallMs }.
//   { type: 'connect', url, clients: [{ room, cookie }], concurrency }
//       opens the clients (sync handshake done), answers { type: 'connected', cpuMs, wallMs, failed }.
//   { type: 'close' } closes everything and exits.
import * as Y from 'yjs';
import { connect } from './collab-client.mjs';

const open = [];
const cpuMs = (since) => {
	const u = process.cpuUsage(since);
	return (u.user + u.system) / 1000;
};

/** One ink stroke per update, in the writer's name (Quorum's annotation guard checks the author). */
function prepareUpdates(authorId, index, count) {
	const doc = new Y.Doc();
	const out = [];
	for (let k = 0; k < count; k++) {
		const before = Y.encodeStateVector(doc);
		const id = `w${index}-${k}`;
		const author = { id: authorId, displayName: `Đại biểu ${index}` };
		doc.getMap('marks').set(id, { id, kind: 'ink', page: 1 + (k % 10), color: '#f28b82', points: [k, k + 1, k + 2, k + 3], pressures: null, width: 2, author, createdAt: k, updatedAt: k });
		out.push(Y.encodeStateAsUpdate(doc, before));
	}
	return out;
}

async function writers({ url, rooms, updatesEach }) {
	const pairs = rooms.map((r, i) => {
		const pair = { updates: prepareUpdates(r.authorId, i, updatesEach), next: 0, sentAt: 0, latencies: new Float64Array(updatesEach), resolve: null };
		pair.writer = connect(url, r.room, r.writerCookie);
		pair.reader = connect(url, r.room, r.readerCookie, {
			onUpdate: () => {
				if (pair.next === 0 || pair.next > updatesEach) return;
				pair.latencies[pair.next - 1] = performance.now() - pair.sentAt;
				sendNext(pair);
			}
		});
		open.push(pair.writer, pair.reader);
		return pair;
	});
	await Promise.all(pairs.flatMap((p) => [p.writer.ready, p.reader.ready]));
	process.send({ type: 'ready' });
	await new Promise((resolve) => process.once('message', resolve));
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await Promise.all(
		pairs.map(
			(p) =>
				new Promise((resolve) => {
					p.resolve = resolve;
					sendNext(p);
				})
		)
	);
	const wallMs = performance.now() - started;
	const latencies = pairs.flatMap((p) => Array.from(p.latencies));
	process.send({ type: 'done', latencies, cpuMs: cpuMs(cpuBefore), wallMs });
}

function sendNext(pair) {
	if (pair.next >= pair.updates.length) {
		pair.next++;
		pair.resolve();
		return;
	}
	pair.sentAt = performance.now();
	pair.writer.sendUpdate(pair.updates[pair.next]);
	pair.next++;
}

async function connectMany({ url, clients, concurrency }) {
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	let failed = 0;
	for (let i = 0; i < clients.length; i += concurrency) {
		const batch = clients.slice(i, i + concurrency).map((c) => connect(url, c.room, c.cookie));
		open.push(...batch);
		const settled = await Promise.allSettled(batch.map((c) => c.ready));
		failed += settled.filter((s) => s.status === 'rejected').length;
	}
	process.send({ type: 'connected', cpuMs: cpuMs(cpuBefore), wallMs: performance.now() - started, failed });
}

process.on('message', (message) => {
	if (message.type === 'writers') writers(message);
	else if (message.type === 'connect') connectMany(message);
	else if (message.type === 'close') {
		for (const c of open) c.close();
		process.exit(0);
	}
});
