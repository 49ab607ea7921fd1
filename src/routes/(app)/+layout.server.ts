import { redirect } from '@sveltejs/kit';
import { isStaff } from '$lib/server/auth/policy';
import type { LayoutServerLoad } from './$types';

/** Every page under (app) needs a signed-in user; the rest goes to the login page and comes back after. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) {
		const next = url.pathname + url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}${locals.sessionExpired ? '&expired=1' : ''}`);
	}
	return {
		user: locals.user,
		staff: isStaff(locals.user),
		admin: locals.user.role === 'admin'
	};
};
