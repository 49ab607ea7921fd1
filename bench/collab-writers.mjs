// Quorum beside the bare y-websocket 1.5.4 server (in memory, no auth, nothing stored), in the same run and on the
// same clients, in interleaved rounds (reference first, then Quorum):
//
// (a) 40 writers in 40 annotation rooms, each room with one reader; every writer sends its next ink stroke only when
//     its reader has received the previous one ("paced on receipt"), 500 strokes each. Quorum relays a stroke only
//     after it is committed to SQLite (synchronous=FULL), so this measures durable throughput and relay latency.
//     Afterwards every relayed stroke must be in `collab_updates`.
// (b) 1,950 clients connecting (650 tablets × 3 rooms: the meeting's live room, a document's shared and private
//     layer), 50 at a time per client process: server CPU for the whole set-up (upgrade, session and access checks,
//     sync handshake).
//
// The clients run in two child processes (bench/support/writers-child.mjs); each reports its own CPU, so one can
// tell a limit of the load generator from one of the server. Server CPU is read from /proc.
//
// BENCH_COLLAB_ROUNDS (3), BENCH_WRITER_UPDATES (500 per writer), BENCH_COMMIT_WINDOW_MS (Quorum's
// COLLAB_COMMIT_WINDOW_MS), BENCH_COLLAB_CONNECT=0 (writers only), BENCH_CPU_PROF=<dir> (V8 CPU profiles of both servers, written when they stop).
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { closeClients, cpuMs, forkClients, next, startReferenceServer } from './support/peer-runner.mjs';
import { insertDocument, insertMeeting, insertMembers, insertSession, openDb, percentile, round, seedDemo, startServer, tempDataDir } from './support/server.mjs';

export const name = 'collab-writers';
export const target =
	'40 writers paced on receipt, stored before relayed: updates/s >= 0.8x y-websocket 1.5.4, relay p50 <= 3 ms, p99 <= 15 ms, 100 % stored, server CPU per update <= 1.5x; connecting 1,950 clients: server CPU <= 1.3x';

const ROOMS = 40;
const UPDATES_EACH = Number(process.env.BENCH_WRITER_UPDATES ?? 500);
const TABLETS = 650;
const ROUNDS = Number(process.env.BENCH_COLLAB_ROUNDS ?? 3);
const CLIENT_PROCESSES = 2;
/** BENCH_COLLAB_CONNECT=0 leaves out (b), e.g. to profile the writers alone. */
const CONNECTING = process.env.BENCH_COLLAB_CONNECT !== '0';

function fixtures(dataDir) {
	const db = openDb(dataDir);
	const users = insertMembers(db, TABLETS);
	const meeting = insertMeeting(db, users);
	const documents = Array.from({ length: ROOMS }, () => insertDocument(db, meeting));
	const cookies = users.map((id) => insertSession(db, id));
	db.close();
	return { users, meeting, documents, cookies };
}

/** (a): the writers. */
async function writers(server, fx) {
	const children = forkClients(CLIENT_PROCESSES);
	try {
		const rooms = fx.documents.map((d, i) => ({
			room: `document:${d}:shared`,
			writerCookie: fx.cookies[i],
			readerCookie: fx.cookies[ROOMS + i],
			authorId: fx.users[i]
		}));
		const share = Math.ceil(ROOMS / CLIENT_PROCESSES);
		children.forEach((c, k) => c.send({ type: 'writers', url: server.url, rooms: rooms.slice(k * share, (k + 1) * share), updatesEach: UPDATES_EACH }));
		await Promise.all(children.map((c) => next(c, 'ready')));
		const serverBefore = cpuMs(server.pid);
		const started = performance.now();
		const done = children.map((c) => next(c, 'done'));
		for (const c of children) c.send({ type: 'go' });
		const replies = await Promise.all(done);
		const wallMs = performance.now() - started;
		const serverCpu = cpuMs(server.pid) - serverBefore;
		const stored = server.storedIn ? server.storedIn(rooms.map((r) => r.room)) : null;
		const latencies = replies.flatMap((r) => r.latencies).sort((a, b) => a - b);
		const updates = ROOMS * UPDATES_EACH;
		return {
			updates,
			stored,
			updatesPerSecond: Math.round(updates / (wallMs / 1000)),
			relayP50Ms: round(percentile(latencies, 50), 2),
			relayP95Ms: round(percentile(latencies, 95), 2),
			relayP99Ms: round(percentile(latencies, 99), 2),
			relayMaxMs: round(latencies.at(-1), 1),
			serverCpuMs: serverCpu,
			serverCpuUsPerUpdate: round((1000 * serverCpu) / updates, 1),
			serverCpuPercentOfCore: round((100 * serverCpu) / wallMs),
			clientCpuPercentOfCore: replies.map((r) => round((100 * r.cpuMs) / r.wallMs))
		};
	} finally {
		await closeClients(children);
	}
}

