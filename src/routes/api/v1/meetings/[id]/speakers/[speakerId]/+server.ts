import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { withdrawSpeaker } from '$lib/server/meetings/speakers';
import type { RequestHandler } from './$types';

/** The member withdraws their request (or the chair/secretariat removes it); waiting requests only. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	withdrawSpeaker(getDb(), apiCtx(event, user), event.params.id, event.params.speakerId);
	return new Response(null, { status: 204 });
});
