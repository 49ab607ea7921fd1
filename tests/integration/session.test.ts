import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ seed: true });
});
afterAll(async () => {
	await server?.stop();
});

describe('POST /api/v1/session', () => {
	it('signs in with the demo password and sets a safe cookie', async () => {
		const client = new ApiClient(server.url);
		const res = await client.request('POST', '/api/v1/session', { username: 'Delegate1', password: 'quorum-demo' });
		expect(res.status).toBe(200);
		expect(res.body.user).toMatchObject({ username: 'delegate1', role: 'member', displayName: 'Lê Thị Hồng' });
		expect(res.body.user.passwordHash).toBeUndefined();
		const cookie = res.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^quorum_session=[a-z2-7]{32};/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('SameSite=Lax');
		expect(cookie).toContain('Path=/');
		// Plain HTTP on the LAN: a Secure cookie would never come back.
		expect(cookie).not.toContain('Secure');
		const me = await client.request('GET', '/api/v1/session');
		expect(me.status).toBe(200);
		expect(me.body.user.username).toBe('delegate1');
	});

	it('remembers the browser with a long-lived device cookie, as safe as the session cookie, kept through sign-out', async () => {
		const client = new ApiClient(server.url);
		const res = await client.login('observer');
		const device = res.headers.getSetCookie().find((c) => c.startsWith('quorum_device='))!;
		expect(device).toMatch(/^quorum_device=[A-Za-z0-9_.~-]+;/);
		for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${365 * 24 * 60 * 60}`]) expect(device).toContain(attribute);
		expect(device).not.toContain('Secure');
		const signedOut = await client.request('DELETE', '/api/v1/session');
		expect(signedOut.headers.getSetCookie().some((c) => c.startsWith('quorum_device='))).toBe(false);
	});

	it('answers a wrong password and an unknown user the same way', async () => {
		const wrong = await new ApiClient(server.url).request('POST', '/api/v1/session', { username: 'delegate2', password: 'nope-nope' });
		const unknown = await new ApiClient(server.url).request('POST', '/api/v1/session', { username: 'nobody-here', password: 'nope-nope' });
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(wrong.body).toEqual(unknown.body);
		expect(wrong.body.error.code).toBe('invalid_credentials');
		expect(wrong.headers.get('set-cookie')).toBeNull();
	});

	it('speaks the caller’s language in errors', async () => {
		const vi = await new ApiClient(server.url, 'vi-VN,vi;q=0.9').request('POST', '/api/v1/session', { username: 'x', password: 'y' });
		expect(vi.body.error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
	});

	it('throttles repeated failures for one username, with a clear message, and still not revealing existence', async () => {
		const client = new ApiClient(server.url);
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) {
			statuses.push((await client.request('POST', '/api/v1/session', { username: 'delegate3', password: `wrong-${i}` })).status);
		}
		expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
		const locked = await client.request('POST', '/api/v1/session', { username: 'delegate3', password: 'quorum-demo' });
		expect(locked.status).toBe(429);
		expect(locked.body.error.code).toBe('too_many_attempts');
		expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
		// Another account from the same address is not locked out by one person's typos.
		await client.login('delegate4');
	});

	it('rejects malformed JSON and wrong types with 400 and the error shape', async () => {
		const client = new ApiClient(server.url);
		const bad = await client.request('POST', '/api/v1/session', undefined, { raw: '{"username":', headers: { 'content-type': 'application/json' } });
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('invalid_json');
		const typed = await client.request('POST', '/api/v1/session', { username: 42, password: ['x'] });
		expect(typed.status).toBe(400);
		expect(typed.body.error.code).toBe('validation_failed');
		expect(typed.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['password', 'username']);
	});

	it('signs out: the old cookie no longer works and says the session is over', async () => {
		const client = new ApiClient(server.url);
		await client.login('delegate5');
		const cookie = client.cookie;
		expect((await client.request('DELETE', '/api/v1/session')).status).toBe(204);
		client.cookie = cookie;
		const after = await client.request('GET', '/api/v1/session');
		expect(after.status).toBe(401);
		expect(after.body.error.code).toBe('session_expired');
		const never = await new ApiClient(server.url).request('GET', '/api/v1/session');
		expect(never.body.error.code).toBe('unauthenticated');
	});
});

// OWASP Unvalidated Redirects and Forwards Cheat Sheet: a return path from the request may only name a path on
// this site, whatever a browser would make of it after normalising it.
const BYPASSES = [
	'/..//evil.example',
	'/.//evil.example',
	'/meetings/..//evil.example',
	'/%2e%2e//evil.example',
	'//evil.example',
	'/\\evil.example',
	'/%2F%2Fevil.example',
	'/%5Cevil.example',
	'/\t/evil.example',
	'https://evil.example/'
];

/** A Location a browser resolves against the server to a page of the same server. */
function expectSameSitePath(location: string | null, base: string): void {
	expect(location).toMatch(/^\/(?![/\\])/);
	expect(new URL(location!, base).origin).toBe(new URL(base).origin);
}

/** A form POST as a browser without JavaScript sends it (with `x-sveltekit-action`, as `use:enhance` does). */
function formPost(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return fetch(url, {
		method: 'POST',
		body: new URLSearchParams(fields),
		headers: { origin: new URL(url).origin, accept: 'text/html', ...headers },
		redirect: 'manual'
	});
}

describe('return paths after signing in and switching language', () => {
	it.each(BYPASSES)('the sign-in form sends next=%j home, not to another host', async (next) => {
		const res = await formPost(`${server.url}/login?next=${encodeURIComponent(next)}`, { username: 'observer', password: 'quorum-demo' });
		expect(res.status).toBe(303);
		expect(res.headers.get('set-cookie')).toMatch(/^quorum_session=/);
		expectSameSitePath(res.headers.get('location'), server.url);
		expect(res.headers.get('location')).toBe('/meetings');
	});

	it('the enhanced sign-in form (JavaScript on) is told the same', async () => {
		const res = await formPost(
			`${server.url}/login?next=${encodeURIComponent('/..//evil.example')}`,
			{ username: 'observer', password: 'quorum-demo' },
			{ 'x-sveltekit-action': 'true', accept: 'application/json' }
		);
		expect(await res.json()).toMatchObject({ type: 'redirect', status: 303, location: '/meetings' });
	});

	it('a path on this site still comes back', async () => {
		const res = await formPost(`${server.url}/login?next=${encodeURIComponent('/meetings/abc?x=1#y')}`, { username: 'observer', password: 'quorum-demo' });
		expect(res.headers.get('location')).toBe('/meetings/abc?x=1#y');
	});

	it.each(BYPASSES)('the language switch sends redirectTo=%j home, not to another host', async (redirectTo) => {
		const res = await formPost(`${server.url}/locale`, { locale: 'en', redirectTo });
		expect(res.status).toBe(303);
		expectSameSitePath(res.headers.get('location'), server.url);
		expect(res.headers.get('location')).toBe('/');
	});

	it('the language switch returns to a path on this site', async () => {
		const res = await formPost(`${server.url}/locale`, { locale: 'vi', redirectTo: '/meetings/%C3%A1?tab=agenda' });
		expect(res.headers.get('location')).toBe('/meetings/%C3%A1?tab=agenda');
	});
});

describe('GET /healthz', () => {
	it('answers ok', async () => {
		const res = await fetch(server.url + '/healthz');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
	});
});
