import { fail, redirect } from '@sveltejs/kit';
import { safeReturnPath } from '$lib/server/return-path';
import { m } from '$lib/paraglide/messages';
import { passwordClient, setDeviceCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { signIn } from '$lib/server/auth/login';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { runForm, text, type FormFailure } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/meetings');
	// Set by the (app) guard when a cookie came in but its session had ended.
	return { expired: url.searchParams.get('expired') === '1' };
};

export const actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const username = text(data, 'username')?.trim() ?? '';
		const password = text(data, 'password') ?? '';
		if (!username || !password) {
			return fail(400, {
				error: { code: 'validation_failed', message: m.app_login_missing() },
				values: { username }
			} satisfies FormFailure);
		}
		// Same limits as POST /api/v1/session: nothing longer is a real account, and argon2 need not hash it.
		if (username.length > 64 || password.length > 256) {
			return fail(401, {
				error: { code: 'invalid_credentials', message: m.error_invalid_credentials() },
				values: { username: username.slice(0, 64) }
			} satisfies FormFailure);
		}
		const result = await runForm(data, () =>
			signIn(getDb(), { username, password, client: passwordClient(event) }, config().session)
		);
		if (!('token' in result)) return result;
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		setDeviceCookie(event.cookies, event.url, result.deviceCookie);
		redirect(303, safeReturnPath(event.url.searchParams.get('next')) ?? '/meetings');
	}
} satisfies Actions;
