import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDb } from '../src/lib/server/db/client';

/** `GET /healthz`: for load balancers and monitors; answers 503 when the database does not. */
export function healthzRoute(req: IncomingMessage, res: ServerResponse): boolean {
	if (req.url !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
	let ok = true;
	try {
		getDb().$client.prepare('select 1').get();
	} catch {
		ok = false;
	}
	res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify({ ok }));
	return true;
}
