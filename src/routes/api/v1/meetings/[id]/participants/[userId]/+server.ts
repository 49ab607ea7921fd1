import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { removeParticipant, updateParticipant } from '$lib/server/meetings/participants';
import { readJson } from '$lib/server/validation';
import { liveVotes } from '$lib/server/votes/live';
import type { RequestHandler } from './$types';

/** Secretariat only: `{role?,canVote?}`; naming a chair makes the previous one a delegate. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { id, userId } = event.params;
	const participant = updateParticipant(getDb(), { actor: user, ip: clientIp(event) }, id, userId, await readJson(event.request));
	// Voting right and role decide who counts for the quorum: the live room's figures follow.
	liveVotes().attendanceChanged(id);
	return json({ id: participant.userId, ...participant });
});

export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	removeParticipant(getDb(), { actor: user, ip: clientIp(event) }, event.params.id, event.params.userId);
	liveVotes().attendanceChanged(event.params.id);
	return new Response(null, { status: 204 });
});
