import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { setGroupMembers } from '$lib/server/groups/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Administrator only: `{userIds: [...]}`, the whole membership (replaces it). */
export const PUT: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(setGroupMembers(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});
