import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { passwordClient } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db/client';
import { meetingEvents } from '$lib/server/live/events';
import { changeOwnPassword } from '$lib/server/users/service';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * The caller's own password: `{currentPassword,newPassword}` → 204. Every other session of theirs ends; this one
 * stays. The current password is checked like a sign-in, throttle included.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request);
	await changeOwnPassword(getDb(), { actor: user, events: meetingEvents, sessionId: event.locals.session!.id, client: passwordClient(event) }, input);
	return new Response(null, { status: 204 });
});
