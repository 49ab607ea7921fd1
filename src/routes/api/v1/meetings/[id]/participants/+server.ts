import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { addParticipant, listParticipants } from '$lib/server/meetings/participants';
import { readJson } from '$lib/server/validation';
import { meetingEvents } from '$lib/server/live/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ participants: listParticipants(getDb(), user, event.params.id) });
});

/**
 * Secretariat only: `{userId,role,canVote?}`. The participant is keyed by its user, so the 201 body carries
 * `id` (= userId) at the top like every created resource.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const participant = addParticipant(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	// A new voting member raises the default quorum: the live room's figures follow.
	meetingEvents.attendanceChanged(event.params.id);
	return created({ id: participant.userId, ...participant });
});
