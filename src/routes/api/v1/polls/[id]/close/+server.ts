import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { closePoll, pollView } from '$lib/server/polls/service';
import { settlePolls } from '$lib/server/polls/settle';
import { requireUser } from '$lib/server/request';
import type { RequestHandler } from './$types';

/** Staff: closes the poll now; the result is computed, stored and archived before the answer. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	closePoll(getDb(), apiCtx(event, user), event.params.id);
	await settlePolls(getDb());
	return json(pollView(getDb(), user, event.params.id));
});
