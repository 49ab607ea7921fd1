import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { parseArchiveParams } from '$lib/server/archive/filters';
import { listArchivedMeetings } from '$lib/server/archive/search';
import { getDb } from '$lib/server/db/client';
import type { RequestHandler } from './$types';

/** Archived meetings the caller may see, newest first: `?from=&to=&body=&text=&limit=&offset=` → `{meetings, total}`. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const { text, filters, paging } = parseArchiveParams(event.url.searchParams, 50);
	return json(listArchivedMeetings(getDb(), user, { ...filters, ...paging, text }));
});
