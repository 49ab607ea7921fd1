import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loggedIn, startServer, type TestServer } from './harness';

// One data directory lives through two server processes: what the first wrote, the second must serve.
let first: TestServer;
let second: TestServer | undefined;
let secretary: ApiClient;
let meetingId: string;
let firstExit: number | null;

beforeAll(async () => {
	first = await startServer({ seed: true });
	secretary = await loggedIn(first.url, 'secretary');
	const created = await secretary.request('POST', '/api/v1/meetings', { title: 'Họp sau khởi động lại', startsAt: '2027-05-01T08:00:00+07:00' });
	meetingId = created.body.id;
	await secretary.request('POST', `/api/v1/meetings/${meetingId}/agenda`, { title: 'Mục duy nhất' });

	// Leave a trail in the audit log: a failed sign-in, a sign-in and a sign-out.
	await new ApiClient(first.url).request('POST', '/api/v1/session', { username: 'chair', password: 'not-the-password' });
	const chair = await loggedIn(first.url, 'chair');
	await chair.request('DELETE', '/api/v1/session');

	firstExit = await first.stop('SIGTERM');
});
afterAll(async () => {
	await first?.stop();
	await second?.stop();
});

describe('shutdown and restart', () => {
	it('SIGTERM shuts down gracefully with exit code 0', () => {
		expect(firstExit).toBe(0);
		expect(first.output()).toMatch(/SIGTERM received/);
		expect(first.output()).toMatch(/Quorum stopped/);
	});

	it('a new process on the same data directory serves the same data, and the old cookie still works', async () => {
		second = await startServer({ dataDir: first.dataDir });
		const client = new ApiClient(second.url);
		client.cookie = secretary.cookie;
		const me = await client.request('GET', '/api/v1/session');
		expect(me.status).toBe(200);
		expect(me.body.user.username).toBe('secretary');
		const meeting = await client.request('GET', `/api/v1/meetings/${meetingId}`);
		expect(meeting.status).toBe(200);
		expect(meeting.body).toMatchObject({ title: 'Họp sau khởi động lại', startsAt: '2027-05-01T01:00:00.000Z' });
		expect(meeting.body.agenda.map((i: { title: string }) => i.title)).toEqual(['Mục duy nhất']);
		const list = await client.request('GET', '/api/v1/meetings');
		expect(list.body.meetings.map((m: { title: string }) => m.title)).toEqual(expect.arrayContaining(['Họp sau khởi động lại', expect.stringMatching(/^Phiên họp thường kỳ/)]));
		expect(await second.stop('SIGTERM')).toBe(0);
	});
});

describe('the audit log (read after the server stopped)', () => {
	let db: Database.Database;
	beforeAll(() => {
		db = new Database(path.join(first.dataDir, 'quorum.db'));
	});
	afterAll(() => db?.close());

	it('holds the sign-in, the failed sign-in and the sign-out', () => {
		const actions = (db.prepare('select action from audit_log order by id').all() as { action: string }[]).map((r) => r.action);
		expect(actions).toEqual(expect.arrayContaining(['auth.sign_in', 'auth.sign_in_failed', 'auth.sign_out', 'meeting.create', 'agenda.add']));
		const failed = db.prepare("select data from audit_log where action = 'auth.sign_in_failed'").get() as { data: string };
		expect(JSON.parse(failed.data)).toMatchObject({ username: 'chair', reason: 'wrong_password' });
		expect(JSON.stringify(db.prepare('select * from audit_log').all())).not.toContain('not-the-password');
	});

	it('refuses UPDATE and DELETE', () => {
		expect(() => db.prepare("update audit_log set action = 'tampered'").run()).toThrow(/append-only/);
		expect(() => db.prepare('delete from audit_log').run()).toThrow(/append-only/);
		expect(db.prepare("select count(*) as n from audit_log where action = 'tampered'").get()).toEqual({ n: 0 });
	});
});
