import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { inviteMany } from '$lib/server/meetings/bulk-invite';
import { meetingEvents } from '$lib/server/live/events';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * Secretariat only: `{participants: [{user, role?, canVote?, line?}], dryRun?}`. 200 with each row resolved. A
 * list with any bad row writes nothing (400 `validation_failed`, a field per bad row).
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const result = inviteMany(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	// New voting members raise the default quorum: the live room's figures follow.
	if (result.invited > 0) meetingEvents.attendanceChanged(event.params.id);
	return json(result);
});
