import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { hideResult, showResult } from '$lib/server/live/shown-result';
import { requireUser } from '$lib/server/request';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat: `{motionId}` of a closed vote of this meeting is shown again on the hall display. */
export const PUT: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(showResult(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});

/** Takes it off the screens. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	hideResult(getDb(), apiCtx(event, user), event.params.id);
	return new Response(null, { status: 204 });
});
