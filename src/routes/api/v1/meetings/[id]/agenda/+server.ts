import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { addAgendaItem, listAgenda } from '$lib/server/meetings/agenda';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The numbered tree ("2", "2.1"), top-level items with their sub-items in `children`. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ agenda: listAgenda(getDb(), user, event.params.id) });
});

/** Secretariat only: `{title,parentId?,durationMinutes?,presenter?,description?}`, appended last among its siblings. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(addAgendaItem(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});
