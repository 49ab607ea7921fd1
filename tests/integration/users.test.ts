import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loggedIn, startServer, userIds, type TestServer } from './harness';

let server: TestServer;
let admin: ApiClient;

/** The sessions row id for a client's cookie: the server stores only the SHA-256 of the token. */
function sessionId(client: ApiClient): string {
	const token = client.cookie.split('=')[1]!;
	return createHash('sha256').update(token).digest('hex');
}

/** A second connection to the live database, as an operator with sqlite3 would have (WAL allows it). */
function withDatabase<T>(work: (db: Database.Database) => T): T {
	const db = new Database(path.join(server.dataDir, 'quorum.db'));
	try {
		db.pragma('busy_timeout = 5000');
		return work(db);
	} finally {
		db.close();
	}
}

let serial = 0;
async function newAccount(overrides: Record<string, unknown> = {}) {
	serial += 1;
	const input = { username: `clerk${serial}`, displayName: `Cán bộ ${serial}`, password: `mat-khau-${serial}-dai`, role: 'member', ...overrides };
	const res = await admin.request('POST', '/api/v1/users', input);
	if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
	return { ...input, id: res.body.id as string };
}

async function signIn(username: string, password: string) {
	const client = new ApiClient(server.url);
	const res = await client.request('POST', '/api/v1/session', { username, password });
	return { client, res };
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	admin = await loggedIn(server.url, 'admin');
});
afterAll(async () => {
	await server?.stop();
});

describe('creating accounts', () => {
	it('the administrator creates one: 201, id first, username lower-cased, no password hash anywhere', async () => {
		const res = await admin.request('POST', '/api/v1/users', { username: 'Thu.Ky-2', displayName: 'Thư ký hai', password: 'mat-khau-dai-du', role: 'secretary' });
		expect(res.status).toBe(201);
		expect(Object.keys(res.body)[0]).toBe('id');
		expect(res.body).toEqual({ id: expect.any(String), username: 'thu.ky-2', displayName: 'Thư ký hai', role: 'secretary', active: true, email: null });
		const list = await admin.request('GET', '/api/v1/users');
		expect(list.body.users.find((u: { id: string }) => u.id === res.body.id)).toEqual(res.body);
		expect(JSON.stringify(list.body)).not.toMatch(/password|argon/i);
		expect((await admin.request('GET', `/api/v1/users/${res.body.id}`)).body).toEqual(res.body);
	});

	it('the new user can sign in at once', async () => {
		const account = await newAccount();
		const { client, res } = await signIn(account.username.toUpperCase(), account.password);
		expect(res.status).toBe(200);
		expect(res.body.user).toEqual({ id: account.id, username: account.username, displayName: account.displayName, role: 'member' });
		expect((await client.request('GET', '/api/v1/meetings')).body).toEqual({ meetings: [] });
	});

	it('refuses a taken username, whatever its case (409)', async () => {
		const res = await admin.request('POST', '/api/v1/users', { username: 'DELEGATE1', displayName: 'Copy', password: 'mat-khau-dai-du', role: 'member' });
		expect(res.status).toBe(409);
		expect(res.body.error.code).toBe('username_taken');
	});

	it('names every bad field', async () => {
		const res = await admin.request('POST', '/api/v1/users', { username: 'a b', displayName: '', password: 'short', role: 'root' });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('validation_failed');
		expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['displayName', 'password', 'role', 'username']);
	});

	it('only the administrator manages accounts: the secretariat lists them but gets 403 on changes', async () => {
		const secretary = await loggedIn(server.url, 'secretary');
		expect((await secretary.request('GET', '/api/v1/users')).status).toBe(200);
		const create = await secretary.request('POST', '/api/v1/users', { username: 'sneaky', displayName: 'S', password: 'mat-khau-dai-du', role: 'admin' });
		expect(create.status).toBe(403);
		const ids = await userIds(secretary);
		const promote = await secretary.request('PATCH', `/api/v1/users/${ids.get('secretary')}`, { role: 'admin' });
		expect(promote.status).toBe(403);
		expect((await admin.request('GET', '/api/v1/users/nosuchuser')).status).toBe(404);
	});
});

