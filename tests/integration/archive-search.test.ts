import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, loggedIn, startServer, userIds, type TestServer } from './harness';
import { pdfPath } from '../fixtures/pdfs';

// Archive search on the real server: the Vietnamese corpus article uploaded to a meeting, the minutes approved by
// the chair (which archives and indexes the meeting), then searched without diacritics by the people who may read
// it, and by people who may not.
const ARTICLE = pdfPath('quang-ninh-hanh-chinh-cong.pdf');

interface Hit {
	meetingId: string;
	meetingTitle: string;
	meetingBody: string;
	startsAt: string;
	kind: 'minutes' | 'page';
	minutesTitle?: string;
	documentId?: string;
	documentTitle?: string;
	page?: number;
	snippet: { text: string; highlights: [number, number][] };
}
interface SearchAnswer {
	hits: Hit[];
	total: number;
}

let server: TestServer;
let secretary: ApiClient;
let chair: ApiClient;
let member: ApiClient;
let otherMember: ApiClient;
let outsider: ApiClient;
let meetingId: string;
let documentId: string;

const search = (client: ApiClient, q: string, extra: Record<string, string> = {}) =>
	client.request<SearchAnswer>('GET', `/api/v1/archive/search?${new URLSearchParams({ q, ...extra })}`);
const highlighted = (hit: Hit) => hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));

