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

/**
 * The answer to a refused upload (401, 404, 413, 415, 422 or a bug), after the rest of the body is discarded so
 * the client can read it (see UploadBody in documents/upload.ts).
 */
export async function refuseUpload(e: unknown, body: { discardRest(): Promise<'drained' | 'node' | 'failed'> }, request: Request): Promise<Response> {
	const rest = await body.discardRest();
	if (!(e instanceof AppError)) throw e;
	const response = errorResponse(e);
	// `failed`: the body could not be discarded. `Expect: 100-continue` refused: the body was never sent, and Node
	// would wait for it. Either way this connection cannot carry another request.
	const expectsContinue = /100-continue/i.test(request.headers.get('expect') ?? '');
	if (rest === 'failed' || (rest === 'node' && expectsContinue)) response.headers.set('connection', 'close');
	return response;
}
