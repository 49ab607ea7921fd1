import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute, clientIp, requireUser } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { requireMeeting } from '$lib/server/meetings/access';
import { minutesView, startMinutes } from '$lib/server/minutes/service';
import { parseInput, readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Everyone in the meeting: the minutes as they stand (state, content hash, HTML, approval and archive place). */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const db = getDb();
	requireMeeting(db, user, event.params.id);
	return json(minutesView(db, event.params.id));
});

const startInput = z.object({ locale: z.enum(['vi', 'en']).default('vi') });

/** Chair or secretariat: starts the draft from the template; `{locale?}`. 201 when started, 200 if it already was. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const raw = event.request.headers.get('content-length') === '0' ? {} : await readJson(event.request).catch(() => ({}));
	const { locale } = parseInput(startInput, raw);
	const existed = minutesView(db, event.params.id).state !== 'not_started';
	const view = startMinutes(db, user, event.params.id, locale, clientIp(event));
	return json(view, { status: existed ? 200 : 201 });
});
