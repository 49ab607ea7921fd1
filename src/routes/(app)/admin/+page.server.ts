import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** /admin has one section for now. */
export const load: PageServerLoad = () => {
	redirect(307, '/admin/users');
};
