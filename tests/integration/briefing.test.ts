import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentView } from '$lib/api-types';
import { ApiClient, demoMeetingId, loggedIn, startServer, type TestServer } from './harness';
import { PDF_DIR } from '../fixtures/pdfs';

// The secretariat's briefing book through the real server: titles, order, the confidential mark, the
// "new version" badge, inviting many people at once and by group, and the demo's upcoming meeting papers.

let server: TestServer;
let secretary: ApiClient;
let delegate: ApiClient;
let admin: ApiClient;
let meetingId: string;
let itemId: string;

async function upload(client: ApiClient, item: string, file: string, fields: Record<string, string> = {}) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	form.append('file', new Blob([new Uint8Array(fs.readFileSync(path.join(PDF_DIR, file)))], { type: 'application/pdf' }), file);
	const res = await fetch(`${client.baseUrl}/api/v1/meetings/${meetingId}/agenda/${item}/documents`, {
		method: 'POST',
		headers: { cookie: client.cookie, origin: client.baseUrl },
		body: form
	});
	return { status: res.status, body: (await res.json()) as DocumentView & { error?: { code: string } } };
}

const list = async (client: ApiClient) => (await client.request<{ documents: DocumentView[] }>('GET', `/api/v1/meetings/${meetingId}/documents`)).body.documents;
const auditActions = (action: string) => {
	const db = new Database(path.join(server.dataDir, 'quorum.db'), { readonly: true });
	try {
		return db.prepare('SELECT subject_id AS subjectId, data FROM audit_log WHERE action = ?').all(action) as { subjectId: string; data: string }[];
	} finally {
		db.close();
	}
};

beforeAll(async () => {
	server = await startServer({ seed: true });
	secretary = await loggedIn(server.url, 'secretary');
	delegate = await loggedIn(server.url, 'delegate1');
	admin = await loggedIn(server.url, 'admin');
	// A meeting of its own, so the demo's papers stay as seeded for the demo test below.
	meetingId = (await secretary.request('POST', '/api/v1/meetings', { title: 'Họp chuẩn bị tài liệu', startsAt: '2027-01-10T08:00:00+07:00' })).body.id;
	itemId = (await secretary.request('POST', `/api/v1/meetings/${meetingId}/agenda`, { title: 'Mục tài liệu' })).body.id;
	const delegateId = (await delegate.request('GET', '/api/v1/session')).body.user.id;
	expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: delegateId, role: 'delegate' })).status).toBe(201);
});
afterAll(async () => {
	await server?.stop();
});

describe('titles', () => {
	it('takes the title chosen at upload, else the PDF’s own', async () => {
		const titled = await upload(secretary, itemId, 'tracemonkey.pdf', { title: '  Báo cáo thẩm tra  ' });
		expect(titled.status).toBe(201);
		expect(titled.body.title).toBe('Báo cáo thẩm tra');
		const plain = await upload(secretary, itemId, 'freeculture.pdf');
		expect(plain.body.title).toBe('Free Culture');
	});

	it('refuses a title that hides its text', async () => {
		const res = await upload(secretary, itemId, 'alphatrans.pdf', { title: 'Báo cáo\u202Efdp.exe' });
		expect(res.status).toBe(400);
		expect(res.body.error?.code).toBe('validation_failed');
	});

	it('renames the whole series, for staff only, and audits before and after', async () => {
		const v1 = (await list(secretary)).find((d) => d.title === 'Báo cáo thẩm tra')!;
		const v2 = await upload(secretary, itemId, 'annotation-highlight.pdf', { replaces: v1.id });
		expect(v2.body.title).toBe('Báo cáo thẩm tra');

		const refused = await delegate.request('PATCH', `/api/v1/documents/${v1.id}`, { title: 'Tên khác' });
		expect(refused.status).toBe(403);
		const empty = await secretary.request('PATCH', `/api/v1/documents/${v1.id}`, {});
		expect(empty.status).toBe(400);

		const renamed = await secretary.request<DocumentView>('PATCH', `/api/v1/documents/${v1.id}`, { title: 'Báo cáo thẩm tra (bản trình)' });
		expect(renamed.status).toBe(200);
		expect(renamed.body.title).toBe('Báo cáo thẩm tra (bản trình)');
		const series = (await list(delegate)).filter((d) => d.seriesId === v1.seriesId);
		expect(series.map((d) => [d.version, d.title])).toEqual([
			[2, 'Báo cáo thẩm tra (bản trình)'],
			[1, 'Báo cáo thẩm tra (bản trình)']
		]);
		const entry = auditActions('document.update').find((a) => a.subjectId === v1.id)!;
		expect(JSON.parse(entry.data)).toMatchObject({ before: { title: 'Báo cáo thẩm tra' }, after: { title: 'Báo cáo thẩm tra (bản trình)' } });
	});
});

