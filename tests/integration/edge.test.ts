import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, seedDemo, startServer, tempDataDir, type TestServer } from './harness';
import { insertVoteFixture, type VoteFixture } from './votes-fixtures';

// The edge every request crosses before a route: the ballot fast path on node:http and SvelteKit's routes must
// refuse the same forged requests and answer them alike (Origin, content type, error body, client address).

interface Running {
	server: TestServer;
	fx: VoteFixture;
	/** One vote at a time per meeting: the motion the last test opened, closed before the next opens. */
	open?: string;
}

async function start(env: Record<string, string> = {}): Promise<Running> {
	const dataDir = tempDataDir();
	await seedDemo(dataDir);
	const fx = insertVoteFixture(dataDir, 8);
	const server = await startServer({ dataDir, env });
	return { server, fx };
}

function as(run: Running, username: string, language = 'en'): ApiClient {
	const c = new ApiClient(run.server.url, language);
	c.cookie = run.fx.people.get(username)!.cookie;
	return c;
}
function delegate(run: Running, i: number, language = 'en'): ApiClient {
	const c = new ApiClient(run.server.url, language);
	c.cookie = run.fx.delegates[i]!.cookie;
	return c;
}

async function openMotion(run: Running): Promise<string> {
	const chair = as(run, 'v-chair');
	if (run.open) await chair.request('POST', `/api/v1/motions/${run.open}/close`);
	const res = await chair.request<{ id: string }>('POST', `/api/v1/meetings/${run.fx.meetingId}/motions`, {
		agendaItemId: run.fx.itemId,
		title: 'Thông qua Nghị quyết',
		ballot: 'open',
		majority: 'simple'
	});
	expect(res.status).toBe(201);
	expect((await chair.request('POST', `/api/v1/motions/${res.body.id}/open`)).status).toBe(200);
	run.open = res.body.id;
	return res.body.id;
}

function readDb<T>(run: Running, query: (db: Database.Database) => T): T {
	const db = new Database(path.join(run.server.dataDir, 'quorum.db'), { readonly: true });
	try {
		return query(db);
	} finally {
		db.close();
	}
}

const ballotsOf = (run: Running, motionId: string, voterId: string) =>
	readDb(run, (db) => (db.prepare('select count(*) as n from open_ballots where motion_id = ? and voter_id = ?').get(motionId, voterId) as { n: number }).n);

const attendanceOf = (run: Running, userId: string) =>
	readDb(run, (db) => (db.prepare('select status from attendance where meeting_id = ? and user_id = ?').get(run.fx.meetingId, userId) as { status: string } | undefined)?.status ?? null);

const EVIL = 'http://evil.example';
const SNEAKY = 'text/plain; x=application/json';

