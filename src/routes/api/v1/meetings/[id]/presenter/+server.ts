import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { present, stopPresenting } from '$lib/server/live/presenter';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat: `{documentId, page, zoom?}` → every following tablet shows that page. */
export const PUT: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(present(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});

/** Stops presenting: tablets stay where they are. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	stopPresenting(getDb(), apiCtx(event, user), event.params.id);
	return new Response(null, { status: 204 });
});
