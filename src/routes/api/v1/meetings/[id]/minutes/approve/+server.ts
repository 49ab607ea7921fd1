import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { passwordClient } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db/client';
import { approveMinutes } from '$lib/server/minutes/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The chair: `{password, contentHash}` → approved, archived, chained; every room of the meeting read-only. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request);
	return json(await approveMinutes(getDb(), { ...apiCtx(event, user), client: passwordClient(event) }, event.params.id, input));
});