describe('the edge, on the production server', () => {
	let run: Running;
	beforeAll(async () => {
		run = await start();
	});
	afterAll(async () => {
		await run?.server.stop();
	});

	it('refuses a ballot from a foreign Origin with 403, and records nothing', async () => {
		const motionId = await openMotion(run);
		const voter = delegate(run, 0);
		const res = await voter.request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' }, { headers: { origin: EVIL } });
		expect([res.status, res.body?.error?.code]).toEqual([403, 'cross_site_request']);
		expect(ballotsOf(run, motionId, run.fx.delegates[0]!.id)).toBe(0);
	});

	it('refuses a ballot whose Content-Type only mentions application/json, with or without Origin', async () => {
		const motionId = await openMotion(run);
		const voter = delegate(run, 1);
		const body = JSON.stringify({ choice: 'yes' });
		// What `fetch(…, {mode: 'no-cors', credentials: 'include'})` from another port of the same box can send.
		const forged = await voter.request('POST', `/api/v1/motions/${motionId}/ballots`, undefined, { raw: body, headers: { 'content-type': SNEAKY } });
		expect([400, 415]).toContain(forged.status);
		const sameOrigin = await voter.request('POST', `/api/v1/motions/${motionId}/ballots`, undefined, { raw: body, headers: { 'content-type': SNEAKY, origin: run.server.url } });
		expect([sameOrigin.status, sameOrigin.body?.error?.code]).toEqual([400, 'invalid_json']);
		expect(ballotsOf(run, motionId, run.fx.delegates[1]!.id)).toBe(0);
	});

	it('accepts a ballot from its own Origin with application/json; charset=utf-8 (type and parameters in any case)', async () => {
		const motionId = await openMotion(run);
		const voter = delegate(run, 2);
		const res = await voter.request('POST', `/api/v1/motions/${motionId}/ballots`, undefined, {
			raw: JSON.stringify({ choice: 'yes' }),
			headers: { 'content-type': 'Application/JSON ; Charset=UTF-8', origin: run.server.url }
		});
		expect(res.status).toBe(201);
		expect(ballotsOf(run, motionId, run.fx.delegates[2]!.id)).toBe(1);
	});

	it('applies the same rules to an ordinary SvelteKit JSON route (check-in)', async () => {
		const absent = as(run, 'v-absent');
		const absentId = run.fx.people.get('v-absent')!.id;
		const url = `/api/v1/meetings/${run.fx.meetingId}/attendance`;
		const before = attendanceOf(run, absentId);
		const foreign = await absent.request('POST', url, { status: 'present' }, { headers: { origin: EVIL } });
		expect([foreign.status, foreign.body?.error?.code]).toEqual([403, 'cross_site_request']);
		const sneaky = await absent.request('POST', url, undefined, { raw: JSON.stringify({ status: 'present' }), headers: { 'content-type': SNEAKY, origin: run.server.url } });
		expect([sneaky.status, sneaky.body?.error?.code]).toEqual([400, 'invalid_json']);
		const noOrigin = await absent.request('POST', url, undefined, { raw: JSON.stringify({ status: 'present' }), headers: { 'content-type': SNEAKY } });
		expect([400, 415]).toContain(noOrigin.status);
		expect(attendanceOf(run, absentId)).toBe(before);
		// Scripts send no Origin: plain JSON still works.
		expect((await absent.request('POST', url, { status: 'present' })).status).toBe(200);
		expect(attendanceOf(run, absentId)).toBe('present');
		expect((await absent.request('POST', url, { status: 'absent' })).status).toBe(200);
	});

	it('refuses a body-less state change from a foreign Origin (closing a vote)', async () => {
		const motionId = await openMotion(run);
		const chair = as(run, 'v-chair');
		const forged = await chair.request('POST', `/api/v1/motions/${motionId}/close`, undefined, { headers: { origin: EVIL } });
		expect([forged.status, forged.body?.error?.code]).toEqual([403, 'cross_site_request']);
		expect((await chair.request('GET', `/api/v1/motions/${motionId}`)).body.state).toBe('open');
		expect((await chair.request('POST', `/api/v1/motions/${motionId}/close`, undefined, { headers: { origin: run.server.url } })).status).toBe(200);
	});

	it('refuses a forged sign-out form (pages keep the rule SvelteKit’s own check gave them)', async () => {
		const chair = as(run, 'v-chair');
		const post = (headers: Record<string, string>) =>
			fetch(`${run.server.url}/logout`, {
				method: 'POST',
				headers: { cookie: chair.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
				body: '',
				redirect: 'manual'
			});
		expect((await post({ origin: EVIL })).status).toBe(403);
		expect((await post({})).status).toBe(403);
		expect((await chair.request('GET', '/api/v1/session')).status).toBe(200);
	});

	it('words a refusal identically on both doors, in the caller’s language', async () => {
		const motionId = await openMotion(run);
		const fromBallot = await delegate(run, 3, 'vi').request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' }, { headers: { origin: EVIL } });
		const fromRoute = await as(run, 'v-absent', 'vi').request('POST', `/api/v1/meetings/${run.fx.meetingId}/attendance`, { status: 'present' }, { headers: { origin: EVIL } });
		expect(fromBallot.body).toEqual(fromRoute.body);
		expect(fromBallot.headers.get('content-type')).toBe(fromRoute.headers.get('content-type'));
		expect(fromBallot.body.error.message).not.toBe((await delegate(run, 3, 'en').request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' }, { headers: { origin: EVIL } })).body.error.message);
	});

	it('still answers /healthz', async () => {
		const res = await fetch(`${run.server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
	});
});

describe('the client address behind a proxy (ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1)', () => {
	let run: Running;
	beforeAll(async () => {
		run = await start({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
	});
	afterAll(async () => {
		await run?.server.stop();
	});

	const auditIp = (action: string, actorId: string) =>
		readDb(run, (db) => (db.prepare('select ip from audit_log where action = ? and actor_id = ? order by id desc limit 1').get(action, actorId) as { ip: string | null } | undefined)?.ip);

	it('is the one SvelteKit’s routes see: the last hop, or none when the proxy header is missing', async () => {
		const motionId = await openMotion(run);
		const hops = { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' };
		const absent = as(run, 'v-absent');
		const absentId = run.fx.people.get('v-absent')!.id;
		const attendance = `/api/v1/meetings/${run.fx.meetingId}/attendance`;

		expect((await delegate(run, 4).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' }, { headers: hops })).status).toBe(201);
		expect((await absent.request('POST', attendance, { status: 'present' }, { headers: hops })).status).toBe(200);
		expect(auditIp('ballot.cast', run.fx.delegates[4]!.id)).toBe('198.51.100.7');
		expect(auditIp('attendance.self', absentId)).toBe('198.51.100.7');

		// No X-Forwarded-For although the proxy should always add one: neither door invents an address.
		expect((await delegate(run, 5).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' })).status).toBe(201);
		expect((await absent.request('POST', attendance, { status: 'absent' })).status).toBe(200);
		expect(auditIp('ballot.cast', run.fx.delegates[5]!.id)).toBe(auditIp('attendance.self', absentId));
	});
});
