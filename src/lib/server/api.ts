import { json, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './auth/policy';
import type { ServiceCtx } from './context';
import { AppError } from './errors';
import { errorAnswer, toUserError } from './http/error-body';
import { collabRooms } from './collab/hub';
import { meetingEvents } from './live/events';
import { clientIp } from './request';

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

export const created = (body: unknown) => json(body, { status: 201 });

/** The context of a service call made by an API route for the signed-in `actor`. */
export function apiCtx<A extends Actor>(event: RequestEvent, actor: A): ServiceCtx & { actor: A } {
	return { actor, ip: clientIp(event), events: meetingEvents, rooms: collabRooms };
}
