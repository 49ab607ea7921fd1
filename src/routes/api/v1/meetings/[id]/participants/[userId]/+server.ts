import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { removeParticipant, updateParticipant } from '$lib/server/meetings/participants';
import { readJson } from '$lib/server/validation';
import { meetingEvents } from '$lib/server/live/events';
import type { RequestHandler } from './$types';

/** Secretariat only: `{role?,canVote?}`; naming a chair makes the previous one a delegate. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { id, userId } = event.params;
	const participant = updateParticipant(getDb(), apiCtx(event, user), id, userId, await readJson(event.request));
	// Voting right and role decide who counts for the quorum: the live room's figures follow.
	meetingEvents.attendanceChanged(id);
	return json({ id: participant.userId, ...participant });
});

export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	removeParticipant(getDb(), apiCtx(event, user), event.params.id, event.params.userId);
	meetingEvents.attendanceChanged(event.params.id);
	return new Response(null, { status: 204 });
});
