import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { createPoll, listPolls } from '$lib/server/polls/service';
import { settlePolls } from '$lib/server/polls/settle';
import { requireUser } from '$lib/server/request';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The caller's polls (the secretariat: all of them). Deadlines are settled first, so none is shown open past it. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	await settlePolls(getDb());
	return json({ polls: listPolls(getDb(), user) });
});

/** Staff: `{title, text?, memberIds | groupId, deadline, ballot, majority?, documentIds?, body?, bodyType?}` → 201 Poll. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(createPoll(getDb(), apiCtx(event, user), await readJson(event.request)));
});
