import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';
import { parseArchiveParams } from '$lib/server/archive/filters';
import { MAX_QUERY_LENGTH, parseQuery } from '$lib/server/archive/fold';
import { listArchiveBodies, listArchivedMeetings, searchArchive } from '$lib/server/archive/search';
import { getDb } from '$lib/server/db/client';
import { isAppError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/**
 * The archive: without a query, the archived meetings (filtered by dates and body); with one, the ranked passages
 * of minutes and documents that contain it, or (`view=meetings`) the meetings that mention it. A plain GET form,
 * so results have a URL to share and work without JavaScript.
 */
export const load: PageServerLoad = async ({ url, parent }) => {
	const { user } = await parent();
	const db = getDb();
	const form = {
		q: url.searchParams.get('q') ?? '',
		from: url.searchParams.get('from') ?? '',
		to: url.searchParams.get('to') ?? '',
		body: url.searchParams.get('body') ?? '',
		view: url.searchParams.get('view') === 'meetings' ? ('meetings' as const) : ('hits' as const)
	};
	const query = form.q.trim();
	const base = { form, query, bodies: listArchiveBodies(db, user), pageSize: PAGE_SIZE };
	const refused = (field: string, message: string) => ({ ...base, offset: 0, total: 0, hits: null, meetings: null, error: { field, message } });

	// What the API answers with a generic 400, said here in words that fit the form.
	const parsed = query === '' ? null : parseQuery(form.q);
	if (parsed && !parsed.ok) {
		return refused('q', parsed.problem === 'too_long' ? m.archive_error_query_too_long({ max: MAX_QUERY_LENGTH }) : m.archive_error_query_empty());
	}
	try {
		const { filters, paging } = parseArchiveParams(url.searchParams, PAGE_SIZE);
		const options = { ...filters, limit: PAGE_SIZE, offset: paging.offset };
		if (query !== '' && form.view === 'hits') {
			const { hits, total } = searchArchive(db, user, form.q, options);
			return { ...base, offset: paging.offset, total, hits, meetings: null, error: null };
		}
		const { meetings, total } = listArchivedMeetings(db, user, { ...options, text: query || undefined });
		return { ...base, offset: paging.offset, total, hits: null, meetings, error: null };
	} catch (e) {
		if (!isAppError(e)) throw e;
		const field = e.details.fields?.[0]?.path ?? '';
		return refused(field, field === 'from' || field === 'to' ? m.archive_error_date() : errorMessage(e.code, e.details));
	}
};
