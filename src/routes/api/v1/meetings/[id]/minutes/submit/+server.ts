import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { submitMinutes } from '$lib/server/minutes/service';
import type { RequestHandler } from './$types';

/** Chair or secretariat: draft → submitted. The text is frozen and its hash is what the chair will sign. */
export const POST: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(submitMinutes(getDb(), apiCtx(event, user), event.params.id));
});
