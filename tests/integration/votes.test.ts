import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState, type LiveState } from '../../src/lib/collab/live-state';
import { connectPeer, eventually, synced, type Peer } from './collab-client';
import { ApiClient, seedDemo, startServer, tempDataDir, type TestServer } from './harness';
import { insertVoteFixture, type VoteFixture } from './votes-fixtures';

// The whole voting path on the real production server: 500 delegates (inserted with their sessions before the
// server starts), concurrent ballots, a race with the close, the secret ballot's storage, kill -9.
const DELEGATES = 500;

let server: TestServer;
let fx: VoteFixture;
const peers: Peer[] = [];

function client(username: string): ApiClient {
	const c = new ApiClient(server.url);
	c.cookie = fx.people.get(username)!.cookie;
	return c;
}
function clientOf(cookie: string): ApiClient {
	const c = new ApiClient(server.url);
	c.cookie = cookie;
	return c;
}

const live = (p: Peer): LiveState => readLiveState(p.doc.getMap('state'));

async function newMotion(body: Record<string, unknown> = {}, open = true): Promise<string> {
	const chair = client('v-chair');
	const res = await chair.request<{ id: string }>('POST', `/api/v1/meetings/${fx.meetingId}/motions`, {
		agendaItemId: fx.itemId,
		title: 'Thông qua Nghị quyết về cải cách hành chính',
		ballot: 'open',
		majority: 'simple',
		...body
	});
	expect(res.status).toBe(201);
	if (open) expect((await chair.request('POST', `/api/v1/motions/${res.body.id}/open`)).status).toBe(200);
	return res.body.id;
}

function dbFile(): Database.Database {
	return new Database(path.join(server.dataDir, 'quorum.db'), { readonly: true });
}

beforeAll(async () => {
	const dataDir = tempDataDir();
	await seedDemo(dataDir);
	fx = insertVoteFixture(dataDir, DELEGATES);
	server = await startServer({ dataDir });
});

afterAll(async () => {
	for (const p of peers.splice(0)) p.destroy();
	await server?.stop();
});

describe('attendance', () => {
	it('a member checks in and out, the secretariat corrects; the live room shows the quorum at once', async () => {
		const watcher = connectPeer(server.url, `meeting:${fx.meetingId}:live`, fx.people.get('v-observer')!.cookie);
		peers.push(watcher);
		await synced(watcher);
		const absent = client('v-absent');
		const res = await absent.request('POST', `/api/v1/meetings/${fx.meetingId}/attendance`, { status: 'present' });
		expect(res.status).toBe(200);
		// 502 voting members (chair, v-absent, 500 delegates): default quorum 252; 502 present now.
		expect(res.body.summary).toMatchObject({ memberCount: 502, presentVoters: 502, quorum: 252, quorumMet: true });
		await eventually(() => live(watcher).attendance?.presentVoters === 502, 5_000, 'live attendance after check-in');
		expect(live(watcher).attendance).toMatchObject({ memberCount: 502, quorum: 252, quorumMet: true });

		expect((await absent.request('POST', `/api/v1/meetings/${fx.meetingId}/attendance`, { status: 'absent' })).status).toBe(200);
		await eventually(() => live(watcher).attendance?.presentVoters === 501, 5_000, 'live attendance after check-out');
		// Members may not mark others, nor themselves excused; outsiders do not see the meeting.
		expect((await absent.request('POST', `/api/v1/meetings/${fx.meetingId}/attendance`, { status: 'present', userId: fx.delegates[0]!.id })).status).toBe(403);
		expect((await client('outsider').request('POST', `/api/v1/meetings/${fx.meetingId}/attendance`, { status: 'present' })).status).toBe(404);
		const staff = client('secretary');
		expect((await staff.request('POST', `/api/v1/meetings/${fx.meetingId}/attendance`, { status: 'excused', userId: fx.people.get('v-absent')!.id })).status).toBe(200);
		const list = await staff.request('GET', `/api/v1/meetings/${fx.meetingId}/attendance`);
		expect(list.body.participants.find((p: { userId: string }) => p.userId === fx.people.get('v-absent')!.id).status).toBe('excused');
		// A quorum set by the secretariat shows at once too.
		expect((await staff.request('PATCH', `/api/v1/meetings/${fx.meetingId}`, { quorum: 600 })).status).toBe(200);
		await eventually(() => live(watcher).attendance?.quorumMet === false, 5_000, 'live quorum after the setting changed');
		expect((await staff.request('PATCH', `/api/v1/meetings/${fx.meetingId}`, { quorum: null })).status).toBe(200);
		await eventually(() => live(watcher).attendance?.quorumMet === true, 5_000, 'default quorum again');
	});
});