describe('order', () => {
	it('sets the order of the item’s documents, shown by every list', async () => {
		const before = [...new Set((await list(secretary)).filter((d) => d.agendaItemId === itemId).map((d) => d.seriesId))];
		expect(before.length).toBe(2);
		const reversed = [...before].reverse();
		const res = await secretary.request<{ documents: DocumentView[] }>('PUT', `/api/v1/meetings/${meetingId}/agenda/${itemId}/documents/order`, { seriesIds: reversed });
		expect(res.status).toBe(200);
		expect([...new Set(res.body.documents.map((d) => d.seriesId))]).toEqual(reversed);
		expect([...new Set((await list(delegate)).map((d) => d.seriesId))]).toEqual(reversed);
		expect(auditActions('document.reorder').some((a) => a.subjectId === itemId)).toBe(true);
	});

	it('refuses an order that leaves out or repeats a document, and a delegate', async () => {
		const current = [...new Set((await list(secretary)).map((d) => d.seriesId))];
		const path = `/api/v1/meetings/${meetingId}/agenda/${itemId}/documents/order`;
		expect((await secretary.request('PUT', path, { seriesIds: [current[0]] })).status).toBe(400);
		expect((await secretary.request('PUT', path, { seriesIds: [current[0], current[0]] })).status).toBe(400);
		expect((await delegate.request('PUT', path, { seriesIds: current })).status).toBe(403);
	});
});

