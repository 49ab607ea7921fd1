import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { startSession } from '$lib/server/meetings/session';
import { requireUser } from '$lib/server/request';
import type { RequestHandler } from './$types';

/** Chair or secretariat: the session begins (`in_progress`); starting one already running changes nothing. */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(startSession(getDb(), apiCtx(event, user), event.params.id));
});
