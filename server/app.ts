import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { getDb } from '../src/lib/server/db/client';
import { setBaselineHeaders } from '../src/lib/server/security-headers';
import { createUpgradeHandler, type UpgradeRoute } from './upgrade';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
/** A hot path served before SvelteKit; returns true when it claimed (and will answer) the request. */
export type RequestRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** One HTTP server: health check, then SvelteKit; upgrades go through the upgrade routes. */
export interface AppServerOptions {
	/** When set, this header is overwritten on every request with the connection's real scheme. */
	protocolHeader?: string | null;
	upgradeRoutes?: UpgradeRoute[];
	/** Tried in order before SvelteKit (ballots: see src/lib/server/votes/ballot-route.ts for why). */
	requestRoutes?: RequestRoute[];
	/** Bodies declared larger than this get no `100 Continue`: the route refuses them before they are sent. */
	maxBodyBytes?: number;
}

export function createAppServer(sveltekit: RequestHandler, options: AppServerOptions = {}): http.Server {
	const { protocolHeader = null, upgradeRoutes = [], requestRoutes = [], maxBodyBytes } = options;
	const server = http.createServer((req, res) => {
		setBaselineHeaders(res);
		if (protocolHeader) req.headers[protocolHeader] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
		if (req.url === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
			return healthz(res);
		}
		for (const route of requestRoutes) if (route(req, res)) return;
		sveltekit(req, res, () => {
			res.statusCode = 404;
			res.end('Not Found');
		});
	});
	// curl and other scripts send `Expect: 100-continue` before a large upload. Node would answer "continue" to
	// every one; withholding it for an oversized body lets the route's 413 arrive before the client sends it.
	server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
		const declared = Number(req.headers['content-length']);
		if (!(maxBodyBytes && Number.isFinite(declared) && declared > maxBodyBytes)) res.writeContinue();
		server.emit('request', req, res);
	});
	server.on('upgrade', createUpgradeHandler(upgradeRoutes));
	// Tablets on meeting-room Wi-Fi keep connections open; make sure an idle one does not outlive a restart.
	server.keepAliveTimeout = 65_000;
	return server;
}

function healthz(res: ServerResponse): void {
	let ok = true;
	try {
		getDb().$client.prepare('select 1').get();
	} catch {
		ok = false;
	}
	res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify({ ok }));
}
