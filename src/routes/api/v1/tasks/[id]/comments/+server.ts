import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { addComment } from '$lib/server/tasks/comments';
import { getTask } from '$lib/server/tasks/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ comments: getTask(getDb(), user, event.params.id).comments });
});

/** The owner or a manager: `{body}` → 201 comment. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(addComment(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});