describe('500 delegates vote at once', () => {
	it('records exactly 500 ballots from 500 distinct voters; a live-room client sees the count rise and the result appear', async () => {
		const watcher = connectPeer(server.url, `meeting:${fx.meetingId}:live`, fx.people.get('v-observer')!.cookie);
		peers.push(watcher);
		await synced(watcher);
		const motionId = await newMotion();
		await eventually(() => live(watcher).activeMotion?.id === motionId, 5_000, 'the open motion reaches the live room');
		const seen: number[] = [];
		watcher.doc.on('update', () => {
			const n = live(watcher).votes[motionId]?.votedCount;
			if (n !== undefined && n !== seen.at(-1)) seen.push(n);
		});

		const choices = ['yes', 'no', 'abstain'];
		const answers = await Promise.all(fx.delegates.map((d, i) => clientOf(d.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: choices[i % 3] })));
		expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
		// Each answer carries the count after its own ballot: together they are exactly 1..500.
		expect(answers.map((a) => a.body.votedCount as number).sort((a, b) => a - b)).toEqual(Array.from({ length: DELEGATES }, (_, i) => i + 1));

		await eventually(() => live(watcher).votes[motionId]?.votedCount === DELEGATES, 5_000, 'live count reaches 500');
		expect(live(watcher).votes[motionId]).toMatchObject({ state: 'open', eligibleCount: 501, result: null });
		// Coalesced, but rising: several intermediate counts, far fewer than 500 writes.
		expect(seen.length).toBeGreaterThan(1);
		expect(seen.length).toBeLessThan(DELEGATES);
		expect(seen).toEqual([...seen].sort((a, b) => a - b));

		const db = dbFile();
		try {
			const row = db.prepare('select count(*) as n, count(distinct voter_id) as voters from open_ballots where motion_id = ?').get(motionId) as { n: number; voters: number };
			expect(row).toEqual({ n: DELEGATES, voters: DELEGATES });
		} finally {
			db.close();
		}

		// The chair sees who has voted (not in the live room); a delegate does not.
		const asChair = await client('v-chair').request('GET', `/api/v1/motions/${motionId}`);
		expect(asChair.body).toMatchObject({ state: 'open', ballot: 'open', votedCount: DELEGATES, eligibleCount: 501 });
		expect(asChair.body.voters).toHaveLength(DELEGATES);
		expect((await clientOf(fx.delegates[0]!.cookie).request('GET', `/api/v1/motions/${motionId}`)).body.voters).toBeUndefined();

		const closed = await client('v-chair').request('POST', `/api/v1/motions/${motionId}/close`);
		expect(closed.status).toBe(200);
		const counts = { yes: 167, no: 167, abstain: 166 };
		expect(closed.body.result).toMatchObject({ counts, passed: false, quorumMet: true, votedCount: DELEGATES, majority: { threshold: 'more_than_half', of: 'yes_no' } });
		await eventually(() => live(watcher).votes[motionId]?.state === 'closed', 5_000, 'the result reaches the live room');
		expect(live(watcher).votes[motionId]!.result).toMatchObject({ counts, passed: false, quorumMet: true });
		expect(live(watcher).activeMotion).toMatchObject({ id: motionId, state: 'closed' });

		const get = await clientOf(fx.delegates[1]!.cookie).request('GET', `/api/v1/motions/${motionId}`);
		expect(get.body).toMatchObject({ id: motionId, state: 'closed', ballot: 'open', votedCount: DELEGATES, result: { counts, passed: false, quorumMet: true } });
		expect(get.body.ballots).toHaveLength(DELEGATES);

		// A closed vote never changes.
		expect((await client('v-chair').request('POST', `/api/v1/motions/${motionId}/open`)).body.error.code).toBe('motion_closed');
		expect((await client('secretary').request('PATCH', `/api/v1/motions/${motionId}`, { title: 'x' })).status).toBe(409);
		expect((await client('v-chair').request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' })).body.error.code).toBe('vote_not_open');

		const csv = await fetch(`${server.url}/api/v1/motions/${motionId}/results.csv`, { headers: { cookie: fx.people.get('v-observer')!.cookie } });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
		expect(lines[0]!.split(',').slice(0, 7)).toEqual(['motion_id', 'motion', 'agenda_item', 'ballot', 'majority', 'option', 'votes']);
		expect(lines[1]).toContain('Thông qua Nghị quyết về cải cách hành chính,Biểu quyết,open,more_than_half/yes_no,yes,167,');
	});
});

describe('refusals', () => {
	it('one delegate sending 20 ballots at once: 1 recorded, 19 × 409 already_voted', async () => {
		const motionId = await newMotion();
		const voter = clientOf(fx.delegates[7]!.cookie);
		const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => voter.request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: i % 2 ? 'yes' : 'no' })));
		expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
		const refused = answers.filter((a) => a.status !== 201);
		expect(refused).toHaveLength(19);
		for (const r of refused) expect([r.status, r.body.error.code]).toEqual([409, 'already_voted']);
		expect((await client('v-chair').request('GET', `/api/v1/motions/${motionId}`)).body.votedCount).toBe(1);
		await client('v-chair').request('POST', `/api/v1/motions/${motionId}/close`);
	});

	it('observers, members without a vote and absent delegates 403; outsiders 404; unknown motions 404', async () => {
		const motionId = await newMotion();
		const ballot = (c: ApiClient, id = motionId) => c.request('POST', `/api/v1/motions/${id}/ballots`, { choice: 'yes' });
		const observer = await ballot(client('v-observer'));
		expect([observer.status, observer.body.error.code]).toEqual([403, 'not_eligible']);
		expect((await ballot(client('v-novote'))).status).toBe(403);
		expect((await ballot(client('secretary'))).status).toBe(403);
		const absent = await ballot(client('v-absent'));
		expect([absent.status, absent.body.error.code]).toEqual([403, 'not_checked_in']);
		expect((await ballot(client('outsider'))).status).toBe(404);
		expect((await ballot(client('v-chair'), 'aaaaaaaaaaaaaaaa')).status).toBe(404);
		expect((await client('outsider').request('GET', `/api/v1/motions/${motionId}`)).status).toBe(404);
		expect((await clientOf(fx.delegates[0]!.cookie).request('POST', `/api/v1/motions/${motionId}/close`)).status).toBe(403);
		const bad = await clientOf(fx.delegates[0]!.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'maybe' });
		expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
		expect(bad.body.error.fields).toEqual([{ path: 'choice', message: '"maybe" is not an option of this motion' }]);
		await client('v-chair').request('POST', `/api/v1/motions/${motionId}/close`);
	});

	it('the ballot endpoint answers like every other: sessions, JSON rules, messages in the caller’s language', async () => {
		const motionId = await newMotion();
		const path = `/api/v1/motions/${motionId}/ballots`;
		const anonymous = new ApiClient(server.url);
		expect((await anonymous.request('POST', path, { choice: 'yes' })).body.error.code).toBe('unauthenticated');
		const stale = clientOf('quorum_session=not-a-session');
		const expired = await stale.request('POST', path, { choice: 'yes' });
		expect([expired.status, expired.body.error.code]).toEqual([401, 'session_expired']);
		expect(expired.headers.get('set-cookie')).toMatch(/^quorum_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
		const voter = clientOf(fx.delegates[11]!.cookie);
		expect((await voter.request('POST', path, undefined, { raw: 'choice=yes', headers: { 'content-type': 'text/plain', origin: server.url } })).body.error.code).toBe('invalid_json');
		expect((await voter.request('POST', path, undefined, { raw: '{"choice":', headers: { 'content-type': 'application/json' } })).body.error.code).toBe('invalid_json');
		expect((await voter.request('POST', path, { choice: 'yes' })).status).toBe(201);
		const vi = new ApiClient(server.url, 'vi');
		vi.cookie = fx.delegates[11]!.cookie;
		const again = await vi.request('POST', path, { choice: 'no' });
		expect([again.status, again.body.error.code]).toEqual([409, 'already_voted']);
		expect(again.body.error.message).toBe('Phiếu này đã được bỏ; phiếu đã xác nhận thì không thể thay đổi.');
		const en = await voter.request('POST', path, { choice: 'no' });
		expect(en.body.error.message).toBe('This vote has already been cast; a ballot is final once confirmed.');
		await client('v-chair').request('POST', `/api/v1/motions/${motionId}/close`);
	});
});

