import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { collabRooms } from '$lib/server/collab/hub';
import { requireDocument } from '$lib/server/documents/access';
import { requireOfflineCopyAllowed } from '$lib/server/documents/confidential';
import { changesView } from '$lib/server/versions/views';
import type { RequestHandler } from './$types';

/** What changed against the previous version, page by page of this one; `previous: null` for a first version. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	requireOfflineCopyAllowed(event.request, requireDocument(db, user, event.params.id).doc);
	return json(await changesView(db, collabRooms, user, event.params.id));
});
