import { redirect } from '@sveltejs/kit';
import { safeReturnPath } from '$lib/server/return-path';
import { cookieName, isLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The language switch: a plain form POST, so it works before JavaScript loads. The cookie is the first thing
 * paraglide's strategy looks at (then Accept-Language, then Vietnamese). It is readable by scripts on purpose:
 * the browser side of paraglide reads the same cookie to render in the same language after hydration.
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const data = await request.formData();
	const locale = data.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: ONE_YEAR_SECONDS,
			sameSite: 'lax',
			httpOnly: false,
			secure: url.protocol === 'https:'
		});
	}
	redirect(303, safeReturnPath(data.get('redirectTo')) ?? '/');
};
