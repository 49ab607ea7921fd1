import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { log, requestId, runInRequest, type RequestContext } from '../src/lib/server/log';
import { metrics, routeLabel } from '../src/lib/server/metrics';
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
	/** PEM certificate and key: the server speaks HTTPS (and WSS) instead of HTTP. */
	tls?: { cert: Buffer; key: Buffer } | null;
}

/**
 * OWASP HTTP Strict Transport Security cheat sheet: once a browser has reached us over HTTPS it must never fall
 * back to HTTP. Half a year, without includeSubDomains (the box does not own its parent domain). Browsers ignore
 * it for IP addresses, so a tablet that reaches the box by address is unaffected.
 */
const HSTS = 'max-age=15552000';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Polled by monitors and fetched by the hundred by every page: counted, but logged only at debug level. */
const QUIET = /^\/(?:_app\/|healthz$|readyz$|metrics$|favicon)/;

/**
 * Every request's method, route and status with its duration: observed in the metrics and written as one access
 * log line when the response has been sent. The route label, never the URL: a query can carry a display token.
 */
function observe(req: IncomingMessage, res: ServerResponse, context: RequestContext): void {
	const started = performance.now();
	res.once('finish', () => {
		const method = req.method && METHODS.has(req.method) ? req.method : 'other';
		const route = routeLabel(req.url);
		const seconds = (performance.now() - started) / 1000;
		metrics().httpRequests.observe({ method, route, status: String(res.statusCode) }, seconds);
		const line = { reqId: context.reqId, userId: context.userId, method, route, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 };
		if (QUIET.test(req.url ?? '')) log().debug(line, 'request');
		else log().info(line, 'request');
	});
}

export function createAppServer(sveltekit: RequestHandler, options: AppServerOptions = {}): http.Server | https.Server {
	const { protocolHeader = null, upgradeRoutes = [], requestRoutes = [], maxBodyBytes, tls = null } = options;
	// Overwrites whatever a client sent: SvelteKit and the edge read the scheme from this header.
	const stampProtocol = (req: IncomingMessage) => {
		if (protocolHeader) req.headers[protocolHeader] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	};
	const onRequest = (req: IncomingMessage, res: ServerResponse) => {
		const context: RequestContext = { reqId: requestId(req.headers['x-request-id']) };
		observe(req, res, context);
		setBaselineHeaders(res);
		res.setHeader('x-request-id', context.reqId);
		if (tls) res.setHeader('strict-transport-security', HSTS);
		stampProtocol(req);
		// Every line logged while this request is served carries its id, and its user once the session is known.
		runInRequest(context, () => {
			for (const route of requestRoutes) if (route(req, res)) return;
			sveltekit(req, res, () => {
				res.statusCode = 404;
				res.end('Not Found');
			});
		});
	};
	const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, onRequest) : http.createServer(onRequest);
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
