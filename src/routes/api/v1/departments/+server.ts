import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { createDepartment, listDepartments } from '$lib/server/tasks/departments';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Any signed-in user: the names tasks can be given to (the Tasks page filters by them). */
export const GET: RequestHandler = apiRoute((event) => {
	requireUser(event);
	return json({ departments: listDepartments(getDb()) });
});

/** Administrator only: `{name}` → 201. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(createDepartment(getDb(), apiCtx(event, user), await readJson(event.request)));
});
