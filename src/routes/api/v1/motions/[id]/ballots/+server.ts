import { apiRoute, clientIp, created, requireUser } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { castBallot } from '$lib/server/votes/ballots';
import { liveVotes } from '$lib/server/votes/live';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * `{choice, onBehalfOf?}`: 201 once the ballot is on disk (group commit: ballots of the same moment share one
 * fsync); final, a second one is 409 already_voted.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(await castBallot(getDb(), { actor: user, ip: clientIp(event), live: liveVotes() }, event.params.id, await readJson(event.request)));
});
