import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { giveFloor } from '$lib/server/meetings/speakers';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat gives the floor; optional body `{timeLimitSeconds}` for the countdown on every tablet. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const hasBody = event.request.headers.get('content-type') !== null || (event.request.headers.get('content-length') ?? '0') !== '0';
	const input = hasBody ? await readJson(event.request) : {};
	return json(giveFloor(getDb(), apiCtx(event, user), event.params.id, event.params.speakerId, input));
});
