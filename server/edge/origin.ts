import type { IncomingMessage } from 'node:http';
import { announcesBody, enforceOrigin } from '../../src/lib/server/http/origin-rule';

/** The shared Origin rule (src/lib/server/http/origin-rule.ts) on a node request; throws the refusal. */
export function verifyOrigin(req: IncomingMessage, appOrigin: string | null): void {
	const { headers } = req;
	enforceOrigin({
		method: req.method ?? 'GET',
		origin: headers.origin,
		appOrigin,
		contentType: headers['content-type'],
		hasBody: announcesBody(headers['content-length'], headers['transfer-encoding'])
	});
}

/**
 * WebSocket upgrades: browsers always send Origin with one, so it must be there and be ours. A page on another
 * port of the box must not ride a delegate's cookie into a room.
 */
export function upgradeOriginAllowed(req: IncomingMessage, appOrigin: string | null): boolean {
	return appOrigin !== null && req.headers.origin === appOrigin;
}
