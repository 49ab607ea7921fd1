import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { revokeDisplayLink } from '$lib/server/display/links';
import { requireUser } from '$lib/server/request';
import type { RequestHandler } from './$types';

/** Secretariat: the link opens nothing from now on, and the displays using it are disconnected. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	revokeDisplayLink(getDb(), apiCtx(event, user), event.params.id, event.params.linkId);
	return new Response(null, { status: 204 });
});
