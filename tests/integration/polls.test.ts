import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loggedIn, startServer, userIds, type TestServer } from './harness';

// Issue 19, written opinion polls, through the API of the production build with the demo's People's Committee:
// seven members (the chair, five delegates and the observer), the law's "more than half of all members".

const ROOT = path.resolve(import.meta.dirname, '../..');
const MEMBERS = ['chair', 'delegate1', 'delegate2', 'delegate3', 'delegate4', 'delegate5', 'observer'] as const;
type Member = (typeof MEMBERS)[number];

let server: TestServer;
const people = new Map<string, ApiClient>();
let ids: Map<string, string>;
const as = (username: string) => people.get(username)!;
const memberIds = () => MEMBERS.map((u) => ids.get(u)!);
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

async function newPoll(body: Record<string, unknown> = {}): Promise<string> {
	const res = await as('secretary').request('POST', '/api/v1/polls', { title: 'Chủ trương đầu tư nhà văn hóa xã', memberIds: memberIds(), deadline: inAnHour(), ballot: 'open', ...body });
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body.id;
}

async function answer(pollId: string, answers: Partial<Record<Member, string>>): Promise<void> {
	for (const [u, choice] of Object.entries(answers)) {
		const res = await as(u).request('POST', `/api/v1/polls/${pollId}/answers`, { choice, ...(choice === 'other' ? { comment: 'Cần làm rõ nguồn vốn' } : {}) });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
	}
}

function run(file: string, dataDir: string): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [file], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (code) => resolve({ code, out }));
	});
}

const openDb = () => new Database(path.join(server.dataDir, 'quorum.db'), { readonly: true });

beforeAll(async () => {
	server = await startServer({ seed: true });
	for (const u of [...MEMBERS, 'secretary', 'outsider']) people.set(u, await loggedIn(server.url, u));
	ids = await userIds(as('secretary'));
});

afterAll(async () => {
	await server?.stop();
});

