import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { errorMessage } from '$lib/i18n/errors';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { SESSION_COOKIE, validateSessionToken } from '../auth/sessions';
import { config } from '../config';
import { getDb } from '../db/client';
import { AppError, isAppError, payloadTooLarge } from '../errors';
import { MAX_JSON_BYTES } from '../validation';
import { castBallot } from './ballots';
import { liveVotes } from './live';

/**
 * `POST /api/v1/motions/:id/ballots` straight on node:http, in front of SvelteKit (production server only; the
 * SvelteKit route of the same path serves `vite dev` and behaves the same). A convention casts 500 ballots in a
 * second; SvelteKit's request machinery (Request/Response objects, hooks, locale middleware) costs about 0.6 ms of
 * CPU per request, which alone would fill a third of a core and push p95 past 100 ms. Here: the same session check
 * as hooks.server.ts, the same JSON rules as readJson, the same service, and errors rendered by the same code in
 * the caller's language.
 */
const PATH = /^\/api\/v1\/motions\/([a-z2-7]{8,40})\/ballots$/;

/** Claims the request if it is a ballot; answers it asynchronously. */
export function handleBallotRequest(req: IncomingMessage, res: ServerResponse): boolean {
	if (req.method !== 'POST' || !req.url) return false;
	const q = req.url.indexOf('?');
	const match = PATH.exec(q < 0 ? req.url : req.url.slice(0, q));
	if (!match) return false;
	void serve(req, res, match[1]!);
	return true;
}

async function serve(req: IncomingMessage, res: ServerResponse, motionId: string): Promise<void> {
	const secure = isSecure(req);
	const cookies: string[] = [];
	try {
		const token = readCookie(req.headers.cookie, SESSION_COOKIE);
		if (!token) throw new AppError('unauthenticated', 'sign in first');
		const session = validateSessionToken(getDb(), token, config().session);
		if (!session) {
			cookies.push(`${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
			throw new AppError('session_expired', 'the session has expired; sign in again');
		}
		if (session.session.renewed) {
			cookies.push(`${SESSION_COOKIE}=${token}; Path=/; Expires=${session.session.expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
		}
		const body = await readJsonBody(req);
		const receipt = await castBallot(getDb(), { actor: session.user, ip: clientAddress(req), live: liveVotes() }, motionId, body);
		const text = JSON.stringify(receipt);
		res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(cookies.length ? { 'set-cookie': cookies } : {}) });
		res.end(text);
	} catch (e) {
		await sendError(req, res, e, cookies, secure).catch((failure: unknown) => {
			console.error('[votes] could not answer a ballot request', failure);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	}
}

/**
 * The API's error shape (api.ts `errorResponse`, which this bundle cannot import: it pulls in @sveltejs/kit), with
 * the sentence in the caller's language: paraglide picks the locale from the cookie or Accept-Language.
 */
async function sendError(req: IncomingMessage, res: ServerResponse, e: unknown, cookies: string[], secure: boolean): Promise<void> {
	let error: AppError;
	let errorId: string | undefined;
	if (isAppError(e)) error = e;
	else {
		errorId = randomUUID();
		console.error(`[${errorId}] POST ${req.url}`, e);
		error = new AppError('internal');
	}
	const headers = new Headers();
	for (const name of ['cookie', 'accept-language']) {
		const value = req.headers[name];
		if (typeof value === 'string') headers.set(name, value);
	}
	// The locale strategy reads only the cookie and Accept-Language; a fixed URL keeps a hostile Host header out.
	const request = new Request(`${secure ? 'https' : 'http'}://localhost/api/v1/ballot`, { headers });
	const message = await paraglideMiddleware(request, () => new Response(errorMessage(error.code, error.details))).then((r) => r.text());
	const { fields, retryAfterSeconds } = error.details;
	const text = JSON.stringify({
		error: { code: error.code, message, ...(fields ? { fields } : {}), ...(retryAfterSeconds ? { retryAfterSeconds } : {}), ...(errorId ? { errorId } : {}) }
	});
	const out: Record<string, string | string[]> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
	if (retryAfterSeconds) out['retry-after'] = String(retryAfterSeconds);
	if (cookies.length) out['set-cookie'] = cookies;
	res.writeHead(error.status, out);
	res.end(text);
}

function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
	}
	return null;
}

/** Same rules as SvelteKit behind adapter-node: ORIGIN decides, else the connection itself. */
function isSecure(req: IncomingMessage): boolean {
	const origin = config().origin;
	if (origin) return origin.startsWith('https:');
	return 'encrypted' in req.socket && req.socket.encrypted === true;
}

/** The caller's address for the audit log, honouring adapter-node's ADDRESS_HEADER / XFF_DEPTH like the routes. */
function clientAddress(req: IncomingMessage): string | null {
	const header = process.env.ADDRESS_HEADER?.toLowerCase();
	if (header) {
		const value = req.headers[header];
		if (typeof value === 'string') {
			if (header !== 'x-forwarded-for') return value.trim();
			const hops = value.split(',').map((s) => s.trim());
			const depth = Number(process.env.XFF_DEPTH) || 1;
			return hops[hops.length - depth] ?? null;
		}
	}
	return req.socket.remoteAddress ?? null;
}

/** readJson's rules on a node request: JSON content type, at most MAX_JSON_BYTES (the rest drained, then 413). */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
	const type = req.headers['content-type'] ?? '';
	if (!type.toLowerCase().includes('application/json')) {
		req.resume();
		throw new AppError('invalid_json', 'send a JSON body with Content-Type: application/json');
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.byteLength;
		if (size <= MAX_JSON_BYTES) chunks.push(chunk);
	}
	if (size > MAX_JSON_BYTES) throw payloadTooLarge(MAX_JSON_BYTES, 'the JSON body is larger than allowed');
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new AppError('invalid_json', 'the request body is not valid JSON');
	}
}
