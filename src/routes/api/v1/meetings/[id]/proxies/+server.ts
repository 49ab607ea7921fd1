import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { listProxies, setProxy } from '$lib/server/votes/proxies';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ proxies: listProxies(getDb(), user, event.params.id) });
});

/** Secretariat: `{principalId, holderId}`; replaces an earlier proxy of the same member. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const proxy = setProxy(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	return created({ id: proxy.principalId, ...proxy });
});
