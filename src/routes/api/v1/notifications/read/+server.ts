import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { markNoticesRead } from '$lib/server/notices/store';
import { requireUser } from '$lib/server/request';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** `{"ids": [...]}` or `{"all": true}`: marks the caller's own notices read; answers `{unreadCount}`. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(markNoticesRead(getDb(), user, await readJson(event.request)));
});
