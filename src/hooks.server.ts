import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { errorResponse } from '$lib/server/api';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { isAppError } from '$lib/server/errors';
import { announcesBody, enforceOrigin } from '$lib/server/http/origin-rule';
import { secureResponse } from '$lib/server/security-headers';
import { log, setRequestUser } from '$lib/server/log';

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

/**
 * The Origin rule (http/origin-rule.ts), the same the node:http edge applies to ballots, for every page, form
 * action and API route. It replaces SvelteKit's own check (off in svelte.config.js), which looks only at form
 * content types, so a body-less POST (`fetch(…, {method: 'POST', mode: 'no-cors'})`) from another port of the
 * box went through. Refusals are
 * the API's JSON error under /api, a sentence as plain text elsewhere.
 */
const sameOrigin: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	try {
		enforceOrigin({
			method: request.method,
			origin: request.headers.get('origin'),
			appOrigin: url.origin,
			contentType: request.headers.get('content-type'),
			hasBody: announcesBody(request.headers.get('content-length'), request.headers.get('transfer-encoding'))
		});
	} catch (e) {
		if (!isAppError(e)) throw e;
		if (url.pathname.startsWith('/api/')) return errorResponse(e);
		// Pages take forms, never JSON: whichever clause refused it, a person is told the request was not ours.
		return new Response(m.error_cross_site_request(), { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

const session: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.sessionExpired = false;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = validateSessionToken(getDb(), token, config().session);
		if (result) {
			event.locals.user = result.user;
			setRequestUser(result.user.id);
			event.locals.session = result.session;
			if (result.session.renewed) setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			event.locals.sessionExpired = true;
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

// Security headers outermost, so they see the final answer of every route, page, form action, refusal and error
// page; then i18n, so a refusal is worded in the caller's language.
const securityHeaders: Handle = async ({ event, resolve }) => secureResponse(await resolve(event), event.url.host);

export const handle = sequence(securityHeaders, i18n, sameOrigin, session);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) return { message };
	const errorId = randomUUID();
	log().error({ err: error, errorId, method: event.request.method, path: event.url.pathname }, 'unexpected error');
	return { message: m.error_internal(), errorId };
};
