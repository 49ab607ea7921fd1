import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { setBaselineHeaders } from '../src/lib/server/security-headers';
import type { EdgeRoute } from './routes';
import { createUpgradeHandler, type UpgradeRoute } from './upgrade';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** One HTTP server: the edge routes (server/routes.ts), then SvelteKit; upgrades go through the upgrade routes. */
export interface AppServerOptions {
	/** When set, this header is overwritten on every request with the connection's real scheme. */
	protocolHeader?: string | null;
	upgradeRoutes?: UpgradeRoute[];
	/** Tried in order before SvelteKit (health check, ballots: see server/ballot-route.ts for why). */
	requestRoutes?: EdgeRoute[];
	/** Bodies declared larger than this get no `100 Continue`: the route refuses them before they are sent. */
	maxBodyBytes?: number;
}

export function createAppServer(sveltekit: RequestHandler, options: AppServerOptions = {}): http.Server {
	const { protocolHeader = null, upgradeRoutes = [], requestRoutes = [], maxBodyBytes } = options;
	// Overwrites whatever a client sent: SvelteKit and the edge read the scheme from this header.
	const stampProtocol = (req: IncomingMessage) => {
		if (protocolHeader) req.headers[protocolHeader] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	};
	const server = http.createServer((req, res) => {
		setBaselineHeaders(res);
		stampProtocol(req);
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
	const upgrade = createUpgradeHandler(upgradeRoutes);
	server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
		stampProtocol(req);
		upgrade(req, socket, head);
	});
	// Tablets on meeting-room Wi-Fi keep connections open; make sure an idle one does not outlive a restart.
	server.keepAliveTimeout = 65_000;
	return server;
}
