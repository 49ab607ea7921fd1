import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { listReplies } from '$lib/server/meetings/replies';
import type { RequestHandler } from './$types';

/** The secretariat and the chair: every participant with their answer, or `no_answer`, and the counts. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(listReplies(getDb(), user, event.params.id));
});
