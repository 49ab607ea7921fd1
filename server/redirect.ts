import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { setBaselineHeaders } from '../src/lib/server/security-headers';
import type { EdgeRoute } from './routes';

/**
 * Where a plain-HTTP request belongs on HTTPS. With ORIGIN set, there (so a forged Host never picks the target);
 * without it, the same host name on the HTTPS port: a hostile Host header only redirects its own sender.
 * Returns null for a Host that is not a host name or address.
 */
export function httpsLocation(req: IncomingMessage, httpsPort: number, origin: string | null): string | null {
	const path = req.url?.startsWith('/') ? req.url : '/';
	if (origin?.startsWith('https:')) return origin + path;
	let hostname: string;
	try {
		hostname = new URL(`http://${req.headers.host ?? ''}`).hostname;
	} catch {
		return null;
	}
	if (!hostname) return null;
	return `https://${hostname}${httpsPort === 443 ? '' : `:${httpsPort}`}${path}`;
}

/** The plain-HTTP listener beside HTTPS: redirects everything, except routes it must answer itself (/ca.crt). */
export function createRedirectServer(httpsPort: () => number, origin: string | null, routes: EdgeRoute[] = []): http.Server {
	const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
		setBaselineHeaders(res);
		for (const route of routes) if (route(req, res)) return;
		const location = httpsLocation(req, httpsPort(), origin);
		if (!location) {
			res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('Bad Host header');
			return;
		}
		// 308 keeps the method and body, so a form posted to http:// is not silently turned into a GET.
		res.writeHead(308, { location, 'content-type': 'text/plain; charset=utf-8' });
		res.end(`Quorum is served over HTTPS: ${location}`);
	});
	server.keepAliveTimeout = 5_000;
	return server;
}
