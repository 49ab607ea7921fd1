import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { createGroup, listGroups } from '$lib/server/groups/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Staff: every group with its members. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ groups: listGroups(getDb(), user) });
});

/** Administrator only: `{name, description?, defaultRole?, defaultCanVote?}`. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(createGroup(getDb(), apiCtx(event, user), await readJson(event.request)));
});
