import { apiRoute } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { liveVotes } from '$lib/server/votes/live';
import { withdrawProxy } from '$lib/server/votes/proxies';
import type { RequestHandler } from './$types';

/** Secretariat: withdraws the proxy at once. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	withdrawProxy(getDb(), { actor: user, ip: clientIp(event), live: liveVotes() }, event.params.id, event.params.principalId);
	return new Response(null, { status: 204 });
});
