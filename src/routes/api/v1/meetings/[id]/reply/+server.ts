import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { getOwnReply, setReply } from '$lib/server/meetings/replies';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The caller's own answer to the invitation: `{"reply": {...}}`, or `{"reply": null}` before they answered. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ reply: getOwnReply(getDb(), user, event.params.id) });
});

/**
 * A participant answers for themself until the meeting is closed:
 * `{"attending": boolean, "reason"?: "business_trip"|"illness"|"other", "note"?, "substituteId"?}`.
 */
export const PUT: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json({ reply: setReply(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)) });
});
