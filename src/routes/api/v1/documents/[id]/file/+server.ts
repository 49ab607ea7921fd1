import { apiRoute, errorResponse } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { documentFile } from '$lib/server/documents/files';
import { serveFile } from '$lib/server/documents/serve';
import { requireOfflineCopyAllowed } from '$lib/server/documents/confidential';
import { presentedDocumentFile } from '$lib/server/display/access';
import { displayCookieName } from '$lib/server/display/token';
import type { RequestEvent, RequestHandler } from './$types';

/**
 * The stored PDF for the in-app viewer (not stamped): Range requests, ETag/If-None-Match, If-Range. Access is
 * checked on every request, including each range and each revalidation, so withdrawn access takes effect at once.
 * A confidential document is never handed to the offline copier and is sent with `no-store` (confidential.ts).
 */
function serve(method: 'GET' | 'HEAD') {
	return apiRoute((event: RequestEvent) => {
		// A hall display without a session reads the presented document's pages through its display link only.
		const { doc, store } =
			!event.locals.user && hasDisplayCookie(event)
				? presentedDocumentFile(getDb(), (meetingId) => event.cookies.get(displayCookieName(meetingId)) ?? null, event.params.id)
				: documentFile(getDb(), requireUser(event), event.params.id);
		requireOfflineCopyAllowed(event.request, doc);
		return serveFile(event.request, doc, store, { method, refuse: errorResponse });
	});
}

const hasDisplayCookie = (event: RequestEvent) => event.cookies.getAll().some((c) => c.name.startsWith('quorum_display_'));

export const GET: RequestHandler = serve('GET');
// Explicit, so a HEAD never opens a stream that SvelteKit would then throw away.
export const HEAD: RequestHandler = serve('HEAD');