describe('confidential documents', () => {
	let doc: DocumentView;

	beforeAll(async () => {
		const res = await upload(secretary, itemId, 'quang-ninh-hanh-chinh-cong.pdf', { confidential: 'true', title: 'Phương án nhân sự' });
		expect(res.status).toBe(201);
		doc = res.body;
	});

	it('is marked at upload and listed as such', async () => {
		expect(doc.confidential).toBe(true);
		expect((await list(delegate)).find((d) => d.id === doc.id)?.confidential).toBe(true);
	});

	it('refuses the download and the annotated export to a delegate, with a clear code', async () => {
		for (const [method, suffix] of [
			['GET', 'download'],
			['HEAD', 'download'],
			['GET', 'annotated']
		] as const) {
			const res = await delegate.request(method, `/api/v1/documents/${doc.id}/${suffix}`);
			expect({ method, suffix, status: res.status }).toEqual({ method, suffix, status: 403 });
			if (method === 'GET') expect((res.body as { error: { code: string } }).error.code).toBe('document_confidential');
		}
	});

	it('lets the secretariat download it', async () => {
		const res = await fetch(`${server.url}/api/v1/documents/${doc.id}/download`, { headers: { cookie: secretary.cookie } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
	});

	it('is served to the viewer with no-store, and never to the offline copier', async () => {
		const view = await fetch(`${server.url}/api/v1/documents/${doc.id}/file`, { headers: { cookie: delegate.cookie, range: 'bytes=0-7' } });
		expect(view.status).toBe(206);
		expect(view.headers.get('cache-control')).toBe('private, no-store');
		const copier = await delegate.request('GET', `/api/v1/documents/${doc.id}/file`, undefined, { headers: { 'x-quorum-offline': 'save' } });
		expect(copier.status).toBe(403);
		expect((copier.body as { error: { code: string } }).error.code).toBe('document_confidential');
		// An ordinary document still goes offline, and keeps its revalidating cache policy.
		const other = (await list(delegate)).find((d) => !d.confidential)!;
		const normal = await fetch(`${server.url}/api/v1/documents/${other.id}/file`, { headers: { cookie: delegate.cookie, 'x-quorum-offline': 'save', range: 'bytes=0-7' } });
		expect(normal.status).toBe(206);
		expect(normal.headers.get('cache-control')).toBe('private, no-cache');
	});

	it('can be unmarked later, and then downloads again', async () => {
		expect((await secretary.request('PATCH', `/api/v1/documents/${doc.id}`, { confidential: false })).body.confidential).toBe(false);
		const res = await fetch(`${server.url}/api/v1/documents/${doc.id}/download`, { method: 'HEAD', headers: { cookie: delegate.cookie } });
		expect(res.status).toBe(200);
	});
});

describe('new version badge', () => {
	it('shows a revised series to a delegate until they open its newest version', async () => {
		const v1 = await upload(secretary, itemId, 'alphatrans.pdf');
		expect((await list(delegate)).find((d) => d.id === v1.body.id)?.newVersion).toBe(false);
		const v2 = await upload(secretary, itemId, 'tracemonkey.pdf', { replaces: v1.body.id });
		expect((await list(delegate)).filter((d) => d.seriesId === v1.body.seriesId).map((d) => d.newVersion)).toEqual([true, true]);

		// Opening the old version leaves the badge; opening the new one clears it.
		const page = (id: string) => fetch(`${server.url}/meetings/${meetingId}/documents/${id}`, { headers: { cookie: delegate.cookie } });
		expect((await page(v1.body.id)).status).toBe(200);
		expect((await list(delegate)).find((d) => d.id === v2.body.id)?.newVersion).toBe(true);
		const html = await (await page(v2.body.id)).text();
		expect(html).toContain('Bản mới');
		expect((await list(delegate)).find((d) => d.id === v2.body.id)?.newVersion).toBe(false);
		expect(await (await page(v2.body.id)).text()).not.toContain('Bản mới');
		// Someone else still sees it.
		expect((await list(secretary)).find((d) => d.id === v2.body.id)?.newVersion).toBe(true);
	});
});

describe('inviting many at once', () => {
	let listMeeting: string;
	const bulk = (client: ApiClient, body: unknown) => client.request('POST', `/api/v1/meetings/${listMeeting}/participants/bulk`, body);

	beforeAll(async () => {
		listMeeting = (await secretary.request('POST', '/api/v1/meetings', { title: 'Họp mời theo danh sách', startsAt: '2027-01-12T08:00:00+07:00' })).body.id;
		for (const username of ['tran.an.1', 'tran.an.2']) {
			const res = await admin.request('POST', '/api/v1/users', { username, displayName: 'Trần Văn An', role: 'member', password: 'mat-khau-dai-du-12' });
			expect(res.status).toBe(201);
		}
	});

	it('resolves each row on a dry run: usernames, names without accents, roles and votes in either language', async () => {
		const res = await bulk(secretary, {
			dryRun: true,
			participants: [
				{ user: 'chair', role: 'Chủ tọa', canVote: 'có', line: 2 },
				{ user: 'le thi hong', role: 'dai bieu', line: 3 },
				{ user: 'DELEGATE2', role: 'Observer', canVote: 'no', line: 4 },
				{ user: 'Trần Văn An', role: 'delegate', line: 5 },
				{ user: 'nobody.here', line: 6 },
				{ user: 'delegate3', role: 'thư ký', line: 7 },
				{ user: 'observer', role: 'quan sát viên', canVote: 'yes', line: 8 },
				{ user: 'Lê Thị Hồng', line: 9 }
			]
		});
		expect(res.status).toBe(200);
		const rows = res.body.rows as { line: number; status: string; problem?: string; role?: string; canVote?: boolean; user?: { username: string }; candidates?: string[] }[];
		expect(rows.map((r) => [r.line, r.status, r.problem ?? r.user?.username])).toEqual([
			[2, 'ok', 'chair'],
			[3, 'ok', 'delegate1'],
			[4, 'ok', 'delegate2'],
			[5, 'error', 'ambiguous_name'],
			[6, 'error', 'unknown_user'],
			[7, 'error', 'bad_role'],
			[8, 'error', 'observer_cannot_vote'],
			[9, 'error', 'duplicate']
		]);
		expect(rows[2]).toMatchObject({ role: 'observer', canVote: false });
		expect(rows[3]!.candidates).toEqual(['Trần Văn An (tran.an.1)', 'Trần Văn An (tran.an.2)']);
		expect(res.body).toMatchObject({ ready: 3, errors: 5, invited: 0 });
		expect((await secretary.request('GET', `/api/v1/meetings/${listMeeting}/participants`)).body.participants).toEqual([]);
	});

	it('writes nothing when a row is bad, and everything when the list is good', async () => {
		const bad = await bulk(secretary, { participants: [{ user: 'chair', role: 'chair' }, { user: 'nobody.here' }] });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toEqual([{ path: 'participants.1.user', message: 'unknown_user' }]);
		expect((await secretary.request('GET', `/api/v1/meetings/${listMeeting}/participants`)).body.participants).toEqual([]);

		const good = await bulk(secretary, { participants: [{ user: 'chair', role: 'chair' }, { user: 'delegate1' }, { user: 'Bùi Thị Lan', role: 'observer' }] });
		expect(good.status).toBe(200);
		expect(good.body).toMatchObject({ invited: 3, errors: 0 });
		const participants = (await secretary.request('GET', `/api/v1/meetings/${listMeeting}/participants`)).body.participants as { username: string; role: string; canVote: boolean }[];
		expect(participants.map((p) => [p.username, p.role, p.canVote]).sort()).toEqual([
			['chair', 'chair', true],
			['delegate1', 'delegate', true],
			['observer', 'observer', false]
		]);
		expect(auditActions('participant.add').filter((a) => JSON.parse(a.data).source === 'list')).toHaveLength(3);
	});

	it('leaves people already invited as they are, and refuses a second chair', async () => {
		const res = await bulk(secretary, { dryRun: true, participants: [{ user: 'delegate1', role: 'observer' }, { user: 'delegate4', role: 'chair' }] });
		expect(res.body.rows.map((r: { status: string; problem?: string }) => r.problem ?? r.status)).toEqual(['already_invited', 'chair_exists']);
	});

	it('is for the secretariat only, and validates its input', async () => {
		// delegate1 is a participant of this meeting by now (the list above), but not of the secretariat.
		expect((await bulk(delegate, { participants: [{ user: 'delegate5' }] })).status).toBe(403);
		expect((await bulk(secretary, { participants: [] })).status).toBe(400);
		expect((await bulk(secretary, { participants: [{ user: 'x', extra: 1 }] })).status).toBe(400);
	});
});

describe('user groups', () => {
	let groupId: string;
	let groupMeeting: string;

	it('are made by the administrator only, with names unique whatever the accents', async () => {
		expect((await secretary.request('POST', '/api/v1/groups', { name: 'Tổ thư ký' })).status).toBe(403);
		const made = await admin.request('POST', '/api/v1/groups', { name: 'Tổ công tác đặc biệt', defaultRole: 'delegate', defaultCanVote: false });
		expect(made.status).toBe(201);
		groupId = made.body.id;
		const clash = await admin.request('POST', '/api/v1/groups', { name: 'to cong tac DAC BIET' });
		expect(clash.status).toBe(409);
		expect(clash.body.error.code).toBe('group_name_taken');
		expect((await admin.request('POST', '/api/v1/groups', { name: 'Nhóm chủ tọa', defaultRole: 'chair' })).status).toBe(400);
	});

	it('take members, listed to the secretariat', async () => {
		const users = (await admin.request('GET', '/api/v1/users')).body.users as { id: string; username: string }[];
		const ids = ['delegate3', 'delegate4', 'delegate5'].map((u) => users.find((x) => x.username === u)!.id);
		const set = await admin.request('PUT', `/api/v1/groups/${groupId}/members`, { userIds: ids });
		expect(set.status).toBe(200);
		expect(set.body.members.map((u: { username: string }) => u.username).sort()).toEqual(['delegate3', 'delegate4', 'delegate5']);
		const listed = (await secretary.request('GET', '/api/v1/groups')).body.groups as { id: string; members: { username: string }[] }[];
		expect(listed.find((g) => g.id === groupId)!.members.map((u) => u.username).sort()).toEqual(['delegate3', 'delegate4', 'delegate5']);
		expect((await delegate.request('GET', '/api/v1/groups')).status).toBe(403);
	});

	it('are invited in one step with their role and vote, skipping those already invited', async () => {
		groupMeeting = (await secretary.request('POST', '/api/v1/meetings', { title: 'Họp mời theo nhóm', startsAt: '2027-01-14T08:00:00+07:00' })).body.id;
		const users = (await admin.request('GET', '/api/v1/users')).body.users as { id: string; username: string }[];
		const d3 = users.find((x) => x.username === 'delegate3')!.id;
		await secretary.request('POST', `/api/v1/meetings/${groupMeeting}/participants`, { userId: d3, role: 'observer' });
		const res = await secretary.request('POST', `/api/v1/meetings/${groupMeeting}/participants/groups`, { groupId });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ invited: 2, alreadyInvited: 1, group: { name: 'Tổ công tác đặc biệt' } });
		const participants = (await secretary.request('GET', `/api/v1/meetings/${groupMeeting}/participants`)).body.participants as { username: string; role: string; canVote: boolean }[];
		expect(participants.map((p) => [p.username, p.role, p.canVote]).sort()).toEqual([
			['delegate3', 'observer', false],
			['delegate4', 'delegate', false],
			['delegate5', 'delegate', false]
		]);
		const again = await secretary.request('POST', `/api/v1/meetings/${groupMeeting}/participants/groups`, { groupId });
		expect(again.body).toMatchObject({ invited: 0, alreadyInvited: 3 });
	});

	it('can be deleted without touching the invitations made through them', async () => {
		expect((await admin.request('DELETE', `/api/v1/groups/${groupId}`)).status).toBe(204);
		expect((await secretary.request('GET', `/api/v1/meetings/${groupMeeting}/participants`)).body.participants).toHaveLength(3);
	});
});

describe('the demo’s upcoming meeting', () => {
	it('holds papers under its agenda, one of them confidential, and the group Thành viên UBND tỉnh', async () => {
		const demo = await demoMeetingId(server.url);
		const documents = (await delegate.request<{ documents: DocumentView[] }>('GET', `/api/v1/meetings/${demo}/documents`)).body.documents;
		expect(documents.length).toBeGreaterThanOrEqual(4);
		expect(documents.filter((d) => d.confidential).map((d) => d.title)).toEqual(['Phương án phân bổ kế hoạch vốn đầu tư công năm 2027']);
		expect(documents.map((d) => d.title)).toContain('Báo cáo tình hình kinh tế – xã hội năm 2026 và kế hoạch phát triển năm 2027');
		const groups = (await secretary.request('GET', '/api/v1/groups')).body.groups as { name: string; members: unknown[] }[];
		expect(groups.find((g) => g.name === 'Thành viên UBND tỉnh')?.members).toHaveLength(6);
	});
});
