import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { returnMinutes } from '$lib/server/minutes/service';
import type { RequestHandler } from './$types';

/** Chair or secretariat: submitted → draft, to change the text again. */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(returnMinutes(getDb(), apiCtx(event, user), event.params.id));
});
