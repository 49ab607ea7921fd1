import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { openMotion } from '$lib/server/votes/motions';
import { motionSummary } from '$lib/server/votes/views';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat: opens the vote. Optional body `{closesAt}` or `{durationSeconds}` for a countdown. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	// The body is optional: a bare POST opens the vote without a countdown.
	const hasBody = event.request.headers.get('content-type') !== null || (event.request.headers.get('content-length') ?? '0') !== '0';
	const input = hasBody ? await readJson(event.request) : {};
	return json(motionSummary(db, openMotion(db, apiCtx(event, user), event.params.id, input)));
});
