import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { secureResponse } from '$lib/server/security-headers';

export const init: ServerInit = () => {
	// Opens the database and applies pending migrations before the first request is served.
	getDb();
};

// paraglide hands on a clone of the request it is given, and a clone tees the body: the branch nobody reads
// keeps every byte until the request ends, so a 50 MB upload sat whole in memory. Locale detection needs only
// the URL and headers, so paraglide gets a body-less stand-in and the handlers keep the original request.
const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(new Request(event.request.url, { headers: event.request.headers }), ({ locale }) =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
	);

const session: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.sessionExpired = false;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = validateSessionToken(getDb(), token, config().session);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			if (result.session.renewed) setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			event.locals.sessionExpired = true;
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

// Outermost, so it sees the final answer of every route, page, form action and error page.
const securityHeaders: Handle = async ({ event, resolve }) => secureResponse(await resolve(event), event.url.host);

export const handle = sequence(securityHeaders, i18n, session);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) return { message };
	const errorId = randomUUID();
	console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: m.error_internal(), errorId };
};
