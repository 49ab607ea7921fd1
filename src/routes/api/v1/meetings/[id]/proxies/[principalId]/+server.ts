import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { withdrawProxy } from '$lib/server/votes/proxies';
import type { RequestHandler } from './$types';

/** Secretariat: withdraws the proxy at once. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	withdrawProxy(getDb(), apiCtx(event, user), event.params.id, event.params.principalId);
	return new Response(null, { status: 204 });
});