async function upload(client: ApiClient, itemId: string, file: string) {
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(fs.readFileSync(file))], { type: 'application/pdf' }), path.basename(file));
	const res = await fetch(`${client.baseUrl}/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		method: 'POST',
		headers: { cookie: client.cookie, origin: client.baseUrl },
		body: form
	});
	return { status: res.status, body: (await res.json()) as { id: string; pages: number } };
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	[secretary, chair, member, otherMember, outsider] = (await Promise.all(
		['secretary', 'chair', 'delegate1', 'delegate2', 'outsider'].map((u) => loggedIn(server.url, u))
	)) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
	const ids = await userIds(secretary);

	const created = await secretary.request<{ id: string }>('POST', '/api/v1/meetings', {
		title: 'Hội nghị chuyên đề về cải cách hành chính',
		body: 'Ủy ban nhân dân tỉnh',
		startsAt: '2026-10-05T08:00:00+07:00'
	});
	expect(created.status).toBe(201);
	meetingId = created.body.id;
	// delegate1 is invited; delegate2 takes part in the demo meeting, not in this one.
	for (const [username, role] of [
		['chair', 'chair'],
		['delegate1', 'delegate']
	] as const) {
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: ids.get(username), role })).status).toBe(201);
	}
	const item = await secretary.request<{ id: string }>('POST', `/api/v1/meetings/${meetingId}/agenda`, { title: 'Báo cáo kết quả cải cách hành chính' });
	const uploaded = await upload(secretary, item.body.id, ARTICLE);
	expect(uploaded.status).toBe(201);
	expect(uploaded.body.pages).toBe(5);
	documentId = uploaded.body.id;
});

afterAll(async () => {
	await server?.stop();
});

describe('archive search', () => {
	it('finds nothing of a meeting before its minutes are approved', async () => {
		const res = await search(secretary, 'quang ninh', { limit: '100' });
		expect(res.status).toBe(200);
		expect(res.body.hits.filter((h) => h.meetingId === meetingId)).toEqual([]);
		expect((await secretary.request<{ meetings: { id: string }[] }>('GET', '/api/v1/archive')).body.meetings.map((m) => m.id)).not.toContain(meetingId);
	});

	it('indexes the meeting when the chair approves the minutes', async () => {
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes`, {})).status).toBe(201);
		const written = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/paragraphs`, {
			text: 'Hội nghị thống nhất giao Đảng ủy các sở rà soát thủ tục, báo cáo trước quý IV.'
		});
		expect(written.status).toBe(201);
		const submitted = await secretary.request<{ contentHash: string }>('POST', `/api/v1/meetings/${meetingId}/minutes/submit`);
		expect(submitted.status).toBe(200);
		const signed = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: submitted.body.contentHash });
		expect(signed.status).toBe(200);
		const approved = await chair.request<{ state: string }>('POST', `/api/v1/meetings/${meetingId}/minutes/approve`, {
			password: DEMO_PASSWORD,
			contentHash: submitted.body.contentHash
		});
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);
		expect(approved.body.state).toBe('approved');
	});

	it('finds the article without diacritics, at its pages, with the original words highlighted', async () => {
		const res = await search(member, 'hanh chinh cong');
		expect(res.status).toBe(200);
		expect(res.body.total).toBeGreaterThan(0);
		const pages = res.body.hits.filter((h) => h.kind === 'page' && h.meetingId === meetingId);
		expect(pages.length).toBeGreaterThan(0);
		for (const hit of pages) {
			expect(hit).toMatchObject({ meetingId, documentId, meetingTitle: 'Hội nghị chuyên đề về cải cách hành chính', meetingBody: 'Ủy ban nhân dân tỉnh' });
			expect(hit.page).toBeGreaterThanOrEqual(1);
			expect(hit.page).toBeLessThanOrEqual(5);
		}
		const words = new Set(pages.flatMap(highlighted).map((w) => w.toLocaleLowerCase('vi')));
		expect(words).toContain('hành');
		expect(words).toContain('chính');
		expect(words).toContain('công');
		expect(pages[0]!.startsAt).toBe('2026-10-05T01:00:00.000Z');

		// đ is folded too: "dien tu" finds "điện tử"; the last word is a prefix while typing.
		const dien = await search(member, 'chinh quyen dien t');
		expect(dien.body.total).toBeGreaterThan(0);
		expect(dien.body.hits.flatMap(highlighted)).toContain('điện');
		const quang = await search(member, 'QUANG NINH');
		expect(quang.body.hits.flatMap(highlighted)).toContain('Quảng');
	});

	it('finds the minutes, which open on the minutes page', async () => {
		const res = await search(member, 'dang uy');
		const minutes = res.body.hits.find((h) => h.kind === 'minutes' && h.meetingId === meetingId);
		expect(minutes).toMatchObject({ minutesTitle: 'Hội nghị chuyên đề về cải cách hành chính' });
		expect(minutes!.snippet.text).toContain('giao Đảng ủy các sở');
		expect(highlighted(minutes!)).toContain('Đảng');
	});

	it('shows nothing of the meeting to members who are not invited, but everything to the secretariat', async () => {
		// The demo data may archive meetings of its own: what matters is that none of this one shows.
		for (const client of [otherMember, outsider]) {
			for (const q of ['hanh chinh', 'quang ninh', 'dang uy']) {
				const res = await search(client, q, { limit: '100' });
				expect(res.status).toBe(200);
				expect(res.body.hits.filter((h) => h.meetingId === meetingId)).toEqual([]);
				expect(res.body.total).toBe(res.body.hits.length);
			}
			const list = await client.request<{ meetings: { id: string }[] }>('GET', '/api/v1/archive');
			expect(list.body.meetings.map((m) => m.id)).not.toContain(meetingId);
		}
		expect((await search(outsider, 'hanh chinh')).body).toEqual({ hits: [], total: 0 });
		expect((await search(secretary, 'quang ninh')).body.total).toBe((await search(member, 'quang ninh')).body.total);
	});

	it('filters by date and body, and pages through the results', async () => {
		const all = await search(member, 'tinh', { limit: '2' });
		expect(all.body.hits).toHaveLength(2);
		const next = await search(member, 'tinh', { limit: '2', offset: '2' });
		expect(next.body.total).toBe(all.body.total);
		expect(next.body.hits.map((h) => `${h.kind}${h.page}`)).not.toEqual(all.body.hits.map((h) => `${h.kind}${h.page}`));
		const mine = (answer: SearchAnswer) => answer.hits.filter((h) => h.meetingId === meetingId).length;
		const inMeeting = mine((await search(member, 'tinh', { limit: '100' })).body);
		expect(inMeeting).toBeGreaterThan(2);
		expect(mine((await search(member, 'tinh', { limit: '100', from: '2026-10-05', to: '2026-10-05' })).body)).toBe(inMeeting);
		expect(mine((await search(member, 'tinh', { limit: '100', from: '2026-10-06' })).body)).toBe(0);
		expect(mine((await search(member, 'tinh', { limit: '100', body: 'Ủy ban nhân dân tỉnh' })).body)).toBe(inMeeting);
		expect(mine((await search(member, 'tinh', { limit: '100', body: 'Hội đồng nhân dân tỉnh' })).body)).toBe(0);
	});

	it('lists archived meetings with the same filters and a text filter', async () => {
		const list = await member.request<{ meetings: { id: string; title: string; archivedAt: string; seq: number; documentCount: number }[]; total: number }>(
			'GET',
			'/api/v1/archive'
		);
		expect(list.status).toBe(200);
		expect(list.body.meetings.find((m) => m.id === meetingId)).toMatchObject({ documentCount: 1 });
		const ids = async (qs: string) => (await member.request<{ meetings: { id: string }[] }>('GET', `/api/v1/archive?${qs}`)).body.meetings.map((m) => m.id);
		expect(await ids('text=trung+tam+hanh+chinh+cong')).toContain(meetingId);
		expect(await ids('text=xyzzy+plugh')).toEqual([]);
		expect(await ids('from=2026-10-05&to=2026-10-05')).toContain(meetingId);
		expect(await ids('to=2026-10-04')).not.toContain(meetingId);
		expect(await ids('body=Hội+đồng+nhân+dân+tỉnh')).not.toContain(meetingId);
	});

	it('treats FTS5 syntax as words, and refuses empty and over-long queries with a 400', async () => {
		for (const q of ['"hanh', 'hanh OR chinh', 'NEAR(hanh chinh)', 'body:hanh', 'hanh*', '-chinh', '^cai (cach']) {
			const res = await search(member, q);
			expect(res.status, q).toBe(200);
		}
		for (const q of ['', '   ', '"*"', 'x'.repeat(201)]) {
			const res = await search(member, q);
			expect(res.status, q).toBe(400);
			expect(res.body).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'q' }] } });
		}
		const badDate = await search(member, 'x', { from: 'yesterday' });
		expect(badDate.body).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'from' }] } });
		expect((await new ApiClient(server.url).request('GET', '/api/v1/archive/search?q=hanh')).status).toBe(401);
	});

	it('the archive page shows the hits with <mark> and links each to its page in the viewer', async () => {
		const res = await fetch(`${server.url}/archive?q=hanh+chinh+cong`, { headers: { cookie: member.cookie, 'accept-language': 'vi' } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/<mark[^>]*>hành<\/mark>/i);
		// Each hit links to its document's page, carrying the words so the viewer opens with them highlighted. (The
		// demo's own papers in this meeting mention the words too and may rank above the uploaded one.)
		const link = new RegExp(`href="/meetings/${meetingId}/documents/([a-z2-7]{16})\\?q=hanh%20chinh%20cong#page=(\\d)"`).exec(html);
		expect(link).not.toBeNull();
		const viewer = await fetch(`${server.url}/meetings/${meetingId}/documents/${link![1]}?q=hanh%20chinh%20cong`, { headers: { cookie: member.cookie } });
		expect(viewer.status).toBe(200);
		const denied = await fetch(`${server.url}/archive?q=hanh+chinh+cong`, { headers: { cookie: outsider.cookie } });
		expect(await denied.text()).not.toContain(meetingId);
	});
});
