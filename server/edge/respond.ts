import type { IncomingMessage, ServerResponse } from 'node:http';
import { paraglideMiddleware } from '../../src/lib/paraglide/server';
import { errorAnswer, toUserError, type ErrorAnswer } from '../../src/lib/server/http/error-body';

/** A JSON answer, with any cookies the request earned (a slid session, an ended one cleared). */
export function sendJson(res: ServerResponse, status: number, value: unknown, setCookies: string[] = [], headers: Record<string, string> = {}): void {
	const text = JSON.stringify(value);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
		...(setCookies.length ? { 'set-cookie': setCookies } : {})
	});
	res.end(text);
}

/**
 * The API's error answer (src/lib/server/http/error-body.ts, the very function SvelteKit's routes use), worded in
 * the caller's language: paraglide picks the locale from the cookie or Accept-Language, as in hooks.server.ts.
 */
export async function sendError(req: IncomingMessage, res: ServerResponse, e: unknown, setCookies: string[] = []): Promise<void> {
	// Whatever body is left unread goes, or a keep-alive connection would stall on it.
	if (!req.readableEnded) req.resume();
	const { error, errorId } = toUserError(e, `${req.method} ${(req.url ?? '').split('?')[0]}`);
	const headers = new Headers();
	for (const name of ['cookie', 'accept-language']) {
		const value = req.headers[name];
		if (typeof value === 'string') headers.set(name, value);
	}
	// Locale detection reads only those two headers; a fixed URL keeps a hostile Host header out of it.
	let answer: ErrorAnswer | undefined;
	await paraglideMiddleware(new Request('http://localhost/', { headers }), () => {
		answer = errorAnswer(error, errorId);
		return new Response(null);
	});
	sendJson(res, answer!.status, answer!.body, setCookies, answer!.headers);
}
