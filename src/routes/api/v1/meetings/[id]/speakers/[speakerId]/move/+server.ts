import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { liveVotes } from '$lib/server/votes/live';
import { moveSpeaker } from '$lib/server/votes/speakers';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat: `{position}` (0 = next); answers the waiting list in its new order. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const ctx = { actor: user, ip: clientIp(event), live: liveVotes() };
	return json({ speakers: moveSpeaker(getDb(), ctx, event.params.id, event.params.speakerId, await readJson(event.request)) });
});