describe('ballots racing the close', () => {
	it('the stored result equals the accepted ballots; every other ballot was told 409', async () => {
		const motionId = await newMotion();
		const voters = fx.delegates.slice(0, 300);
		// Ballots keep arriving over ~300 ms; the close lands in the middle of them.
		const ballots = voters.map(async (d, i) => {
			await new Promise((r) => setTimeout(r, i));
			return clientOf(d.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' });
		});
		const close = (async () => {
			await new Promise((r) => setTimeout(r, 150));
			return client('v-chair').request('POST', `/api/v1/motions/${motionId}/close`);
		})();
		const [answers, closed] = await Promise.all([Promise.all(ballots), close]);
		expect(closed.status).toBe(200);
		const accepted = answers.filter((a) => a.status === 201).length;
		const refused = answers.filter((a) => a.status === 409);
		expect(accepted + refused.length).toBe(voters.length);
		for (const r of refused) expect(r.body.error.code).toBe('vote_not_open');
		// The race really happened: some in, some out.
		expect(accepted).toBeGreaterThan(0);
		expect(refused.length).toBeGreaterThan(0);
		expect(closed.body.result.votedCount).toBe(accepted);
		expect(closed.body.result.counts.yes).toBe(accepted);
		const db = dbFile();
		try {
			expect((db.prepare('select count(*) as n from open_ballots where motion_id = ?').get(motionId) as { n: number }).n).toBe(accepted);
		} finally {
			db.close();
		}
	});
});

describe('a secret ballot', () => {
	it('leaves no column, ordering or timestamp in the database that links a voter to a choice', async () => {
		const motionId = await newMotion({ ballot: 'secret' });
		const voters = fx.delegates.slice(0, 60);
		// Cast one after another, in a known order, with a choice pattern that order would reveal.
		const pattern = voters.map((_, i) => (i % 3 === 0 ? 'yes' : i % 3 === 1 ? 'no' : 'abstain'));
		for (const [i, d] of voters.entries()) {
			expect((await clientOf(d.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: pattern[i] })).status).toBe(201);
		}
		const running = await client('v-chair').request('GET', `/api/v1/motions/${motionId}`);
		expect(running.body.voters).toBeUndefined();
		const closed = await client('v-chair').request('POST', `/api/v1/motions/${motionId}/close`);
		expect(closed.body.result.counts).toEqual({ yes: 20, no: 20, abstain: 20 });

		const db = dbFile();
		try {
			const columns = (table: string) => (db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name).sort();
			expect(columns('secret_voters')).toEqual(['cast_by', 'motion_id', 'voter_id']);
			expect(columns('secret_choices')).toEqual(['choices', 'id', 'motion_id']);
			// Nothing in common but the motion; no time anywhere.
			expect(columns('secret_voters').filter((c) => columns('secret_choices').includes(c))).toEqual(['motion_id']);
			// WITHOUT ROWID: no hidden increasing row number to pair the n-th voter with the n-th choice.
			for (const table of ['secret_voters', 'secret_choices']) {
				const sql = (db.prepare('select sql from sqlite_master where name = ?').get(table) as { sql: string }).sql;
				expect(sql).toMatch(/WITHOUT ROWID\s*$/);
				expect(() => db.prepare(`select rowid from ${table}`).all()).toThrow(/no such column/);
			}
			// Stored order is the order of random keys, not of voting.
			const storedVoters = (db.prepare('select voter_id from secret_voters where motion_id = ?').all(motionId) as { voter_id: string }[]).map((r) => r.voter_id);
			expect(storedVoters.slice().sort()).toEqual(voters.map((v) => v.id).sort());
			expect(storedVoters).not.toEqual(voters.map((v) => v.id));
			const storedChoices = (db.prepare('select choices from secret_choices where motion_id = ?').all(motionId) as { choices: string }[]).map((r) => JSON.parse(r.choices)[0]);
			expect(storedChoices).toHaveLength(60);
			expect(storedChoices).not.toEqual(pattern);
			// No audit entry per secret ballot (order of voting), only the close with totals.
			const entries = db.prepare("select action from audit_log where subject_id = ? or data like ?").all(motionId, `%${motionId}%`) as { action: string }[];
			expect(entries.map((e) => e.action).sort()).toEqual(['motion.close', 'motion.create', 'motion.open']);
			// The close folded the WAL into the database and truncated it: no frame holding a voter row next to its choice
			// row is left behind. (Writes after the close — the live room — may start a new WAL, without ballot pages.)
			const wal = path.join(server.dataDir, 'quorum.db-wal');
			const walBytes = fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0);
			for (const v of voters) expect(walBytes.includes(Buffer.from(v.id))).toBe(false);
		} finally {
			db.close();
		}
		// The live room never carried choices while the vote was open, nor who voted.
		const get = await clientOf(fx.delegates[0]!.cookie).request('GET', `/api/v1/motions/${motionId}`);
		expect(get.body.ballots).toBeUndefined();
	});
});

