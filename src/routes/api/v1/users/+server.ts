import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { createUser, listUsers } from '$lib/server/users/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Every account, for the secretariat picking participants. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ users: listUsers(getDb(), user) });
});

/** Admin only: `{username,displayName,password,role}` → 201 with the account (never its hash). */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const account = await createUser(getDb(), apiCtx(event, user), await readJson(event.request));
	return created(account);
});
