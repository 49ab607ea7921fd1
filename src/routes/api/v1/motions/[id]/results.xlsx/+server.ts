import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { meetingEvents } from '$lib/server/live/events';
import { motionResultsXlsx } from '$lib/server/votes/results-xlsx';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** The result of a closed motion as an Excel workbook in `?lang=vi|en` (default: the request's language); 409 before close. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const lang = event.url.searchParams.get('lang');
	const locale = lang === 'vi' || lang === 'en' ? lang : getLocale();
	const { filename, body } = await motionResultsXlsx(getDb(), user, event.params.id, locale, meetingEvents);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
});
