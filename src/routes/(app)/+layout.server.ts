import { redirect } from '@sveltejs/kit';
import { isStaff } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { unreadCount } from '$lib/server/notices/store';
import type { LayoutServerLoad } from './$types';

/** Every page under (app) needs a signed-in user; the rest goes to the login page and comes back after. */
export const load: LayoutServerLoad = ({ locals, url, depends }) => {
	if (!locals.user) {
		const next = url.pathname + url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}${locals.sessionExpired ? '&expired=1' : ''}`);
	}
	// The bell's count is read again on every navigation (the path is read for that) and when the list marks
	// notices read (`invalidate('quorum:notices')`): one indexed count per page.
	void url.pathname;
	depends('quorum:notices');
	return {
		unreadNotices: unreadCount(getDb(), locals.user),
		user: locals.user,
		staff: isStaff(locals.user),
		admin: locals.user.role === 'admin'
	};
};
