// N delegates in one live room with real y-websocket-protocol connections check in through the API, one motion
// opens, and every delegate casts a ballot over HTTP (a new connection each) within a window. Measured per ballot: from sending the request to the moment
// EVERY client's live document shows a count at least that ballot's position (its `votedCount` answer).
import http from 'node:http';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { insertMeeting, insertMembers, insertSession, openDb, percentile, round, seedDemo, startServer, tempDataDir } from './server.mjs';

/** CPU time (user + system) of a process in milliseconds, from /proc/<pid>/stat. */
function cpuMs(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces) start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the full line)
	return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function statusKb(pid, field) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]);
}

function post(agent, url, path, cookie, body) {
	return new Promise((resolve, reject) => {
		const payload = JSON.stringify(body ?? {});
		const req = http.request(
			`${url}${path}`,
			{ method: 'POST', agent, headers: { cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
			}
		);
		req.on('error', reject);
		req.end(payload);
	});
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** From the server's /metrics (loopback may read it): how many ballot commits, their total time and how many took over 100 ms. */
async function ballotCommits(url) {
	try {
		const text = await (await fetch(`${url}/metrics`)).text();
		const value = (pattern) => Number(new RegExp(`^${pattern} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
		const count = value('quorum_ballot_commit_seconds_count');
		const over100ms = count - value('quorum_ballot_commit_seconds_bucket\\{le="0.1"\\}');
		return { count, totalMs: round(value('quorum_ballot_commit_seconds_sum') * 1000), over100ms, batches: value('quorum_ballot_batch_size_count') };
	} catch (e) {
		return { error: String(e) };
	}
}
// The clients in two worker threads, so that no thread of the load generator is near a full core (each reports its
// event-loop utilisation); the main thread only sends ballots and times their answers.
const CLIENT_WORKERS = Number(process.env.BENCH_VOTE_WORKERS ?? 2);

/** Resolves with the next message of `type` from a worker. */
function next(worker, type) {
	return new Promise((resolve, reject) => {
		const onMessage = (m) => {
			if (m.type !== type) return;
			worker.off('message', onMessage);
			worker.off('error', reject);
			resolve(m);
		};
		worker.on('message', onMessage);
		worker.once('error', reject);
	});
}

export async function runVoteScenario({ delegates: N, windowMs, p95TargetMs, ballot = 'secret' }) {
	const dataDir = tempDataDir();
	seedDemo(dataDir);
	const db = openDb(dataDir);
	const users = insertMembers(db, N, 'voter');
	const meeting = insertMeeting(db, users, 'Đại hội đại biểu (đo tải)');
	const cookies = users.map((id) => insertSession(db, id));
	const staffCookie = insertSession(db, meeting.creator);
	db.close();

	const server = await startServer(dataDir);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	// Each ballot on a connection of its own, as from 500 tablets whose earlier connections the server has closed
	// (keep-alive 65 s): the hardest case for the server, which accepts one new connection per event-loop turn.
	const ownConnection = new http.Agent({ keepAlive: false });
	const workers = [];
	try {
		const created = await post(agent, server.url, `/api/v1/meetings/${meeting.id}/motions`, staffCookie, {
			agendaItemId: meeting.itemId,
			title: 'Bầu cử (đo tải)',
			ballot,
			majority: 'simple'
		});
		if (created.status !== 201) throw new Error(`create motion: ${created.status} ${JSON.stringify(created.body)}`);
		const motionId = created.body.id;

		// The clients live in worker threads; each records when its own document first showed each new count.
		const room = `meeting:${meeting.id}:live`;
		const share = Math.ceil(N / CLIENT_WORKERS);
		for (let w = 0; w < CLIENT_WORKERS; w++) {
			const worker = new Worker(new URL('./votes-clients.mjs', import.meta.url), {
				workerData: { url: server.url, room, cookies: cookies.slice(w * share, (w + 1) * share), motionId }
			});
			workers.push(worker);
		}
		await Promise.all(workers.map((w) => next(w, 'ready')));
		// As in the room: every delegate checks in on their tablet while connected (the live room shows each arrival).
		const checkIns = await Promise.all(cookies.map((cookie) => post(agent, server.url, `/api/v1/meetings/${meeting.id}/attendance`, cookie, { status: 'present' })));
		const refusedCheckIns = checkIns.filter((r) => r.status !== 200);
		if (refusedCheckIns.length > 0) throw new Error(`check-in: ${refusedCheckIns.length} refused, e.g. ${refusedCheckIns[0].status} ${JSON.stringify(refusedCheckIns[0].body)}`);
		const opened = await post(agent, server.url, `/api/v1/motions/${motionId}/open`, staffCookie, {});
		if (opened.status !== 200) throw new Error(`open motion: ${opened.status} ${JSON.stringify(opened.body)}`);
		await new Promise((r) => setTimeout(r, 500));

		for (const w of workers) w.postMessage({ type: 'measure' });
		const cpuBefore = cpuMs(server.pid);
		const selfBefore = process.cpuUsage();
		const senderElu = performance.eventLoopUtilization();
		const wallStart = now();
		const sentAt = new Float64Array(N);
		const ackMs = [];
		const position = new Int32Array(N);
		const statuses = new Map();
		// Spread evenly over the window, in a shuffled order of delegates (not the order they connected).
		const order = users.map((_, i) => i).sort(() => Math.random() - 0.5);
		const answers = order.map(
			(client, k) =>
				new Promise((resolve) => {
					setTimeout(async () => {
						sentAt[k] = now();
						try {
							const res = await post(ownConnection, server.url, `/api/v1/motions/${motionId}/ballots`, cookies[client], { choice: k % 3 === 0 ? 'no' : 'yes' });
							ackMs.push(now() - sentAt[k]);
							statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
							if (res.status === 201) position[k] = res.body.votedCount;
						} catch {
							statuses.set('error', (statuses.get('error') ?? 0) + 1);
						}
						resolve();
					}, (k * windowMs) / N);
				})
		);
		await Promise.all(answers);
		const lastAnswerAt = now();
		const accepted = statuses.get(201) ?? 0;
		// Then until every client shows every accepted ballot (or 10 s).
		const replies = await Promise.all(
			workers.map((w) => {
				const reply = next(w, 'reached');
				w.postMessage({ type: 'await', target: accepted, timeoutMs: 10_000 });
				return reply;
			})
		);
		const reached = replies.flatMap((r) => r.reached);
		const senderBusy = performance.eventLoopUtilization(senderElu).utilization;
		const cpu = cpuMs(server.pid) - cpuBefore;
		const commits = await ballotCommits(server.url);
		const self = process.cpuUsage(selfBefore);
		const wallMs = now() - wallStart;
		const peakRssBytes = statusKb(server.pid, 'VmHWM') * 1024;

		// allSeenAt[p]: the moment the LAST client first showed a count ≥ p.
		const allSeenAt = new Float64Array(accepted + 1);
		let unseen = 0;
		for (const events of reached) {
			let p = 1;
			for (const [count, at] of events) {
				for (; p <= Math.min(count, accepted); p++) if (at > allSeenAt[p]) allSeenAt[p] = at;
			}
			if (p <= accepted) unseen++;
		}
		const latencies = [];
		for (let k = 0; k < N; k++) if (position[k] > 0 && unseen === 0) latencies.push(allSeenAt[position[k]] - sentAt[k]);
		latencies.sort((a, b) => a - b);
		ackMs.sort((a, b) => a - b);

		const check = openDb(dataDir);
		const stored = check.prepare(`select count(*) as n, count(distinct voter_id) as voters from ${ballot === 'secret' ? 'secret_voters' : 'open_ballots'} where motion_id = ?`).get(motionId);
		const choices = ballot === 'secret' ? check.prepare('select count(*) as n from secret_choices where motion_id = ?').get(motionId).n : stored.n;
		check.close();

		const p95 = percentile(latencies, 95);
		const result = {
			delegates: N,
			windowMs,
			ballot,
			sent: N,
			accepted,
			refused: N - accepted,
			recorded: stored.n,
			lost: N - stored.n,
			doubled: stored.n - stored.voters + Math.max(0, choices - stored.n),
			clientsNotSeeingAll: unseen,
			p50Ms: round(percentile(latencies, 50)),
			p95Ms: round(p95),
			p99Ms: round(percentile(latencies, 99)),
			maxMs: round(latencies.at(-1) ?? NaN),
			// The HTTP answer alone (ballot on disk), for comparison.
			ackP50Ms: round(percentile(ackMs, 50)),
			ackP95Ms: round(percentile(ackMs, 95)),
			statuses: Object.fromEntries(statuses),
			// The server's own account of its ballot commits (/metrics): a slow disk shows here, a slow loop does not.
			ballotCommits: commits,
			sendSpanMs: round(lastAnswerAt - wallStart),
			serverCpuMs: round(cpu),
			serverCpuPercentOfWall: round((100 * cpu) / wallMs),
			// The benchmark's own process (clients in worker threads, HTTP senders), to tell its limits from the server's.
			benchProcessCpuMs: round((self.user + self.system) / 1000),
			benchProcessCpuPercentOfWall: round((100 * (self.user + self.system)) / 1000 / wallMs),
			// Per thread of the load generator: the ballot sender, then each client worker (busy share of wall time).
			clientThreadsBusyPercent: [round(100 * senderBusy), ...replies.map((r) => r.busyPercent)],
			serverPeakRssMb: round(peakRssBytes / (1024 * 1024)),
			p95TargetMs
		};
		result.pass = result.recorded === N && result.lost === 0 && result.doubled === 0 && unseen === 0 && p95 < p95TargetMs;
		return result;
	} finally {
		// Ending a worker drops its sockets with it.
		await Promise.all(workers.map((w) => w.terminate()));
		agent.destroy();
		ownConnection.destroy();
		await server.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
