import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { meetingEvents } from '$lib/server/live/events';
import { motionResultsCsv } from '$lib/server/votes/results-csv';
import type { RequestHandler } from './$types';

/** The result of a closed motion as CSV (UTF-8 with BOM, one row per option); 409 before it closes. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const { filename, body } = motionResultsCsv(getDb(), user, event.params.id, meetingEvents);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
});
