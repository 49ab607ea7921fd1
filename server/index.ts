/**
 * The production entry: `node build/server.js`. Validates configuration, opens and migrates the database, serves
 * SvelteKit's handler (build/handler.js) and shuts down in order on SIGTERM/SIGINT.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { deleteExpiredSessions } from '../src/lib/server/auth/sessions';
import { config, type Config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db/client';
import { registerRuntimeGauges } from '../src/lib/server/metrics';
import { DEMO_USERS, demoPassword } from '../src/lib/server/demo/data';
import { createAppServer, type RequestHandler } from './app';
import { prepareUploads } from './uploads';
import { getCollabHub } from '../src/lib/server/collab/hub';
import { createCollabRoute } from './collab/upgrade';
import { productionRules } from './edge/rules';
import { scheduleBackups } from './backups';
import { metricsRoute } from './metrics-route';
import { readyzRoute } from './readyz';
import { createRedirectServer } from './redirect';
import { edgeRoutes } from './routes';
import { caCertificateRoute, readTlsFiles, reloadCertificate } from './tls';
import { lifecycleLog, log } from '../src/lib/server/log';
import { startMailQueue, stopMailQueue } from '../src/lib/server/notices/mail-queue';
import { startPollDeadlines } from '../src/lib/server/polls/deadlines';
import { startReminders } from '../src/lib/server/notices/reminders';

let cfg: Config;
try {
	cfg = config();
} catch (e) {
	console.error((e as Error).message);
	process.exit(1);
}
const hub = getCollabHub(getDb);

// Without ORIGIN, adapter-node assumes every request came over HTTPS: cookies would be `Secure` and form posts
// from http://<meeting-room-lan>:3000 would fail its CSRF origin check. Tell it the real scheme of each
// connection instead (a header we set ourselves, overwriting anything a client sent). Behind a TLS proxy, set
// ORIGIN.
const PROTOCOL_HEADER = 'x-quorum-connection-protocol';
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

prepareUploads(cfg, getDb());
// After PROTOCOL_HEADER is settled: the edge reads the environment as adapter-node is about to.
const edge = productionRules(cfg.origin);

// Resolved next to this file at run time: the bundle sits in build/ beside adapter-node's handler.
const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as { handler: RequestHandler };
let tlsFiles: ReturnType<typeof readTlsFiles> | null = null;
if (cfg.tls) {
	try {
		tlsFiles = readTlsFiles(cfg.tls);
	} catch (error) {
		console.error(`TLS_CERT/TLS_KEY could not be read: ${(error as Error).message}`);
		process.exit(1);
	}
}
const caRoute = caCertificateRoute(cfg.tls?.caFile ?? null);
const server = createAppServer(handler, {
	protocolHeader: process.env.PROTOCOL_HEADER === PROTOCOL_HEADER ? PROTOCOL_HEADER : null,
	maxBodyBytes: Number(process.env.BODY_SIZE_LIMIT) || undefined,
	upgradeRoutes: [createCollabRoute(hub, edge)],
	requestRoutes: [caRoute, metricsRoute(cfg.metricsAllow, edge.address), readyzRoute(cfg), ...edgeRoutes(edge)],
	tls: tlsFiles
});
registerRuntimeGauges({
	collab: () => hub.stats(),
	walBytes: () => {
		try {
			return fs.statSync(`${cfg.dbFile}-wal`).size;
		} catch {
			return 0;
		}
	}
});
const scheme = cfg.tls ? 'https' : 'http';
const listeningPort = () => (server.address() as AddressInfo).port;
const redirect = cfg.tls && cfg.tls.redirectPort !== null ? createRedirectServer(listeningPort, cfg.origin, [caRoute]) : null;
if (cfg.tls && 'setSecureContext' in server) {
	// Renewals without a restart (certbot's deploy hook or a cron job sends SIGHUP).
	const tlsConfig = cfg.tls;
	const httpsServer = server;
	process.on('SIGHUP', () => reloadCertificate(httpsServer, tlsConfig));
}

// An expired session is refused when it is read and deleted then; one whose cookie never comes back would stay
// in the table for good. Once at start and then daily; a timer must not keep a stopping process alive.
const DAY_MS = 24 * 60 * 60 * 1000;
function deleteExpired(): void {
	try {
		deleteExpiredSessions(getDb());
	} catch (error) {
		log().error({ err: error }, '[sessions] deleting expired sessions failed; next try in a day');
	}
}
deleteExpired();
setInterval(deleteExpired, DAY_MS).unref();
startMailQueue(cfg.smtp);

let stopBackups = () => {};
let stopPollDeadlines = () => {};
let stopReminders = () => {};
server.listen(cfg.port, cfg.host, () => {
	stopBackups = scheduleBackups(cfg);
	// Written opinion polls close (and are archived) at their deadline; the first run catches deadlines missed while down.
	stopPollDeadlines = startPollDeadlines(getDb()).stop;
	// "The poll closes tomorrow" and "this task is overdue": at start, then hourly.
	stopReminders = startReminders(getDb());
	const { port } = server.address() as AddressInfo;
	const shownHost = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
	lifecycleLog().info({ url: `${scheme}://${shownHost}:${port}`, dataDir: cfg.dataDir }, `Quorum listening on ${scheme}://${shownHost}:${port} (data in ${cfg.dataDir})`);
	if (redirect) {
		redirect.listen(cfg.tls!.redirectPort!, cfg.host, () => {
			const { port: plainPort } = redirect.address() as AddressInfo;
			lifecycleLog().info({ port: plainPort }, `HTTP on port ${plainPort} redirects to HTTPS${cfg.tls!.caFile ? '; the local CA is at /ca.crt on both' : ''}`);
		});
	}
	if (process.argv.includes('--print-logins')) {
		console.log(`\nDemo logins (password: ${demoPassword()}):`);
		for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(10)} ${u.note}`);
		console.log('');
	}
});

let stopping = false;
function shutdown(signal: string): void {
	if (stopping) return;
	stopping = true;
	lifecycleLog().info({ signal }, `${signal} received: finishing requests, then closing`);
	// Stop accepting; idle keep-alive sockets go now, busy ones when their response is done.
	// Mail already queued gets part of the grace period; a dead mail server never holds the stop up longer.
	const mailStopped = stopMailQueue(Math.min(cfg.shutdownGraceMs, 5_000));
	server.close(() => {
		void mailStopped.finally(() => {
			closeDb();
			lifecycleLog().info('Quorum stopped');
			process.exit(0);
		});
	});
	server.closeIdleConnections();
	stopBackups();
	stopPollDeadlines();
	stopReminders();
	redirect?.close();
	redirect?.closeAllConnections();
	// WebSockets count as open connections: commit every room and close them, or close() would wait forever.
	hub.close();
	setTimeout(() => {
		log().warn(`requests still running after ${cfg.shutdownGraceMs} ms: closing them`);
		server.closeAllConnections();
	}, cfg.shutdownGraceMs).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
