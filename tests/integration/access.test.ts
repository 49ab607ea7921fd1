import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, demoMeetingId, loggedIn, startServer, type TestServer } from './harness';

// Who sees what of the seeded demo meeting. Nothing here writes, so one server serves every test.
let server: TestServer;
let meetingId: string;
let firstItemId: string;

beforeAll(async () => {
	server = await startServer({ seed: true });
	meetingId = await demoMeetingId(server.url);
	const chair = await loggedIn(server.url, 'chair');
	firstItemId = (await chair.request('GET', `/api/v1/meetings/${meetingId}/agenda`)).body.agenda[0].id;
});
afterAll(async () => {
	await server?.stop();
});

describe('an outsider (invited to nothing)', () => {
	let outsider: ApiClient;
	beforeAll(async () => {
		outsider = await loggedIn(server.url, 'outsider');
	});

	it('has an empty list of meetings', async () => {
		const res = await outsider.request('GET', '/api/v1/meetings');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ meetings: [] });
	});

	it('gets the same 404 for the demo meeting as for a meeting that does not exist', async () => {
		const real = await outsider.request('GET', `/api/v1/meetings/${meetingId}`);
		const fake = await outsider.request('GET', '/api/v1/meetings/doesnotexist0000');
		expect(real.status).toBe(404);
		expect(real.body).toEqual(fake.body);
		expect(real.body.error.code).toBe('not_found');
	});

	it('gets 404 on everything under the meeting, reading or writing', async () => {
		const base = `/api/v1/meetings/${meetingId}`;
		const attempts: [string, string, unknown?][] = [
			['GET', `${base}/participants`],
			['GET', `${base}/agenda`],
			['PATCH', base, { title: 'Hijacked' }],
			['POST', `${base}/agenda`, { title: 'Sneaked in' }],
			['PATCH', `${base}/agenda/${firstItemId}`, { title: 'Renamed' }],
			['DELETE', `${base}/agenda/${firstItemId}`],
			['POST', `${base}/agenda/${firstItemId}/move`, { parentId: null, position: 3 }],
			['POST', `${base}/participants`, { userId: 'x', role: 'delegate' }],
			['DELETE', `${base}/participants/someone`]
		];
		for (const [method, path, body] of attempts) {
			const res = await outsider.request(method, path, body);
			expect({ method, path, status: res.status, code: res.body?.error?.code }).toEqual({ method, path, status: 404, code: 'not_found' });
		}
	});
});