describe('written opinion polls', () => {
	it('7 members, 4 agree, 2 disagree, 1 silent → passed by more than half of all members; archived and found', async () => {
		const pollId = await newPoll({ text: 'Xin ý kiến về chủ trương đầu tư xây dựng nhà văn hóa.' });
		const created = await as('chair').request('GET', `/api/v1/polls/${pollId}`);
		expect(created.body).toMatchObject({ state: 'open', answeredCount: 0, memberCount: 7, result: null, majority: { threshold: 'more_than_half', of: 'members' } });

		await answer(pollId, { chair: 'agree', delegate1: 'agree', delegate2: 'agree', delegate3: 'agree', delegate4: 'disagree', delegate5: 'disagree' });
		// On an open poll a member sees who has answered, never what.
		const seen = await as('delegate1').request('GET', `/api/v1/polls/${pollId}`);
		expect(seen.body.answeredCount).toBe(6);
		expect(seen.body.members.find((m: { id: string }) => m.id === ids.get('observer'))).toMatchObject({ answered: false });
		expect(seen.body.members.find((m: { id: string }) => m.id === ids.get('delegate4'))).toEqual({ id: ids.get('delegate4'), displayName: expect.any(String), answered: true });
		expect(JSON.stringify(seen.body)).not.toContain('disagree');

		const closed = await as('secretary').request('POST', `/api/v1/polls/${pollId}/close`);
		expect(closed.status).toBe(200);
		expect(closed.body.state).toBe('closed');
		expect(closed.body.result).toMatchObject({ counts: { agree: 4, disagree: 2, other: 0 }, passed: true, base: { of: 'members', count: 7 }, memberCount: 7, answeredCount: 6 });
		expect(closed.body.result.reason.vi).toMatch(/^4\/7 thành viên tán thành, đạt quá nửa tổng số thành viên Ủy ban nhân dân/);
		expect(closed.body.archive.seq).toBeGreaterThan(1);

		// Closed: nobody answers any more; closing again is refused the same way.
		expect((await as('observer').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree' })).body.error.code).toBe('poll_closed');
		expect((await as('observer').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree' })).status).toBe(409);
		expect((await as('secretary').request('POST', `/api/v1/polls/${pollId}/close`)).status).toBe(409);

		// The summary PDF is the archived file.
		const pdf = await fetch(`${server.url}/api/v1/polls/${pollId}/summary.pdf`, { headers: { cookie: as('delegate2').cookie } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const bytes = Buffer.from(await pdf.arrayBuffer());
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		// /verify knows the archived summary, byte for byte, for the poll's readers only.
		const verify = (client: ApiClient, body: Uint8Array) =>
			fetch(`${server.url}/api/v1/archive/verify`, { method: 'POST', headers: { cookie: client.cookie, 'content-type': 'application/pdf' }, body: new Uint8Array(body) }).then((r) => r.json());
		expect(await verify(as('delegate2'), bytes)).toMatchObject({ match: true, kind: 'poll', pollId, seq: closed.body.archive.seq, title: 'Chủ trương đầu tư nhà văn hóa xã' });
		expect(await verify(as('outsider'), bytes)).toMatchObject({ match: false });
		const altered = new Uint8Array(bytes);
		altered[altered.length - 10] = altered[altered.length - 10]! ^ 1;
		expect(await verify(as('delegate2'), altered)).toMatchObject({ match: false });

		// Search finds the poll for its members, not for an outsider.
		const hit = await as('delegate5').request('GET', `/api/v1/archive/search?q=${encodeURIComponent('nha van hoa')}`);
		expect(hit.status).toBe(200);
		expect(hit.body.hits.some((h: { kind: string; pollId?: string }) => h.kind === 'poll' && h.pollId === pollId)).toBe(true);
		const none = await as('outsider').request('GET', `/api/v1/archive/search?q=${encodeURIComponent('nha van hoa')}`);
		expect(none.body.hits.some((h: { kind: string }) => h.kind === 'poll')).toBe(false);
	});

	it('3 agree → not passed', async () => {
		const pollId = await newPoll();
		await answer(pollId, { chair: 'agree', delegate1: 'agree', delegate2: 'agree', delegate3: 'disagree', delegate4: 'other' });
		const closed = await as('secretary').request('POST', `/api/v1/polls/${pollId}/close`);
		expect(closed.body.result).toMatchObject({ counts: { agree: 3, disagree: 1, other: 1 }, passed: false });
		expect(closed.body.result.reason.vi).toMatch(/^3\/7 thành viên tán thành, chưa đạt quá nửa/);
		// The other opinion keeps its comment, named on an open poll.
		expect(closed.body.answers).toContainEqual({ displayName: expect.any(String), choice: 'other', comment: 'Cần làm rõ nguồn vốn' });
	});

	it('answers changed before the deadline count once; a final answer cannot change; the last final answer closes the poll', async () => {
		const pollId = await newPoll({ memberIds: [ids.get('delegate1'), ids.get('delegate2'), ids.get('delegate3')] });
		await answer(pollId, { delegate1: 'disagree' });
		await answer(pollId, { delegate1: 'agree' });
		await answer(pollId, { delegate1: 'other' });
		expect((await as('delegate1').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree', final: true })).status).toBe(200);
		const again = await as('delegate1').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'disagree' });
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('poll_answer_final');
		const mid = await as('delegate1').request('GET', `/api/v1/polls/${pollId}`);
		expect(mid.body).toMatchObject({ answeredCount: 1, state: 'open', mine: { answered: true, final: true, choice: 'agree' } });
		expect((await as('delegate2').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree', final: true })).status).toBe(200);
		const last = await as('delegate3').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'disagree', final: true });
		expect(last.body.state).toBe('closed');
		expect(last.body.closeReason).toBe('all_answered');
		expect(last.body.result).toMatchObject({ counts: { agree: 2, disagree: 1, other: 0 }, passed: true, answeredCount: 3 });
		expect(last.body.archive).not.toBeNull();
	});

	it('refusals: outsiders 404, non-members 403, members cannot create or close, input is checked', async () => {
		const pollId = await newPoll({ memberIds: [ids.get('delegate1')] });
		expect((await as('outsider').request('GET', `/api/v1/polls/${pollId}`)).status).toBe(404);
		expect((await as('outsider').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree' })).status).toBe(404);
		expect((await as('delegate2').request('GET', `/api/v1/polls/${pollId}`)).status).toBe(404);
		expect((await as('outsider').request('GET', '/api/v1/polls')).body.polls).toEqual([]);
		// Staff see the poll but are not in its electorate: answering is the members' own.
		expect((await as('secretary').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree' })).status).toBe(403);
		expect((await as('delegate1').request('POST', `/api/v1/polls/${pollId}/close`)).status).toBe(403);
		expect((await as('delegate1').request('POST', '/api/v1/polls', { title: 'x', memberIds: [ids.get('delegate1')], deadline: inAnHour(), ballot: 'open' })).status).toBe(403);
		// An other opinion without its comment, a past deadline, a tie-break nobody can give: 400.
		expect((await as('delegate1').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'other' })).status).toBe(400);
		const bad = (body: Record<string, unknown>) => as('secretary').request('POST', '/api/v1/polls', { title: 'x', memberIds: [ids.get('delegate1')], deadline: inAnHour(), ballot: 'open', ...body });
		expect((await bad({ deadline: new Date(Date.now() - 1000).toISOString() })).status).toBe(400);
		expect((await bad({ majority: { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' } })).status).toBe(400);
		expect((await bad({ memberIds: ['nosuchuser'] })).status).toBe(400);
		// Cross-site requests are refused before anything happens (OWASP CSRF: Origin check).
		const foreign = await as('delegate1').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree' }, { headers: { origin: 'https://evil.example' } });
		expect(foreign.status).toBe(403);
		// The member's list names the poll, with a group as the electorate too.
		expect((await as('delegate1').request('GET', '/api/v1/polls')).body.polls.map((p: { id: string }) => p.id)).toContain(pollId);
		const groups = await as('secretary').request('GET', '/api/v1/groups');
		const byGroup = await as('secretary').request('POST', '/api/v1/polls', { title: 'Theo nhóm', groupId: groups.body.groups[0].id, deadline: inAnHour(), ballot: 'open' });
		expect(byGroup.status).toBe(201);
		expect(byGroup.body.memberCount).toBe(groups.body.groups[0].members.length);
	});

	it('a secret poll stores no link between member and answer', async () => {
		const pollId = await newPoll({ ballot: 'secret' });
		const order: Member[] = ['delegate3', 'chair', 'delegate5', 'delegate1', 'observer'];
		const pattern = ['agree', 'disagree', 'agree', 'other', 'agree'];
		for (const [i, u] of order.entries()) await answer(pollId, { [u]: pattern[i] });
		// Final at once: there is no link to find the earlier answer by.
		const twice = await as('chair').request('POST', `/api/v1/polls/${pollId}/answers`, { choice: 'agree' });
		expect(twice.body.error.code).toBe('poll_answer_final');
		const view = await as('delegate1').request('GET', `/api/v1/polls/${pollId}`);
		expect(view.body.answeredCount).toBe(5);
		expect(view.body.members.every((m: { answered: unknown }) => m.answered === null)).toBe(true);
		expect(view.body.mine).toEqual({ answered: true, final: true, choice: null, comment: null });
		const closed = await as('secretary').request('POST', `/api/v1/polls/${pollId}/close`);
		expect(closed.body.result).toMatchObject({ counts: { agree: 3, disagree: 1, other: 1 }, passed: false });
		expect(closed.body.answers.every((a: { displayName: unknown }) => a.displayName === null)).toBe(true);

		const db = openDb();
		try {
			const columns = (table: string) => (db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name).sort();
			expect(columns('poll_secret_voters')).toEqual(['poll_id', 'user_id']);
			expect(columns('poll_secret_answers')).toEqual(['choice', 'comment', 'id', 'poll_id']);
			for (const table of ['poll_secret_voters', 'poll_secret_answers']) {
				expect(() => db.prepare(`select rowid from ${table}`).all()).toThrow(/no such column/);
			}
			expect(db.prepare('select count(*) as n from poll_answers where poll_id = ?').get(pollId)).toEqual({ n: 0 });
			// No audit entry per secret answer; the archived record lists who answered and the answers apart.
			const actions = (db.prepare('select action from audit_log where subject_id = ?').all(pollId) as { action: string }[]).map((a) => a.action).sort();
			expect(actions).toEqual(['poll.archive', 'poll.close', 'poll.create']);
			const record = JSON.parse((db.prepare('select record from archive_records where poll_id = ?').get(pollId) as { record: string }).record);
			expect(record.answers.every((a: Record<string, unknown>) => Object.keys(a).sort().join() === 'choice,comment')).toBe(true);
			expect(record.answeredIds).toEqual(order.map((u) => ids.get(u)).sort());
		} finally {
			db.close();
		}
	});

	it('closes by itself at the deadline (timer, and again after a restart); archive:verify holds with polls in the chain', async () => {
		const soon = await newPoll({ deadline: new Date(Date.now() + 1500).toISOString(), memberIds: [ids.get('delegate1'), ids.get('delegate2')] });
		await answer(soon, { delegate1: 'agree' });
		// Nobody reads the poll: the server's timer closes and archives it. archive:verify reads the file directly.
		let archived = false;
		for (let i = 0; i < 40 && !archived; i++) {
			await new Promise((r) => setTimeout(r, 250));
			const db = openDb();
			try {
				archived = db.prepare('select 1 from archive_records where poll_id = ?').get(soon) !== undefined;
			} finally {
				db.close();
			}
		}
		expect(archived).toBe(true);
		const view = await as('delegate1').request('GET', `/api/v1/polls/${soon}`);
		expect(view.body).toMatchObject({ state: 'closed', closeReason: 'deadline', result: { counts: { agree: 1, disagree: 0, other: 0 }, passed: false } });

		// Down at the deadline: the poll closes when the server comes back.
		const later = await newPoll({ deadline: new Date(Date.now() + 1000).toISOString(), memberIds: [ids.get('delegate1')] });
		await server.stop();
		await new Promise((r) => setTimeout(r, 1200));
		server = await startServer({ dataDir: server.dataDir });
		let closedAfterRestart = false;
		for (let i = 0; i < 40 && !closedAfterRestart; i++) {
			const db = openDb();
			try {
				closedAfterRestart = db.prepare('select 1 from archive_records where poll_id = ?').get(later) !== undefined;
			} finally {
				db.close();
			}
			if (!closedAfterRestart) await new Promise((r) => setTimeout(r, 250));
		}
		expect(closedAfterRestart).toBe(true);

		const verify = await run('build/archive-verify.js', server.dataDir);
		expect(verify.out).toMatch(/Archive chain holds: \d+ record\(s\)/);
		expect(verify.code).toBe(0);
		const db = openDb();
		try {
			expect((db.prepare('select count(*) as n from archive_records where poll_id is not null').get() as { n: number }).n).toBeGreaterThanOrEqual(5);
		} finally {
			db.close();
		}
	});
});
