import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { getTask, updateTask } from '$lib/server/tasks/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The task with its comments, attachments and the statuses the caller may set next. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(getTask(getDb(), user, event.params.id));
});

/** `{status?}` by the owner or a manager; `{owner?, deadline?, conclusion?}` by a manager. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(updateTask(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});
