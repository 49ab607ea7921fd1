import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { listMeetingDocuments } from '$lib/server/documents/list';
import type { RequestHandler } from './$types';

/** Every version of every document of the meeting, for anyone who can see it. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ documents: listMeetingDocuments(getDb(), user, event.params.id) });
});
