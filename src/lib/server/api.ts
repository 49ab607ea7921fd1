import { json, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './auth/policy';
import type { SessionUser } from './auth/sessions';
import type { ServiceCtx } from './context';
import { AppError } from './errors';
import { errorAnswer, toUserError } from './http/error-body';
import { meetingEvents } from './live/events';

/** The JSON error shape of API v1 (`http/error-body.ts`, shared with the node:http edge) as a SvelteKit answer. */
export function errorResponse(error: AppError, errorId?: string): Response {
	const { status, headers, body } = errorAnswer(error, errorId);
	return json(body, { status, headers });
}

/** Wraps an API handler: domain errors become their JSON shape, anything else a logged 500 with an id. */
export function apiRoute<E extends RequestEvent>(handler: (event: E) => Response | Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			return await handler(event);
		} catch (e) {
			const { error, errorId } = toUserError(e, `${event.request.method} ${event.url.pathname}`);
			return errorResponse(error, errorId);
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

/** The context of a service call made by an API route for the signed-in `actor`. */
export function apiCtx<A extends Actor>(event: RequestEvent, actor: A): ServiceCtx & { actor: A } {
	return { actor, ip: clientIp(event), events: meetingEvents };
}
