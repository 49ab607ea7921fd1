import { getDb } from '$lib/server/db/client';
import { listPolls } from '$lib/server/polls/service';
import { settlePolls } from '$lib/server/polls/settle';
import { serviceCtx } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = serviceCtx(event);
	await settlePolls(getDb());
	return { polls: listPolls(getDb(), actor) };
};
