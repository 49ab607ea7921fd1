// A worker thread holding a share of the benchmark's live-room clients. Each real tablet decodes updates on its own
// CPU; in one process, 1,500 documents applying every count would stall the thread that sends the ballots and
// reads their answers, and the benchmark would time itself. Times are process.hrtime (one clock for all threads).
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

const reached = cookies.map(() => []); // per client: [count, time] whenever its count rose
const clients = [];
for (let start = 0; start < cookies.length; start += 50) {
	const batch = [];
	for (let i = start; i < Math.min(cookies.length, start + 50); i++) {
		const c = connect(url, room, cookies[i], {
			keepDoc: true,
			onUpdate: () => {
				const n = liveCount(c.doc);
				const events = reached[i];
				if (n > (events.length ? events[events.length - 1][0] : 0)) events.push([n, now()]);
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
		// Until every client of this worker shows `target`, or the deadline.
		const deadline = now() + message.timeoutMs;
		while (now() < deadline && !clients.every((c) => liveCount(c.doc) >= message.target)) await new Promise((r) => setTimeout(r, 10));
		const busy = measuredFrom ? performance.eventLoopUtilization(measuredFrom).utilization : null;
		parentPort.postMessage({ type: 'reached', reached, busyPercent: busy === null ? null : Math.round(busy * 1000) / 10 });
	}
});
