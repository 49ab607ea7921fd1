import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { requestNoticeLocale } from '$lib/server/notices/locale';
import { listNotices } from '$lib/server/notices/store';
import { requireUser } from '$lib/server/request';
import type { RequestHandler } from './$types';

/**
 * The caller's own notices (the newest 100, newest first; `?unread=1` for the unread only), worded in the
 * request's language, with the number still unread.
 */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const unreadOnly = event.url.searchParams.get('unread') === '1';
	return json(listNotices(getDb(), user, requestNoticeLocale(), { unreadOnly }));
});
