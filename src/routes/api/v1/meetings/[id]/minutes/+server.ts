import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { requireMeeting } from '$lib/server/meetings/access';
import { minutesView, startMinutes } from '$lib/server/minutes/service';
import { findMinutes } from '$lib/server/minutes/state';
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
	// The body is optional; one that is sent must be JSON (a bad one is a 400, not silently the default).
	const raw = event.request.headers.has('content-type') ? await readJson(event.request) : {};
	const { locale } = parseInput(startInput, raw);
	const existed = findMinutes(db, event.params.id) !== null;
	const view = startMinutes(db, user, event.params.id, locale, clientIp(event));
	return json(view, { status: existed ? 200 : 201 });
});
