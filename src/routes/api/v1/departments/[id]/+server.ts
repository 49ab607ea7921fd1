import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { deleteDepartment } from '$lib/server/tasks/departments';
import type { RequestHandler } from './$types';

/** Administrator only; refused with 409 `department_in_use` while a task names it. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	deleteDepartment(getDb(), apiCtx(event, user), event.params.id);
	return new Response(null, { status: 204 });
});
