import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { listAttendance, setAttendance } from '$lib/server/meetings/attendance';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Every participant with their status, and the quorum as it stands. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(listAttendance(getDb(), user, event.params.id));
});

/** `{status}` checks the caller in or out; `{status, userId}` is the secretariat marking or correcting someone. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const change = setAttendance(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	return json(change);
});
