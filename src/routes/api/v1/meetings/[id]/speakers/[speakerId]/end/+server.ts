import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { endTurn } from '$lib/server/meetings/speakers';
import type { RequestHandler } from './$types';

/** The chair ends the turn, or the speaker yields the floor. */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(endTurn(getDb(), apiCtx(event, user), event.params.id, event.params.speakerId));
});
