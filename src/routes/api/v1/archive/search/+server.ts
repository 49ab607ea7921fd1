import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { parseArchiveParams } from '$lib/server/archive/filters';
import { searchArchive } from '$lib/server/archive/search';
import { getDb } from '$lib/server/db/client';
import type { RequestHandler } from './$types';

/** Full-text search of the archive: `?q=&from=&to=&body=&limit=&offset=` → `{hits, total}`, best first. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const { q, filters, paging } = parseArchiveParams(event.url.searchParams);
	return json(searchArchive(getDb(), user, q ?? '', { ...filters, ...paging }));
});
