import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { getUser, updateUser } from '$lib/server/users/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The secretariat sees any account; a member only their own (others are 404, not 403). */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(getUser(getDb(), user, event.params.id));
});

/**
 * Admin only: any of `{displayName,role,active,password}`. A new password or `active:false` ends every session
 * of that account at once.
 */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const account = await updateUser(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	return json(account);
});
