import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { endSession } from '$lib/server/meetings/session';
import { requireUser } from '$lib/server/request';
import type { RequestHandler } from './$types';

/** Chair or secretariat: the session ends (`closed`); refused while a vote is open. */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(endSession(getDb(), apiCtx(event, user), event.params.id));
});
