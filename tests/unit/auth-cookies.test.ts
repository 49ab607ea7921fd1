import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { setDeviceCookie, setSessionCookie } from '$lib/server/auth/cookies';

/** The options each cookie was set with. */
function recorder() {
	const set = new Map<string, Record<string, unknown>>();
	const cookies = { set: (name: string, _value: string, options: Record<string, unknown>) => set.set(name, options) } as unknown as Cookies;
	return { cookies, set };
}

describe('the session and device cookies', () => {
	it.each([
		['http://192.168.1.10:3000/login', false],
		['https://quorum.example.gov.vn/login', true]
	])('are HttpOnly, SameSite=Lax and Secure only over HTTPS (%s)', (url, secure) => {
		const { cookies, set } = recorder();
		setSessionCookie(cookies, new URL(url), 'token', new Date(Date.UTC(2027, 0, 1)));
		setDeviceCookie(cookies, new URL(url), 'device');
		for (const name of ['quorum_session', 'quorum_device']) {
			expect(set.get(name)).toMatchObject({ path: '/', httpOnly: true, sameSite: 'lax', secure });
		}
		// The device cookie outlives any session: about a year.
		expect(set.get('quorum_device')!.maxAge).toBe(365 * 24 * 60 * 60);
	});
});
