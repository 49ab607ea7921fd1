import { apiRoute } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { liveVotes } from '$lib/server/votes/live';
import { withdrawSpeaker } from '$lib/server/votes/speakers';
import type { RequestHandler } from './$types';

/** The member withdraws their request (or the chair/secretariat removes it); waiting requests only. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	withdrawSpeaker(getDb(), { actor: user, ip: clientIp(event), live: liveVotes() }, event.params.id, event.params.speakerId);
	return new Response(null, { status: 204 });
});