describe('list of speakers', () => {
	it('moves on every tablet: requests, the chair’s order, the floor with a countdown, the end of a turn', async () => {
		const watcher = connectPeer(server.url, `meeting:${fx.meetingId}:live`, fx.people.get('v-observer')!.cookie);
		peers.push(watcher);
		await synced(watcher);
		const base = `/api/v1/meetings/${fx.meetingId}/speakers`;
		const [a, b] = [clientOf(fx.delegates[20]!.cookie), clientOf(fx.delegates[21]!.cookie)];
		const first = await a.request('POST', base, { agendaItemId: fx.itemId });
		const second = await b.request('POST', base, { agendaItemId: fx.itemId });
		expect([first.status, second.status]).toEqual([201, 201]);
		expect((await a.request('POST', base, { agendaItemId: fx.itemId })).body.error.code).toBe('already_on_speakers_list');
		const list = () => live(watcher).speakers[fx.itemId];
		await eventually(() => list()?.waiting.length === 2, 5_000, 'both requests on every tablet');

		const chair = client('v-chair');
		expect((await chair.request('POST', `${base}/${second.body.id}/move`, { position: 0 })).status).toBe(200);
		await eventually(() => list()?.waiting[0]?.id === second.body.id, 5_000, 'new order on every tablet');
		expect((await a.request('POST', `${base}/${second.body.id}/floor`, {})).status).toBe(403);
		expect((await chair.request('POST', `${base}/${second.body.id}/floor`, { timeLimitSeconds: 90 })).status).toBe(200);
		await eventually(() => list()?.speaking?.id === second.body.id, 5_000, 'the speaker on every tablet');
		expect(list()!.speaking).toMatchObject({ userId: fx.delegates[21]!.id, timeLimitSeconds: 90 });
		expect(list()!.waiting.map((w) => w.id)).toEqual([first.body.id]);
		expect((await chair.request('POST', `${base}/${second.body.id}/end`)).status).toBe(200);
		expect((await a.request('DELETE', `${base}/${first.body.id}`)).status).toBe(204);
		await eventually(() => list()?.speaking === null && list()?.waiting.length === 0, 5_000, 'turn over, list empty');
		expect((await client('outsider').request('GET', base)).status).toBe(404);
	});
});

describe('durability', () => {
	it('a ballot acknowledged just before kill -9 is still there after restart', async () => {
		const motionId = await newMotion();
		const voter = fx.delegates[42]!;
		const res = await clientOf(voter.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'no' });
		expect(res.status).toBe(201);
		await server.stop('SIGKILL');
		server = await startServer({ dataDir: server.dataDir });
		const get = await client('v-chair').request('GET', `/api/v1/motions/${motionId}`);
		expect(get.body).toMatchObject({ state: 'open', votedCount: 1 });
		expect(get.body.voters.map((v: { userId: string }) => v.userId)).toEqual([voter.id]);
		const again = await clientOf(voter.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: 'yes' });
		expect(again.status).toBe(409);
		const closed = await client('v-chair').request('POST', `/api/v1/motions/${motionId}/close`);
		expect(closed.body.result.counts).toEqual({ yes: 0, no: 1, abstain: 0 });
	});
});
