import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { answerPoll, pollView } from '$lib/server/polls/service';
import { settlePolls } from '$lib/server/polls/settle';
import { requireUser } from '$lib/server/request';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** A member of the poll: `{choice: "agree"|"disagree"|"other", comment?, final?}`; replaces an earlier answer until final. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const view = answerPoll(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	if (view.state === 'open') return json(view);
	// The last final answer closed the poll: answer with it archived.
	await settlePolls(getDb());
	return json(pollView(getDb(), user, event.params.id));
});
