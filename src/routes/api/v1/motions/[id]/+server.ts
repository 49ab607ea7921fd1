import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { meetingEvents } from '$lib/server/live/events';
import { deleteMotion, updateMotion } from '$lib/server/votes/motions';
import { getMotion, motionSummary } from '$lib/server/votes/views';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** State, "N of M", the result once closed; for open ballots `voters` (chair, secretariat) or named `ballots` (closed). */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(getMotion(getDb(), user, event.params.id, meetingEvents));
});

/** Drafts only (409 once opened or closed). */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	return json(motionSummary(db, updateMotion(db, apiCtx(event, user), event.params.id, await readJson(event.request))));
});

export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	deleteMotion(getDb(), apiCtx(event, user), event.params.id);
	return new Response(null, { status: 204 });
});
