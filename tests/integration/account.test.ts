import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loggedIn, startServer, type TestServer } from './harness';

// Changing one's own password: POST /api/v1/account/password and the /account page's form, both behind the
// same guessing throttle as sign-in (docs/api.md, "Session" and "Account").

let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
	server = await startServer({ seed: true, env: { ADDRESS_HEADER: 'x-forwarded-for' } });
	admin = await loggedIn(server.url, 'admin');
});
afterAll(async () => {
	await server?.stop();
});

let serial = 0;
/** A fresh account signed in from its own address: the demo accounts keep their password. */
async function newMember() {
	serial += 1;
	const account = { username: `can-bo-${serial}`, displayName: `Cán bộ ${serial}`, password: `mat-khau-cu-${serial}`, role: 'member' };
	const created = await admin.request('POST', '/api/v1/users', account);
	if (created.status !== 201) throw new Error(`create user: ${created.status} ${JSON.stringify(created.body)}`);
	const address = `10.50.0.${serial}`;
	const client = new ApiClient(server.url, 'en', { 'x-forwarded-for': address });
	await client.login(account.username, account.password);
	return { ...account, address, client };
}

const change = (client: ApiClient, currentPassword: string, newPassword: string) =>
	client.request('POST', '/api/v1/account/password', { currentPassword, newPassword });

/** The /account form as `use:enhance` posts it. */
const changeByForm = (client: ApiClient, currentPassword: string, newPassword: string) =>
	client.request<{ type: string; status: number; data: string }>('POST', '/account?/changePassword', undefined, {
		raw: new URLSearchParams({ currentPassword, newPassword, confirmPassword: newPassword }).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'x-sveltekit-action': 'true' }
	});

describe('POST /api/v1/account/password', () => {
	it('changes the password: 204, the new one works, the old one no longer does, this session stays', async () => {
		const member = await newMember();
		const res = await change(member.client, member.password, 'mat-khau-moi-dai');
		expect(res.status).toBe(204);
		expect(res.body).toBeNull();
		expect((await member.client.request('GET', '/api/v1/session')).status).toBe(200);
		const fresh = () => new ApiClient(server.url, 'en', { 'x-forwarded-for': member.address });
		expect((await fresh().request('POST', '/api/v1/session', { username: member.username, password: member.password })).status).toBe(401);
		expect((await fresh().request('POST', '/api/v1/session', { username: member.username, password: 'mat-khau-moi-dai' })).status).toBe(200);
	});

	it('refuses a wrong current password with 403 wrong_password, in the caller’s language', async () => {
		const member = await newMember();
		const res = await change(member.client, 'khong-phai', 'mat-khau-moi-dai');
		expect(res.status).toBe(403);
		expect(res.body.error).toMatchObject({ code: 'wrong_password', message: 'The password is not correct.' });
		const vi = await member.client.request('POST', '/api/v1/account/password', { currentPassword: 'khong-phai', newPassword: 'mat-khau-moi-dai' }, { headers: { 'accept-language': 'vi' } });
		expect(vi.body.error.message).toBe('Mật khẩu không đúng.');
	});

	it('validates the input and needs a session', async () => {
		const member = await newMember();
		const short = await change(member.client, member.password, 'ngan');
		expect(short.status).toBe(400);
		expect(short.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['newPassword']);
		const anonymous = await new ApiClient(server.url, 'en', { 'x-forwarded-for': '10.60.0.1' }).request('POST', '/api/v1/account/password', {
			currentPassword: 'x',
			newPassword: 'mat-khau-moi-dai'
		});
		expect(anonymous.status).toBe(401);
	});

	it('stops guessing with 429 too_many_attempts and Retry-After; the right password waits too', async () => {
		const member = await newMember();
		const statuses: number[] = [];
		for (let i = 0; i < 20 && statuses.at(-1) !== 429; i++) statuses.push((await change(member.client, `doan-${i}`, 'mat-khau-moi-dai')).status);
		// This browser signed in, so it has its device's allowance (10) and then that of its address (5).
		expect(statuses).toEqual([...Array<number>(15).fill(403), 429]);
		const locked = await change(member.client, member.password, 'mat-khau-moi-dai');
		expect(locked.status).toBe(429);
		expect(locked.body.error.code).toBe('too_many_attempts');
		const retryAfter = Number(locked.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(locked.body.error.retryAfterSeconds).toBe(retryAfter);
	});
});

describe('the /account form', () => {
	it('changes the password and says which field is wrong', async () => {
		const member = await newMember();
		const wrong = await changeByForm(member.client, 'khong-phai', 'mat-khau-moi-dai');
		expect(wrong.body).toMatchObject({ type: 'failure', status: 403 });
		expect(wrong.body.data).toContain('The current password is wrong.');
		expect((await changeByForm(member.client, member.password, 'mat-khau-moi-dai')).body).toMatchObject({ type: 'success' });
	});

	it('is throttled like sign-in, and shares the count with the API', async () => {
		const member = await newMember();
		// Without its device cookie the browser is a stranger: its address's allowance only.
		member.client.jar.delete('quorum_device');
		const statuses: number[] = [];
		for (let i = 0; i < 10 && statuses.at(-1) !== 429; i++) statuses.push((await changeByForm(member.client, `doan-${i}`, 'mat-khau-moi-dai')).body.status);
		expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
		const locked = await changeByForm(member.client, member.password, 'mat-khau-moi-dai');
		expect(locked.body).toMatchObject({ type: 'failure', status: 429 });
		expect(locked.body.data).toContain('too_many_attempts');
		expect((await change(member.client, member.password, 'mat-khau-moi-dai')).status).toBe(429);
		// Sign-in from that address is held back too: one count for every check of this password.
		const stranger = new ApiClient(server.url, 'en', { 'x-forwarded-for': member.address });
		expect((await stranger.request('POST', '/api/v1/session', { username: member.username, password: member.password })).status).toBe(429);
	});
});
