import { BlockList, isIP } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metrics } from '../src/lib/server/metrics';
import { clientAddress, type AddressRule } from './edge/address';
import type { EdgeRoute } from './routes';

/** IPv4 clients of a dual-stack socket arrive as `::ffff:a.b.c.d`; the allow list names them as IPv4. */
function plain(address: string): string {
	return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function allowList(entries: string[]): BlockList {
	const list = new BlockList();
	for (const entry of entries) {
		const [address, bits] = entry.split('/') as [string, string | undefined];
		const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
		if (bits === undefined) list.addAddress(address, type);
		else list.addSubnet(address, Number(bits), type);
	}
	return list;
}

/**
 * `GET /metrics` in Prometheus text format, for the addresses in METRICS_ALLOW only (default loopback). The
 * address is the client's by the same rule as the audit log (adapter-node's ADDRESS_HEADER/XFF_DEPTH): behind a
 * reverse proxy every request would otherwise come from the proxy's loopback address and pass. Anyone else gets
 * a bare 404, as for a path that does not exist (OWASP ASVS V14.3: no internals to the public).
 */
export function metricsRoute(allowed: string[], rule: AddressRule): EdgeRoute {
	const list = allowList(allowed);
	return (req: IncomingMessage, res: ServerResponse) => {
		if (req.url !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
		const address = clientAddress(req.headers, req.socket.remoteAddress, rule);
		const ip = address ? plain(address) : null;
		const family = ip ? isIP(ip) : 0;
		if (!ip || !family || !list.check(ip, family === 6 ? 'ipv6' : 'ipv4')) {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
			res.end('Not Found');
			return true;
		}
		const { registry } = metrics();
		registry.metrics().then(
			(text) => {
				res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
				res.end(req.method === 'HEAD' ? undefined : text);
			},
			(error: unknown) => {
				res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
				res.end(`metrics failed: ${(error as Error).message}`);
			}
		);
		return true;
	};
}