/** (b): connection set-up. */
async function connecting(server, fx) {
	const clients = [];
	for (let u = 0; u < TABLETS; u++) {
		clients.push({ room: `meeting:${fx.meeting.id}:live`, cookie: fx.cookies[u] });
		const d = fx.documents[u % ROOMS];
		clients.push({ room: `document:${d}:shared`, cookie: fx.cookies[u] });
		clients.push({ room: `document:${d}:private:${fx.users[u]}`, cookie: fx.cookies[u] });
	}
	const children = forkClients(CLIENT_PROCESSES);
	try {
		// Warm-up: the first upgrades pay for code loading and JIT on both servers; not what is compared.
		const warm = forkClients(1);
		warm[0].send({ type: 'connect', url: server.url, clients: clients.slice(-60), concurrency: 20 });
		await next(warm[0], 'connected');
		await closeClients(warm);
		await new Promise((r) => setTimeout(r, 500));
		const share = Math.ceil(clients.length / CLIENT_PROCESSES);
		const serverBefore = cpuMs(server.pid);
		const started = performance.now();
		const replies = await Promise.all(
			children.map((c, k) => {
				const reply = next(c, 'connected');
				c.send({ type: 'connect', url: server.url, clients: clients.slice(k * share, (k + 1) * share), concurrency: 50 });
				return reply;
			})
		);
		const wallMs = performance.now() - started;
		// Whatever the server still does for the last handshakes is counted too.
		await new Promise((r) => setTimeout(r, 300));
		const serverCpu = cpuMs(server.pid) - serverBefore;
		return {
			clients: clients.length,
			failed: replies.reduce((n, r) => n + r.failed, 0),
			wallMs: Math.round(wallMs),
			serverCpuMs: serverCpu,
			clientCpuPercentOfCore: replies.map((r) => round((100 * r.cpuMs) / r.wallMs))
		};
	} finally {
		await closeClients(children);
	}
}

async function quorum(fx, dataDir) {
	const env = {};
	if (process.env.BENCH_COMMIT_WINDOW_MS) env.COLLAB_COMMIT_WINDOW_MS = process.env.BENCH_COMMIT_WINDOW_MS;
	const server = await startServer(dataDir, env);
	const reader = new Database(path.join(dataDir, 'quorum.db'), { readonly: true });
	server.storedIn = (rooms) => reader.prepare(`select count(*) as n from collab_updates where room in (${rooms.map(() => '?').join(', ')})`).get(...rooms).n;
	try {
		// Every round writes into fresh rooms' history; the count is of this round's rows.
		reader.prepare('select 1').get();
		return { writers: await writersCounted(server, fx), connecting: CONNECTING ? await connecting(server, fx) : null };
	} finally {
		reader.close();
		await server.stop();
	}
}

/** The rows already in the rooms (earlier rounds) are not this round's. */
async function writersCounted(server, fx) {
	const rooms = fx.documents.map((d) => `document:${d}:shared`);
	const before = server.storedIn(rooms);
	const count = server.storedIn;
	server.storedIn = (r) => count(r) - before;
	return writers(server, fx);
}

async function reference(fx) {
	const server = await startReferenceServer(process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF, 'y-websocket') : null);
	try {
		return { writers: await writers(server, fx), connecting: CONNECTING ? await connecting(server, fx) : null };
	} finally {
		await server.stop();
	}
}

const range = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[0] === sorted.at(-1) ? sorted[0] : [sorted[0], sorted.at(-1)];
};

export async function run() {
	const dataDir = tempDataDir();
	try {
		seedDemo(dataDir);
		const fx = fixtures(dataDir);
		const rounds = [];
		for (let r = 0; r < ROUNDS; r++) {
			const load = round(os.loadavg()[0], 2);
			const ref = await reference(fx);
			const ours = await quorum(fx, dataDir);
			const ratios = {
				updatesPerSecond: round(ours.writers.updatesPerSecond / ref.writers.updatesPerSecond, 2),
				relayP50: round(ours.writers.relayP50Ms / ref.writers.relayP50Ms, 2),
				serverCpuPerUpdate: round(ours.writers.serverCpuUsPerUpdate / ref.writers.serverCpuUsPerUpdate, 2),
				connectServerCpu: CONNECTING ? round(ours.connecting.serverCpuMs / ref.connecting.serverCpuMs, 2) : null
			};
			console.error(`collab-writers: round ${r + 1}: ${JSON.stringify({ load, ratios })}`);
			rounds.push({ loadAverage: load, yWebsocket: ref, quorum: ours, ratios });
		}
		const passes = rounds.map(
			(x) =>
				x.quorum.writers.stored === x.quorum.writers.updates &&
				x.ratios.updatesPerSecond >= 0.8 &&
				x.quorum.writers.relayP50Ms <= 3 &&
				x.quorum.writers.relayP99Ms <= 15 &&
				x.ratios.serverCpuPerUpdate <= 1.5 &&
				CONNECTING &&
				x.ratios.connectServerCpu <= 1.3 &&
				x.quorum.connecting.failed === 0
		);
		return {
			rounds: rounds.length,
			summary: {
				ratioUpdatesPerSecond: range(rounds.map((x) => x.ratios.updatesPerSecond)),
				ratioServerCpuPerUpdate: range(rounds.map((x) => x.ratios.serverCpuPerUpdate)),
				ratioConnectServerCpu: range(rounds.map((x) => x.ratios.connectServerCpu)),
				quorumUpdatesPerSecond: range(rounds.map((x) => x.quorum.writers.updatesPerSecond)),
				yWebsocketUpdatesPerSecond: range(rounds.map((x) => x.yWebsocket.writers.updatesPerSecond)),
				quorumRelayP50Ms: range(rounds.map((x) => x.quorum.writers.relayP50Ms)),
				quorumRelayP99Ms: range(rounds.map((x) => x.quorum.writers.relayP99Ms)),
				yWebsocketRelayP50Ms: range(rounds.map((x) => x.yWebsocket.writers.relayP50Ms)),
				stored: rounds.map((x) => `${x.quorum.writers.stored}/${x.quorum.writers.updates}`),
				roundsPassing: passes.filter(Boolean).length
			},
			details: rounds,
			pass: passes.every(Boolean)
		};
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
