import { error, redirect } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { getDb } from '$lib/server/db/client';
import { requireDisplayViewer } from '$lib/server/display/access';
import { findDisplayGrant } from '$lib/server/display/links';
import { DISPLAY_COOKIE_MAX_AGE_S, displayCookieName } from '$lib/server/display/token';
import { displayData } from '$lib/server/display/view';
import { isAppError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

/**
 * The hall display. Opened by the chair or the secretariat with their session, or by the projector with a display
 * link. The link's token arrives once in the URL and is exchanged at once for an HttpOnly cookie of this meeting,
 * then the page reloads without it (OWASP Session Management Cheat Sheet: no session identifiers in URLs, where
 * history, logs and Referer headers keep them); the page also sends no Referer at all.
 */
export const load: PageServerLoad = ({ params, url, cookies, locals, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'no-referrer' });
	const db = getDb();
	const offered = url.searchParams.get('token');
	if (offered !== null) {
		const grant = findDisplayGrant(db, offered);
		if (grant.state === 'revoked' && grant.meetingId === params.id) error(410, errorMessage('display_link_revoked'));
		if (grant.state !== 'valid' || grant.meetingId !== params.id) error(404, errorMessage('not_found'));
		// Lax, not Strict: the link is usually opened from another site (a chat, an e-mail), and a Strict cookie set
		// in that navigation's redirect would not come back with it.
		cookies.set(displayCookieName(params.id), offered, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: DISPLAY_COOKIE_MAX_AGE_S
		});
		redirect(303, url.pathname);
	}
	const token = cookies.get(displayCookieName(params.id)) ?? null;
	try {
		requireDisplayViewer(db, locals.user, token, params.id);
	} catch (e) {
		if (!isAppError(e)) throw e;
		// Nobody signed in and no link: the chair's way in is the sign-in page, which brings them back here.
		if (e.code === 'unauthenticated') redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
		error(e.status, errorMessage(e.code, e.details));
	}
	return { ...displayData(db, params.id), serverNow: Date.now() };
};
