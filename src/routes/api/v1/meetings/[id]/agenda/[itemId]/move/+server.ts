import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { moveAgendaItem } from '$lib/server/meetings/agenda';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * Secretariat only: `{parentId,position}` (parentId null = top level). Answers with the whole renumbered tree,
 * since one move changes the numbers of its neighbours too.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { id, itemId } = event.params;
	return json({ agenda: moveAgendaItem(getDb(), apiCtx(event, user), id, itemId, await readJson(event.request)) });
});
