import { apiRoute, errorResponse } from '$lib/server/api';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { requireOfflineCopyAllowed } from '$lib/server/documents/confidential';
import { serveFile } from '$lib/server/documents/serve';
import { fileStore } from '$lib/server/documents/storage';
import { requirePollDocument } from '$lib/server/polls/access';
import { requireUser } from '$lib/server/request';
import type { RequestEvent, RequestHandler } from './$types';

/** A paper attached to a poll, for the poll's readers: the same range-serving as the meeting's viewer. */
function serve(method: 'GET' | 'HEAD') {
	return apiRoute((event: RequestEvent) => {
		const doc = requirePollDocument(getDb(), requireUser(event), event.params.id, event.params.docId);
		requireOfflineCopyAllowed(event.request, doc);
		return serveFile(event.request, doc, fileStore(config().filesDir), { method, refuse: errorResponse });
	});
}

export const GET: RequestHandler = serve('GET');
export const HEAD: RequestHandler = serve('HEAD');