describe('a delegate of the demo meeting', () => {
	let delegate: ApiClient;
	beforeAll(async () => {
		delegate = await loggedIn(server.url, 'delegate1');
	});

	it('sees the meeting in its list, with its own role', async () => {
		const res = await delegate.request('GET', '/api/v1/meetings');
		expect(res.status).toBe(200);
		// The upcoming meeting and the past, archived one of the demo.
		expect(res.body.meetings).toHaveLength(2);
		expect(res.body.meetings.find((m: { id: string }) => m.id === meetingId)).toMatchObject({ id: meetingId, myRole: 'delegate', status: 'scheduled', agendaCount: 9 });
	});

	it('reads the whole meeting: people, numbered agenda, its role and abilities', async () => {
		const res = await delegate.request('GET', `/api/v1/meetings/${meetingId}`);
		expect(res.status).toBe(200);
		const m = res.body;
		expect(m.id).toBe(meetingId);
		expect(m.title).toMatch(/^Phiên họp thường kỳ/);
		expect(new Date(m.startsAt).toISOString()).toBe(m.startsAt);
		expect(m.myRole).toBe('delegate');
		expect(m.can).toMatchObject({ view: true, vote: true, annotate_shared: true, edit: false, manage_participants: false, run_votes: false, approve_minutes: false });
		expect(m.participants).toHaveLength(7);
		expect(m.participants.find((p: { username: string }) => p.username === 'observer')).toMatchObject({ role: 'observer', canVote: false });
		expect(JSON.stringify(m)).not.toMatch(/password/i);
		expect(m.agenda.map((i: { number: string }) => i.number)).toEqual(['1', '2', '3', '4', '5']);
		expect(m.agenda[1].children.map((i: { number: string }) => i.number)).toEqual(['2.1', '2.2']);
	});

	it('may not create meetings or users (403)', async () => {
		const meeting = await delegate.request('POST', '/api/v1/meetings', { title: 'Mine', startsAt: Date.now() + 86_400_000 });
		expect(meeting.status).toBe(403);
		expect(meeting.body.error.code).toBe('forbidden');
		const user = await delegate.request('POST', '/api/v1/users', { username: 'newbie', displayName: 'New', password: 'long-enough-pw', role: 'admin' });
		expect(user.status).toBe(403);
		expect(user.body.error.code).toBe('forbidden');
	});

	it('may not edit the agenda, the meeting or its participants (403, since it can see them)', async () => {
		const base = `/api/v1/meetings/${meetingId}`;
		const attempts: [string, string, unknown?][] = [
			['POST', `${base}/agenda`, { title: 'Any other business' }],
			['PATCH', `${base}/agenda/${firstItemId}`, { title: 'Renamed' }],
			['DELETE', `${base}/agenda/${firstItemId}`],
			['POST', `${base}/agenda/${firstItemId}/move`, { parentId: null, position: 4 }],
			['PATCH', base, { status: 'closed' }],
			['POST', `${base}/participants`, { userId: 'x', role: 'delegate' }]
		];
		for (const [method, path, body] of attempts) {
			const res = await delegate.request(method, path, body);
			expect({ method, path, status: res.status, code: res.body?.error?.code }).toEqual({ method, path, status: 403, code: 'forbidden' });
		}
		const after = await delegate.request('GET', `${base}/agenda`);
		expect(after.body.agenda[0].id).toBe(firstItemId);
	});

	it('may not list accounts, but may read its own', async () => {
		expect((await delegate.request('GET', '/api/v1/users')).status).toBe(403);
		const me = (await delegate.request('GET', '/api/v1/session')).body.user;
		const own = await delegate.request('GET', `/api/v1/users/${me.id}`);
		expect(own.status).toBe(200);
		expect(own.body).toEqual({ id: me.id, username: 'delegate1', displayName: me.displayName, role: 'member', active: true, email: null });
	});
});

describe('the observer and the chair', () => {
	it('the observer reads but never votes', async () => {
		const observer = await loggedIn(server.url, 'observer');
		const m = (await observer.request('GET', `/api/v1/meetings/${meetingId}`)).body;
		expect(m.myRole).toBe('observer');
		expect(m.can).toMatchObject({ view: true, vote: false, annotate_shared: false });
	});

	it('the chair runs votes and approves minutes but does not edit the agenda', async () => {
		const chair = await loggedIn(server.url, 'chair');
		const m = (await chair.request('GET', `/api/v1/meetings/${meetingId}`)).body;
		expect(m.can).toMatchObject({ run_votes: true, approve_minutes: true, vote: true, edit: false });
	});
});

describe('without a session', () => {
	it('every route answers 401 unauthenticated', async () => {
		const anonymous = new ApiClient(server.url);
		for (const path of ['/api/v1/meetings', `/api/v1/meetings/${meetingId}`, `/api/v1/meetings/${meetingId}/agenda`, '/api/v1/users']) {
			const res = await anonymous.request('GET', path);
			expect({ path, status: res.status, code: res.body?.error?.code }).toEqual({ path, status: 401, code: 'unauthenticated' });
		}
	});

	it('unknown methods get 405 from SvelteKit', async () => {
		const chair = await loggedIn(server.url, 'chair');
		const res = await chair.request('PUT', `/api/v1/meetings/${meetingId}`, {});
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toContain('PATCH');
	});

	it('an unknown API path is a JSON 404, not the HTML error page', async () => {
		for (const method of ['GET', 'POST', 'DELETE']) {
			const res = await new ApiClient(server.url).request(method, '/api/v1/no/such/thing');
			expect({ method, status: res.status, code: res.body?.error?.code }).toEqual({ method, status: 404, code: 'not_found' });
			expect(res.headers.get('content-type')).toMatch(/application\/json/);
		}
	});
});
