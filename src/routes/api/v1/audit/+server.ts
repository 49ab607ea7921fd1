import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { auditQueryOf, readAuditPage } from '$lib/server/audit-log/query';
import type { RequestHandler } from './$types';

/**
 * The audit log, newest first, 50 a page: `?meetingId=&userId=&action=&from=&to=&page=`. The secretariat reads
 * everything; anyone else their own account's entries only (asking for more is 403).
 */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(readAuditPage(getDb(), user, auditQueryOf(event.url.searchParams)));
});
