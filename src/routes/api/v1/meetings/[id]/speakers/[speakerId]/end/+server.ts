import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { liveVotes } from '$lib/server/votes/live';
import { endTurn } from '$lib/server/votes/speakers';
import type { RequestHandler } from './$types';

/** The chair ends the turn, or the speaker yields the floor. */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(endTurn(getDb(), { actor: user, ip: clientIp(event), live: liveVotes() }, event.params.id, event.params.speakerId));
});
