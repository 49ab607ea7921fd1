import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVED_MEETING } from '../../src/lib/server/demo/archived-data';
import { ApiClient, DEMO_PASSWORD, loggedIn, startServer, type TestServer } from './harness';

// The demo's past meeting, seeded by `npm run seed:demo` through the real services: a person trying the demo finds
// it in the archive with approved minutes, its PDF and its documents in the search, and seeding again adds nothing.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

let server: TestServer;
let meetingId: string;
let delegate: ApiClient;
let outsider: ApiClient;

const node = (script: string) =>
	run(process.execPath, [script], { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir, DEMO_PASSWORD } }).then((r) => r.stdout + r.stderr);

beforeAll(async () => {
	server = await startServer({ seed: true });
	[delegate, outsider] = await Promise.all([loggedIn(server.url, 'delegate1'), loggedIn(server.url, 'outsider')]);
	const list = await delegate.request<{ meetings: { id: string; title: string }[] }>('GET', '/api/v1/meetings');
	const past = list.body.meetings.find((m) => m.title === ARCHIVED_MEETING.title);
	if (!past) throw new Error(`past demo meeting not in delegate1's list: ${JSON.stringify(list.body)}`);
	meetingId = past.id;
});

afterAll(async () => {
	await server?.stop();
});

describe('the demo archive', () => {
	it('holds a past meeting of the same body, with its documents read page by page', async () => {
		const res = await delegate.request<{
			status: string;
			body: string;
			startsAt: string;
			participants: { username: string }[];
			documents: { pages: number; sha256: string }[];
		}>('GET', `/api/v1/meetings/${meetingId}`);
		expect(res.status).toBe(200);
		expect(res.body.status).toBe('closed');
		expect(res.body.body).toBe(ARCHIVED_MEETING.body);
		expect(new Date(res.body.startsAt).getTime()).toBeLessThan(Date.now() - 7 * 24 * 3600 * 1000);
		expect(res.body.participants.map((p) => p.username).sort()).toEqual(['chair', 'delegate1', 'delegate2', 'delegate3', 'delegate4', 'delegate5', 'observer']);
		expect(res.body.documents).toHaveLength(2);
		for (const doc of res.body.documents) expect(doc.pages).toBeGreaterThanOrEqual(2);
	});

	it('has minutes approved by the chair, first in the hash chain, with the vote and the proxy on record', async () => {
		const minutes = await delegate.request<{ state: string; archive: { seq: number } | null; approvedBy: { displayName: string } | null }>(
			'GET',
			`/api/v1/meetings/${meetingId}/minutes`
		);
		expect(minutes.status).toBe(200);
		expect(minutes.body.state).toBe('approved');
		expect(minutes.body.archive?.seq).toBe(1);
		expect(minutes.body.approvedBy?.displayName).toBe('Trần Văn Minh');

		const record = await delegate.request<{ record: string }>('GET', `/api/v1/meetings/${meetingId}/archive`);
		expect(record.status).toBe(200);
		const content = JSON.parse(record.body.record);
		expect(content.minutes.text).toContain('Tóm tắt thảo luận và kết luận của Chủ tọa.');
		expect(content.motions).toHaveLength(1);
		expect(content.motions[0].result).toMatchObject({ passed: true, quorumMet: true, votedCount: 5 });
		expect(content.proxies).toHaveLength(1);
		expect(content.documents).toHaveLength(2);

		const pdf = await fetch(`${server.url}/api/v1/meetings/${meetingId}/minutes.pdf`, { headers: { cookie: delegate.cookie } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('is found by a search without diacritics, in the minutes and in the documents', async () => {
		const res = await delegate.request<{ hits: { meetingId: string; kind: string }[] }>('GET', `/api/v1/archive/search?q=${encodeURIComponent('cai cach hanh chinh')}`);
		expect(res.status).toBe(200);
		const mine = res.body.hits.filter((h) => h.meetingId === meetingId);
		expect(mine.map((h) => h.kind)).toEqual(expect.arrayContaining(['minutes', 'page']));
	});

	it('does not exist for a member who was not invited', async () => {
		for (const p of [`/api/v1/meetings/${meetingId}`, `/api/v1/meetings/${meetingId}/minutes`, `/api/v1/meetings/${meetingId}/minutes.pdf`]) {
			expect((await outsider.request('GET', p)).status, p).toBe(404);
		}
		const search = await outsider.request<{ hits: unknown[] }>('GET', `/api/v1/archive/search?q=${encodeURIComponent('cai cach hanh chinh')}`);
		expect(search.body.hits).toEqual([]);
	});

	it('gains no second record when the demo is seeded again', async () => {
		const before = await delegate.request<{ archive: { hash: string } }>('GET', `/api/v1/meetings/${meetingId}/minutes`);
		const out = await node('build/seed-demo.js');
		expect(out).toContain('past meeting already archived');
		expect(await node('build/archive-verify.js')).toContain('Archive chain holds: 1 record(s)');
		const after = await delegate.request<{ archive: { hash: string } }>('GET', `/api/v1/meetings/${meetingId}/minutes`);
		expect(after.body.archive.hash).toBe(before.body.archive.hash);
		const list = await delegate.request<{ meetings: { title: string }[] }>('GET', '/api/v1/meetings');
		expect(list.body.meetings.filter((m) => m.title === ARCHIVED_MEETING.title)).toHaveLength(1);
	});
});
