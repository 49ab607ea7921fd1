import { redirect } from '@sveltejs/kit';
import { clientIp } from '$lib/server/request';
import { audit } from '$lib/server/audit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db/client';
import type { RequestHandler } from './$types';

/**
 * Signs out from the header's form. The session row is deleted, not only the cookie: on a shared tablet the
 * next person must not be able to bring the old session back. POST only (SvelteKit checks the form's Origin),
 * so a link or an image on another site cannot sign anyone out.
 */
export const POST: RequestHandler = (event) => {
	const { user, session } = event.locals;
	if (user && session) {
		getDb().transaction((tx) => {
			invalidateSession(tx, session.id);
			audit(tx, { actorId: user.id, action: 'auth.sign_out', subjectType: 'user', subjectId: user.id, ip: clientIp(event) });
		});
	}
	deleteSessionCookie(event.cookies, event.url);
	// Offline copies of meetings (Cache Storage), the service worker and any other site storage go with the
	// session, so the next person on a shared tablet finds nothing. Browsers honour this on secure origins only;
	// the service worker also wipes its caches when it sees this request (src/service-worker.ts).
	return new Response(null, { status: 303, headers: { location: '/login', 'clear-site-data': '"cache", "storage"' } });
};

/** Someone who types /logout lands where they belong instead of on a 405. */
export const GET: RequestHandler = () => redirect(303, '/');
