import { apiRoute, errorResponse } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { documentFile } from '$lib/server/documents/files';
import { serveFile } from '$lib/server/documents/serve';
import type { RequestEvent, RequestHandler } from './$types';

/**
 * The stored PDF for the in-app viewer (not stamped): Range requests, ETag/If-None-Match, If-Range. Access is
 * checked on every request, including each range and each revalidation, so withdrawn access takes effect at once.
 */
function serve(method: 'GET' | 'HEAD') {
	return apiRoute((event: RequestEvent) => {
		const user = requireUser(event);
		const { doc, store } = documentFile(getDb(), user, event.params.id);
		return serveFile(event.request, doc, store, { method, refuse: errorResponse });
	});
}

export const GET: RequestHandler = serve('GET');
// Explicit, so a HEAD never opens a stream that SvelteKit would then throw away.
export const HEAD: RequestHandler = serve('HEAD');
