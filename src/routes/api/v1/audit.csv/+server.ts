import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { auditCsv } from '$lib/server/audit-log/csv';
import { auditQueryOf } from '$lib/server/audit-log/query';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** The same filters as `GET /api/v1/audit`, every page at once (up to 50,000 rows), as CSV; `?lang=vi|en`. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const lang = event.url.searchParams.get('lang');
	const locale = lang === 'vi' || lang === 'en' ? lang : getLocale();
	const { filename, body } = auditCsv(getDb(), user, auditQueryOf(event.url.searchParams), locale);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
});
