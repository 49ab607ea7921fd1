import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { listMeetingDocuments } from '$lib/server/documents/list';
import { listAgenda } from '$lib/server/meetings/agenda';
import { getMeeting, updateMeeting } from '$lib/server/meetings/service';
import { listParticipants } from '$lib/server/meetings/participants';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * The whole meeting in one answer, so a tablet needs one request to draw it: the meeting, its people, its
 * agenda tree, its documents (every version; group them by `agendaItemId`), the caller's role and what the
 * caller may do (`can`). Not invited → 404.
 */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const db = getDb();
	const { meeting, participation, can } = getMeeting(db, user, event.params.id);
	return json({
		...meeting,
		myRole: participation?.role ?? null,
		can,
		participants: listParticipants(db, user, meeting.id),
		agenda: listAgenda(db, user, meeting.id),
		documents: listMeetingDocuments(db, user, meeting.id)
	});
});

/**
 * Secretariat only: any of the creation fields; `endsAt: null` clears the planned end. `bodyType`, `quorum` (null:
 * the body's default) and `proxyLimit` change what the live room shows about the quorum: the service has it rewritten.
 */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const body = await readJson(event.request);
	return json(updateMeeting(getDb(), apiCtx(event, user), event.params.id, body));
});
