import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { moveSpeaker } from '$lib/server/meetings/speakers';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat: `{position}` (0 = next); answers the waiting list in its new order. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const ctx = apiCtx(event, user);
	return json({ speakers: moveSpeaker(getDb(), ctx, event.params.id, event.params.speakerId, await readJson(event.request)) });
});
