import type { IncomingMessage } from 'node:http';
import type { Actor } from '../../src/lib/server/auth/policy';
import { SESSION_COOKIE, validateSessionToken, type SessionUser, type ValidSession } from '../../src/lib/server/auth/sessions';
import { config } from '../../src/lib/server/config';
import { getDb } from '../../src/lib/server/db/client';
import { AppError } from '../../src/lib/server/errors';
import { clearedSessionCookie, readCookie, sessionCookie } from './cookies';

export type CookieSession =
	| { state: 'none' }
	| { state: 'over' }
	| { state: 'valid'; token: string; session: ValidSession; user: SessionUser & Actor };

/** The session named by the request's cookie, checked (and slid) as hooks.server.ts does for SvelteKit. */
export function sessionFromCookie(req: IncomingMessage): CookieSession {
	const token = readCookie(req.headers.cookie, SESSION_COOKIE);
	if (!token) return { state: 'none' };
	const found = validateSessionToken(getDb(), token, config().session);
	return found ? { state: 'valid', token, ...found } : { state: 'over' };
}

/**
 * The signed-in user, or the API's 401 (unauthenticated / session_expired, request.ts `requireUser`). Cookies to
 * send go into `setCookies`, with the 401 too: an ended session's cookie is cleared, a slid one renewed.
 */
export function requireUser(req: IncomingMessage, secure: boolean, setCookies: string[]): SessionUser & Actor {
	const found = sessionFromCookie(req);
	if (found.state === 'none') throw new AppError('unauthenticated', 'sign in first');
	if (found.state === 'over') {
		setCookies.push(clearedSessionCookie(secure));
		throw new AppError('session_expired', 'the session has expired; sign in again');
	}
	if (found.session.renewed) setCookies.push(sessionCookie(found.token, found.session.expiresAt, secure));
	return found.user;
}
