import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { passwordClient } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db/client';
import { signMinutes } from '$lib/server/minutes/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The meeting's secretary, first of the two signatures: `{password, contentHash}` → the minutes, signed by them. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request);
	return json(await signMinutes(getDb(), { ...apiCtx(event, user), client: passwordClient(event) }, event.params.id, input));
});
