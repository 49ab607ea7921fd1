import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { deleteGroup, getGroup, updateGroup } from '$lib/server/groups/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(getGroup(getDb(), user, event.params.id));
});

/** Administrator only: any of `{name, description, defaultRole, defaultCanVote}`. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(updateGroup(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});

/** Administrator only. Meetings the group was invited to keep their participants: invitations are per person. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	deleteGroup(getDb(), apiCtx(event, user), event.params.id);
	return new Response(null, { status: 204 });
});
