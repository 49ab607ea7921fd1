import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { createTask, listTasks } from '$lib/server/tasks/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The tasks the caller may see; `?owner=me|<userId>|<departmentId>&status=assigned|in_progress|done|overdue|open&meeting=&body=`. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const query = Object.fromEntries([...event.url.searchParams].filter(([, v]) => v !== ''));
	return json({ tasks: listTasks(getDb(), user, query) });
});

/** The secretariat or the meeting's chair: `{meetingId, conclusion, owner: {kind, id}, deadline}` → 201 task. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(createTask(getDb(), apiCtx(event, user), await readJson(event.request)));
});
