import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { setCurrentAgendaItem } from '$lib/server/meetings/session';
import { requireUser } from '$lib/server/request';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat: `{agendaItemId}` (or null) is the item on the floor; every tablet and the hall display follow. */
export const PUT: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(setCurrentAgendaItem(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});
