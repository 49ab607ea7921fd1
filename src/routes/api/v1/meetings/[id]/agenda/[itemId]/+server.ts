import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { deleteAgendaItem, updateAgendaItem } from '$lib/server/meetings/agenda';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Secretariat only: any of `{title,description,presenter,durationMinutes}`; moving goes through `/move`. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { id, itemId } = event.params;
	return json(updateAgendaItem(getDb(), apiCtx(event, user), id, itemId, await readJson(event.request)));
});

/** Deletes the item with its sub-items; the siblings close the gap. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	deleteAgendaItem(getDb(), apiCtx(event, user), event.params.id, event.params.itemId);
	return new Response(null, { status: 204 });
});
