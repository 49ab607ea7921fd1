import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, demoMeetingId, startServer, type TestServer } from './harness';

// Password guessing is throttled per device (a browser that signed in before carries a signed device cookie) and,
// for everyone else, per username and address, with a generous limit per address (docs/api.md, "Session").
// The server trusts X-Forwarded-For here, so each client can stand for a different address.

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ seed: true, env: { ADDRESS_HEADER: 'x-forwarded-for' } });
});
afterAll(async () => {
	await server?.stop();
});

const from = (address: string) => new ApiClient(server.url, 'en', { 'x-forwarded-for': address });
const signIn = (client: ApiClient, username: string, password: string) => client.request('POST', '/api/v1/session', { username, password });

/** The sign-in form as a browser without JavaScript posts it. */
const formSignIn = (client: ApiClient, username: string, password: string) =>
	client.request('POST', '/login', undefined, {
		raw: new URLSearchParams({ username, password }).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url }
	});

describe('someone guessing the chair’s password', () => {
	it('locks out untrusted clients at that address, never the chair’s own tablet', async () => {
		const hall = '10.1.0.1';
		const chairTablet = from(hall);
		await chairTablet.login('chair');
		expect(chairTablet.jar.get('quorum_device')).toBeTruthy();
		expect((await chairTablet.request('DELETE', '/api/v1/session')).status).toBe(204);

		// Behind the same NAT as the chair: the worst case.
		const guesser = from(hall);
		const statuses: number[] = [];
		for (let i = 0; i < 8; i++) statuses.push((await signIn(guesser, 'chair', `doan-mo-${i}`)).status);
		expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
		expect(statuses.slice(5)).toEqual([429, 429, 429]);

		// Without the chair's device cookie, the right password waits too: this could be the guesser.
		const stranger = from(hall);
		const locked = await signIn(stranger, 'chair', DEMO_PASSWORD);
		expect(locked.status).toBe(429);
		expect(locked.body.error.code).toBe('too_many_attempts');
		const retryAfter = Number(locked.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(locked.body.error.retryAfterSeconds).toBe(retryAfter);
		expect(stranger.cookie).toBe('');

		// The chair's tablet signed in before: it is judged on its own record and gets in, by API and by form.
		const again = await signIn(chairTablet, 'chair', DEMO_PASSWORD);
		expect(again.status).toBe(200);
		expect((await chairTablet.request('DELETE', '/api/v1/session')).status).toBe(204);
		const form = await formSignIn(chairTablet, 'chair', DEMO_PASSWORD);
		expect(form.status).toBe(303);
		expect(form.headers.get('location')).toBe('/meetings');
		expect((await chairTablet.request('GET', '/api/v1/session')).body.user.username).toBe('chair');

		// Elsewhere (the chair's office), a new browser is not caught by a lock placed from the hall.
		expect((await signIn(from('10.9.0.9'), 'chair', DEMO_PASSWORD)).status).toBe(200);
	});

	it('a device cookie of another user, or a forged one, earns no trust', async () => {
		const address = '10.2.0.1';
		const secretaryTablet = from(address);
		await secretaryTablet.login('secretary');
		const secretaryDevice = secretaryTablet.jar.get('quorum_device')!;
		for (let i = 0; i < 5; i++) expect((await signIn(from(address), 'delegate1', `sai-${i}`)).status).toBe(401);

		// The secretary's device cookie says nothing about delegate1.
		const borrowed = from(address);
		borrowed.jar.set('quorum_device', secretaryDevice);
		expect((await signIn(borrowed, 'delegate1', DEMO_PASSWORD)).status).toBe(429);

		// Nor does a cookie whose username was swapped for delegate1's.
		const [, ...rest] = secretaryDevice.split('.');
		const forged = from(address);
		forged.jar.set('quorum_device', [Buffer.from('delegate1').toString('base64url'), ...rest].join('.'));
		expect((await signIn(forged, 'delegate1', DEMO_PASSWORD)).status).toBe(429);
	});

	it('does not keep the chair from signing the minutes on their tablet; the signature is throttled like sign-in', async () => {
		const hall = '10.4.0.1';
		const chairTablet = from(hall);
		await chairTablet.login('chair');
		const meetingId = await demoMeetingId(server.url);
		const secretary = from('10.4.0.2');
		await secretary.login('secretary');
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes`)).status).toBe(201);
		const submitted = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/submit`);
		expect(submitted.status).toBe(200);
		const contentHash: string = submitted.body.contentHash;
		// The meeting's secretary signs first: what is throttled here is the chair's approval after it.
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/sign`, { password: DEMO_PASSWORD, contentHash })).status).toBe(200);

		// The chair's laptop signed in at the office, then came to the hall without a device cookie.
		const laptop = from('10.4.0.3');
		await laptop.login('chair');
		laptop.jar.delete('quorum_device');
		laptop.headers['x-forwarded-for'] = hall;
		for (let i = 0; i < 5; i++) expect((await signIn(from(hall), 'chair', `doan-${i}`)).status).toBe(401);
		const approve = (client: ApiClient, password: string) => client.request('POST', `/api/v1/meetings/${meetingId}/minutes/approve`, { password, contentHash });
		const held = await approve(laptop, DEMO_PASSWORD);
		expect(held.status).toBe(429);
		expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);

		const signed = await approve(chairTablet, DEMO_PASSWORD);
		expect(signed.status).toBe(200);
		expect(signed.body.state).toBe('approved');
	});
});

describe('one address, many people', () => {
	it('sixty mistyped sign-ins in a hall do not stop anyone else there', async () => {
		const hall = '10.3.0.1';
		// Thirty names, each mistyped twice (real accounts and misspelt usernames alike): sixty failures.
		const names = ['delegate2', 'delegate3', 'observer', 'outsider'];
		for (let i = 0; names.length < 30; i++) names.push(`dai-bieu-${i}`);
		let failures = 0;
		for (const name of names) {
			for (const typo of ['quorum-dem0', 'Quorum-demo']) {
				expect((await signIn(from(hall), name, typo)).status).toBe(401);
				failures += 1;
			}
		}
		expect(failures).toBe(60);
		// Someone who mistyped signs in with the right password; so does someone who did not.
		expect((await signIn(from(hall), 'delegate2', DEMO_PASSWORD)).status).toBe(200);
		expect((await signIn(from(hall), 'delegate4', DEMO_PASSWORD)).status).toBe(200);
		expect((await formSignIn(from(hall), 'delegate5', DEMO_PASSWORD)).status).toBe(303);
	});
});
