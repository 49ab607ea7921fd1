import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { inviteGroup } from '$lib/server/meetings/group-invite';
import { meetingEvents } from '$lib/server/live/events';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Secretariat only: `{groupId, dryRun?}` invites every active member not yet invited, with the group's role. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const result = inviteGroup(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	if (result.invited > 0) meetingEvents.attendanceChanged(event.params.id);
	return json(result);
});
