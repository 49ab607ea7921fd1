import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { decideSubstitute } from '$lib/server/meetings/replies';
import { parseInput, readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const decision = z.object({ approve: z.boolean() }).strict();

/**
 * The secretariat decides on the substitute a member named: `{"approve": true}` lets them in (invited, the member's
 * vote by proxy), `{"approve": false}` clears the name. Answers the member's reply as it now stands.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { approve } = parseInput(decision, await readJson(event.request));
	return json({ reply: decideSubstitute(getDb(), apiCtx(event, user), event.params.id, event.params.userId, approve) });
});
