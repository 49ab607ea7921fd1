import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { appendParagraph } from '$lib/server/minutes/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Chair or secretariat: `{text}` appended to the draft; 409 once the minutes are submitted or approved. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(appendParagraph(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});
