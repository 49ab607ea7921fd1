import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { pollView } from '$lib/server/polls/service';
import { settlePolls } from '$lib/server/polls/settle';
import { requireUser } from '$lib/server/request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	await settlePolls(getDb());
	return json(pollView(getDb(), user, event.params.id));
});
