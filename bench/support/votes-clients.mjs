// A worker thread holding a share of the benchmark's live-room clients (real y-websocket-protocol connections).
// Times are process.hrtime (one clock for all threads).
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from './collab-client.mjs';

const { url, room, cookies, motionId } = workerData;
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The live count a client's document shows for the motion (0 until there is one). */
function liveCount(doc) {
	const votes = doc.getMap('state').get('votes');
	const entry = votes && typeof votes.get === 'function' ? votes.get(motionId) : undefined;
	return entry?.votedCount ?? 0;
}

// Every tablet of a room receives the same update messages from the server, byte for byte. So one client per worker
// decodes them (a Y.Doc, as a tablet does) and learns which count each message carries; the others only note when
// each message arrived, by its bytes. Decoding a thousand documents per count would make the load generator the
// busiest process on the machine and time itself, not the server.
const received = cookies.map(() => []); // per client: [message key, time] in arrival order
const keysOf = cookies.map(() => new Set());
const countOf = new Map(); // message key → the decoder's count once it applied that message
const keyOf = (update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
const clients = [];
for (let start = 0; start < cookies.length; start += 50) {
	const batch = [];
	for (let i = start; i < Math.min(cookies.length, start + 50); i++) {
		const decoder = i === 0;
		const c = connect(url, room, cookies[i], {
			keepDoc: decoder,
			onUpdate: (update) => {
				const at = now();
				const key = keyOf(update);
				received[i].push([key, at]);
				keysOf[i].add(key);
				if (decoder) countOf.set(key, liveCount(c.doc));
			}
		});
		clients.push(c);
		batch.push(c.ready);
	}
	await Promise.all(batch);
}
parentPort.postMessage({ type: 'ready' });

let measuredFrom = null;
parentPort.on('message', async (message) => {
	if (message.type === 'measure') {
		// This thread's share of a core from here on (event-loop utilisation: busy time over wall time).
		measuredFrom = performance.eventLoopUtilization();
	} else if (message.type === 'await') {
		// Until every client of this worker has the message that brought the decoder to `target`, or the deadline.
		const deadline = now() + message.timeoutMs;
		const finalKey = () => [...countOf].find(([, n]) => n >= message.target)?.[0];
		while (now() < deadline) {
			const key = finalKey();
			if (key !== undefined && keysOf.every((keys) => keys.has(key))) break;
			await new Promise((r) => setTimeout(r, 10));
		}
		// Per client: [count, time] whenever its count rose.
		const reached = received.map((messages) => {
			const events = [];
			for (const [key, at] of messages) {
				const n = countOf.get(key) ?? 0;
				if (n > (events.length ? events[events.length - 1][0] : 0)) events.push([n, at]);
			}
			return events;
		});
		const busy = measuredFrom ? performance.eventLoopUtilization(measuredFrom).utilization : null;
		parentPort.postMessage({ type: 'reached', reached, busyPercent: busy === null ? null : Math.round(busy * 1000) / 10 });
	}
});
