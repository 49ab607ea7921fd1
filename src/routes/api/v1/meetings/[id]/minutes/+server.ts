import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { collabRooms } from '$lib/server/collab/hub';
import { getDb } from '$lib/server/db/client';
import { requireMeeting } from '$lib/server/meetings/access';
import { minutesView, startMinutes } from '$lib/server/minutes/service';
import { findMinutes } from '$lib/server/minutes/state';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Everyone in the meeting: the minutes as they stand (state, content hash, HTML, approval and archive place). */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const db = getDb();
	requireMeeting(db, user, event.params.id);
	return json(minutesView(db, collabRooms, event.params.id));
});

/** Chair or secretariat: starts the draft from the template; `{locale?}`. 201 when started, 200 if it already was. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	// The body is optional; one that is sent must be JSON (a bad one is a 400, not silently the default).
	const raw = event.request.headers.has('content-type') ? await readJson(event.request) : {};
	const existed = findMinutes(db, event.params.id) !== null;
	const view = startMinutes(db, apiCtx(event, user), event.params.id, raw);
	return json(view, { status: existed ? 200 : 201 });
});
