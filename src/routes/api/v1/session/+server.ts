import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { signIn } from '$lib/server/auth/login';
import { deleteSessionCookie, passwordClient, setDeviceCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/sessions';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { parseInput, readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

/** Signs in: `{username,password}` → `{user}`, the session cookie and the device cookie (see auth/password-check.ts). */
export const POST: RequestHandler = apiRoute(async (event) => {
	const input = parseInput(credentials, await readJson(event.request));
	const result = await signIn(getDb(), { ...input, client: passwordClient(event) }, config().session);
	setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
	setDeviceCookie(event.cookies, event.url, result.deviceCookie);
	return json({ user: result.user, expiresAt: result.expiresAt.toISOString() });
});

/** The signed-in user, for scripts that want to check their cookie. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ user, expiresAt: event.locals.session?.expiresAt.toISOString() });
});

/** Signs out: the session is deleted server-side, not only forgotten by the browser. */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const session = event.locals.session!;
	const db = getDb();
	db.transaction((tx) => {
		invalidateSession(tx, session.id);
		audit(tx, { actorId: user.id, action: 'auth.sign_out', subjectType: 'user', subjectId: user.id, ip: clientIp(event) });
	});
	deleteSessionCookie(event.cookies, event.url);
	return new Response(null, { status: 204 });
});
