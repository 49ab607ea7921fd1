import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { createMeeting, listMeetings } from '$lib/server/meetings/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The meetings the caller may see: all for the secretariat, the invited ones for members. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ meetings: listMeetings(getDb(), user) });
});

/**
 * Secretariat only: `{title,startsAt,endsAt?,location?,body?,description?,status?,bodyType?,quorum?,proxyLimit?}` → 201
 * with the meeting.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(createMeeting(getDb(), apiCtx(event, user), await readJson(event.request)));
});
