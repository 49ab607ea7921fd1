import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { notFound } from '$lib/server/errors';
import { requireMeeting } from '$lib/server/meetings/access';
import { archiveRecordOf } from '$lib/server/minutes/service';
import type { RequestHandler } from './$types';

/**
 * Everyone in the meeting: the archive record for other systems — `record` is the canonical JSON exactly as
 * hashed (a string, so its bytes survive), next to its place in the chain.
 */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const db = getDb();
	requireMeeting(db, user, event.params.id);
	const record = archiveRecordOf(db, event.params.id);
	if (!record) throw notFound('archive record');
	return json(record);
});
