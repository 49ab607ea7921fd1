import { json, type RequestEvent } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { errorMessage } from '$lib/i18n/errors';
import type { Actor } from './auth/policy';
import type { SessionUser } from './auth/sessions';
import { AppError, isAppError } from './errors';

/** The JSON error shape of API v1: `{ error: { code, message, ... } }`, message in the caller's language. */
export function errorResponse(error: AppError): Response {
	const headers: Record<string, string> = {};
	if (error.details.retryAfterSeconds) headers['retry-after'] = String(error.details.retryAfterSeconds);
	const body = {
		error: {
			code: error.code,
			message: errorMessage(error.code, error.details),
			...(error.details.fields ? { fields: error.details.fields } : {}),
			...(error.details.retryAfterSeconds ? { retryAfterSeconds: error.details.retryAfterSeconds } : {})
		}
	};
	return json(body, { status: error.status, headers });
}

/** Wraps an API handler: domain errors become their JSON shape, anything else a logged 500 with an id. */
export function apiRoute<E extends RequestEvent>(handler: (event: E) => Response | Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			return await handler(event);
		} catch (e) {
			if (isAppError(e)) return errorResponse(e);
			const errorId = randomUUID();
			console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, e);
			const body = { error: { code: 'internal', message: errorMessage('internal'), errorId } };
			return json(body, { status: 500 });
		}
	};
}

/** The signed-in user, or a 401 that says whether the session ran out or never existed. */
export function requireUser(event: RequestEvent): SessionUser & Actor {
	const user = event.locals.user;
	if (!user) {
		throw event.locals.sessionExpired
			? new AppError('session_expired', 'the session has expired; sign in again')
			: new AppError('unauthenticated', 'sign in first');
	}
	return user;
}

export function clientIp(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

export const created = (body: unknown) => json(body, { status: 201 });
