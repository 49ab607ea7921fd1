import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { closeMotion } from '$lib/server/votes/motions';
import { motionSummary } from '$lib/server/votes/views';
import type { RequestHandler } from './$types';

/** Chair or secretariat: closes the vote; the answer carries the stored result, every tablet shows it at once. */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const db = getDb();
	return json(motionSummary(db, closeMotion(db, apiCtx(event, user), event.params.id)));
});