describe('changing accounts', () => {
	it('renames and changes a role', async () => {
		const account = await newAccount();
		const res = await admin.request('PATCH', `/api/v1/users/${account.id}`, { displayName: 'Tên mới', role: 'secretary' });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ id: account.id, username: account.username, displayName: 'Tên mới', role: 'secretary', active: true, email: null });
	});

	it('deactivating ends the user’s sessions (401 session_expired) and sign-in is refused', async () => {
		const account = await newAccount();
		const { client } = await signIn(account.username, account.password);
		const res = await admin.request('PATCH', `/api/v1/users/${account.id}`, { active: false });
		expect(res.status).toBe(200);
		expect(res.body.active).toBe(false);
		const after = await client.request('GET', '/api/v1/meetings');
		expect(after.status).toBe(401);
		expect(after.body.error.code).toBe('session_expired');
		const again = await signIn(account.username, account.password);
		expect(again.res.status).toBe(401);
		expect(again.res.body.error.code).toBe('invalid_credentials');
		// Reactivated, the same password works again.
		await admin.request('PATCH', `/api/v1/users/${account.id}`, { active: true });
		expect((await signIn(account.username, account.password)).res.status).toBe(200);
	});

	it('a password reset ends every existing session; only the new password works', async () => {
		const account = await newAccount();
		const tablet = (await signIn(account.username, account.password)).client;
		const laptop = (await signIn(account.username, account.password)).client;
		const res = await admin.request('PATCH', `/api/v1/users/${account.id}`, { password: 'mat-khau-moi-hoan-toan' });
		expect(res.status).toBe(200);
		expect(JSON.stringify(res.body)).not.toMatch(/password/i);
		for (const client of [tablet, laptop]) {
			const after = await client.request('GET', '/api/v1/session');
			expect(after.status).toBe(401);
			expect(after.body.error.code).toBe('session_expired');
		}
		expect((await signIn(account.username, account.password)).res.status).toBe(401);
		expect((await signIn(account.username, 'mat-khau-moi-hoan-toan')).res.status).toBe(200);
	});

	it('the administrator cannot lock themselves out', async () => {
		const me = (await admin.request('GET', '/api/v1/session')).body.user;
		for (const change of [{ active: false }, { role: 'member' }]) {
			const res = await admin.request('PATCH', `/api/v1/users/${me.id}`, change);
			expect(res.status).toBe(409);
			expect(res.body.error.code).toBe('conflict');
		}
		expect((await admin.request('GET', '/api/v1/session')).status).toBe(200);
	});
});

describe('session expiry', () => {
	it('a session past its expiry is refused with session_expired and removed', async () => {
		const client = await loggedIn(server.url, 'delegate4');
		expect((await client.request('GET', '/api/v1/session')).status).toBe(200);
		const id = sessionId(client);
		const changed = withDatabase((db) => db.prepare('update sessions set expires_at = ? where id = ?').run(Date.now() - 1000, id).changes);
		expect(changed).toBe(1);
		const res = await client.request('GET', '/api/v1/meetings');
		expect(res.status).toBe(401);
		expect(res.body.error.code).toBe('session_expired');
		// The browser is told to forget the cookie, and the row is gone.
		expect(res.headers.get('set-cookie')).toMatch(/^quorum_session=;/);
		expect(withDatabase((db) => db.prepare('select count(*) as n from sessions where id = ?').get(id))).toEqual({ n: 0 });
	});

	it('the absolute limit holds even for a session still in use', async () => {
		const client = await loggedIn(server.url, 'delegate5');
		withDatabase((db) => db.prepare('update sessions set absolute_expires_at = ? where id = ?').run(Date.now() - 1, sessionId(client)));
		expect((await client.request('GET', '/api/v1/session')).body.error.code).toBe('session_expired');
	});
});
