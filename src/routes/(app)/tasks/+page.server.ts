import { orHttpError } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { TASK_FILTERS, type TaskFilter } from '$lib/tasks/status';
import { listTasks } from '$lib/server/tasks/service';
import type { TaskOwner } from '$lib/tasks/types';
import type { PageServerLoad } from './$types';

/** The Tasks page: what the caller may see, filtered by the query (`?owner=&status=&body=`), as the API does. */
export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	const db = getDb();
	const params = event.url.searchParams;
	const owner = params.get('owner') ?? '';
	const statusParam = params.get('status') ?? '';
	const status = (TASK_FILTERS as readonly string[]).includes(statusParam) ? (statusParam as TaskFilter) : '';
	const body = params.get('body') ?? '';
	const all = orHttpError(() => listTasks(db, actor, {}));
	// The choices come from what the caller can see: a filter never offers (nor reveals) anyone else's tasks.
	const owners = new Map<string, TaskOwner>();
	for (const t of all) owners.set(t.owner.id, t.owner);
	const bodies = [...new Set(all.map((t) => t.meeting.body))].sort((a, b) => a.localeCompare(b, 'vi'));
	const query = { ...(owner ? { owner } : {}), ...(status ? { status } : {}), ...(body ? { body } : {}) };
	return {
		tasks: orHttpError(() => listTasks(db, actor, query)),
		filters: { owner, status, body },
		owners: [...owners.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
		bodies
	};
};
