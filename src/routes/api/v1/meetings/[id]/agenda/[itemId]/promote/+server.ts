import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { changeAgendaLevel } from '$lib/server/meetings/agenda-levels';
import type { RequestHandler } from './$types';

/** Secretariat only, no body. Answers `{"agenda": [...]}`, the renumbered tree (docs/api.md, "Agenda"). */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ agenda: changeAgendaLevel(getDb(), apiCtx(event, user), event.params.id, event.params.itemId, 'promote') });
});
