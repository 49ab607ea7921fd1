import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, loggedIn, startServer, userIds, type TestServer } from './harness';

// Conclusions of the minutes become tasks on the real server: who may give, read and report on them, the filters,
// the status rules (overdue computed, never stored), comments and attachments kept across a restart, and the
// archive record that lists the tasks its minutes created.

const CONCLUSION = 'Giao Sở Tài chính chủ trì, phối hợp các sở rà soát dự toán ngân sách năm 2027.';
const CONCLUSION_2 = 'Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện các kết luận.';

let server: TestServer;
let secretary: ApiClient;
let chair: ApiClient;
let member: ApiClient; // delegate1: a participant of the meeting
let owner: ApiClient; // delegate2: not a participant, given a task
let outsider: ApiClient;
let admin: ApiClient;
let ids: Map<string, string>;
let meetingId: string;
let departmentId: string;
let personal: { id: string };
let departmental: { id: string };
let attachmentId: string;
const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% báo cáo tiến độ\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

async function upload(client: ApiClient, taskId: string, name: string, bytes: Uint8Array) {
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(bytes)]), name);
	// A browser sends Origin with a multipart form; without it the CSRF rule takes only JSON (http/origin-rule.ts).
	const res = await fetch(`${server.url}/api/v1/tasks/${taskId}/attachments`, { method: 'POST', headers: { cookie: client.cookie, origin: server.url }, body: form });
	return { status: res.status, body: (await res.json()) as { id: string; kind: string; error?: { code: string } } };
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	[secretary, chair, member, owner, outsider, admin] = (await Promise.all(['secretary', 'chair', 'delegate1', 'delegate2', 'outsider', 'admin'].map((u) => loggedIn(server.url, u)))) as ApiClient[] as [
		ApiClient,
		ApiClient,
		ApiClient,
		ApiClient,
		ApiClient,
		ApiClient
	];
	ids = await userIds(secretary);
	const created = await secretary.request<{ id: string }>('POST', '/api/v1/meetings', { title: 'Họp giao ban tháng 12', startsAt: new Date().toISOString() });
	meetingId = created.body.id;
	for (const [username, role] of [
		['chair', 'chair'],
		['delegate1', 'delegate']
	]) {
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: ids.get(username!), role })).status).toBe(201);
	}
	expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { locale: 'vi' })).status).toBe(201);
	const text = `Kết luận của Chủ tọa:\n\n${CONCLUSION}\n\n${CONCLUSION_2}`;
	expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/paragraphs`, { text })).status).toBe(201);
});

afterAll(async () => {
	await server?.stop();
});

describe('departments', () => {
	it('are kept by the administrator; everyone signed in reads them', async () => {
		expect((await secretary.request('POST', '/api/v1/departments', { name: 'Sở Tài chính' })).status).toBe(403);
		const created = await admin.request<{ id: string }>('POST', '/api/v1/departments', { name: 'Sở Tài chính' });
		expect(created.status).toBe(201);
		departmentId = created.body.id;
		expect((await admin.request('POST', '/api/v1/departments', { name: 'Sở Tài chính' })).body).toMatchObject({ error: { code: 'department_name_taken' } });
		const list = await member.request<{ departments: { name: string }[] }>('GET', '/api/v1/departments');
		expect(list.body.departments.map((d) => d.name)).toContain('Sở Tài chính');
	});
});

describe('POST /api/v1/tasks', () => {
	const body = (over: Record<string, unknown> = {}) => ({ meetingId, conclusion: CONCLUSION, owner: { kind: 'user', id: ids.get('delegate2') }, deadline: inDays(7), ...over });

	it('is refused to members (403) and outsiders (404), and for a line not in the minutes (422)', async () => {
		expect((await member.request('POST', '/api/v1/tasks', body())).status).toBe(403);
		expect((await outsider.request('POST', '/api/v1/tasks', body())).status).toBe(404);
		expect((await secretary.request('POST', '/api/v1/tasks', body({ conclusion: 'Một kết luận không có trong biên bản.' }))).body).toMatchObject({
			error: { code: 'conclusion_not_in_minutes' }
		});
		expect((await secretary.request('POST', '/api/v1/tasks', body({ deadline: inDays(-1) }))).status).toBe(400);
		expect((await secretary.request('POST', '/api/v1/tasks', body({ owner: { kind: 'user', id: 'nobody' } }))).status).toBe(400);
		expect((await secretary.request('POST', '/api/v1/tasks', body({ owner: { kind: 'group', id: departmentId } }))).status).toBe(400);
	});

	it('gives a conclusion to a person (the secretariat) or a department (the chair), audited', async () => {
		const a = await secretary.request<{ id: string; status: string; overdue: boolean; owner: unknown }>('POST', '/api/v1/tasks', body());
		expect(a.status).toBe(201);
		expect(a.body).toMatchObject({ status: 'assigned', overdue: false, owner: { kind: 'user', id: ids.get('delegate2'), name: expect.any(String) } });
		personal = a.body;
		const b = await chair.request<{ id: string; owner: unknown }>('POST', '/api/v1/tasks', body({ conclusion: CONCLUSION_2, owner: { kind: 'department', id: departmentId } }));
		expect(b.status).toBe(201);
		expect(b.body.owner).toEqual({ kind: 'department', id: departmentId, name: 'Sở Tài chính' });
		departmental = b.body;
		const audit = await secretary.request<{ entries: { action: string; subjectId: string }[] }>('GET', `/api/v1/audit?meetingId=${meetingId}&action=task`);
		expect(audit.body.entries.map((e) => [e.action, e.subjectId]).sort()).toEqual(
			[
				['task.create', personal.id],
				['task.create', departmental.id]
			].sort()
		);
		// A department in use stays on the list.
		expect((await admin.request('DELETE', `/api/v1/departments/${departmentId}`)).body).toMatchObject({ error: { code: 'department_in_use' } });
	});
});

describe('reading tasks', () => {
	const listed = async (client: ApiClient, query = '') => (await client.request<{ tasks: { id: string }[] }>('GET', `/api/v1/tasks${query}`)).body.tasks.map((t) => t.id).sort();

	it('shows members their meetings’ tasks, an owner their own, an outsider nothing (404 on the task)', async () => {
		expect(await listed(member)).toEqual([personal.id, departmental.id].sort());
		expect(await listed(owner)).toEqual([personal.id]);
		expect(await listed(outsider)).toEqual([]);
		expect((await owner.request('GET', `/api/v1/tasks/${departmental.id}`)).status).toBe(404);
		expect((await outsider.request('GET', `/api/v1/tasks/${personal.id}`)).status).toBe(404);
		const seen = await member.request<{ can: { manage: boolean; report: boolean }; nextStatuses: string[] }>('GET', `/api/v1/tasks/${personal.id}`);
		expect(seen.body).toMatchObject({ can: { manage: false, report: false }, nextStatuses: [] });
	});

	it('filters by owner, status, meeting and body', async () => {
		expect(await listed(owner, '?owner=me')).toEqual([personal.id]);
		expect(await listed(secretary, `?owner=${departmentId}`)).toEqual([departmental.id]);
		expect(await listed(secretary, `?owner=${ids.get('delegate2')}&meeting=${meetingId}`)).toEqual([personal.id]);
		expect(await listed(secretary, `?meeting=${meetingId}&status=assigned`)).toEqual([personal.id, departmental.id].sort());
		expect(await listed(secretary, `?meeting=${meetingId}&status=done`)).toEqual([]);
		expect(await listed(secretary, `?meeting=${meetingId}&body=${encodeURIComponent('Một cơ quan khác')}`)).toEqual([]);
		expect((await secretary.request('GET', '/api/v1/tasks?status=late')).status).toBe(400);
	});
});

describe('PATCH /api/v1/tasks/:id', () => {
	it('lets the owner move the task forward, never back, and change nothing else', async () => {
		expect((await member.request('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'in_progress' })).status).toBe(403);
		expect((await outsider.request('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'in_progress' })).status).toBe(404);
		const started = await owner.request<{ status: string; nextStatuses: string[] }>('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'in_progress' });
		expect(started.status).toBe(200);
		expect(started.body).toMatchObject({ status: 'in_progress', nextStatuses: ['done'] });
		expect((await owner.request('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'assigned' })).body).toMatchObject({ error: { code: 'task_transition' } });
		expect((await owner.request('PATCH', `/api/v1/tasks/${personal.id}`, { deadline: inDays(30) })).status).toBe(403);
		expect((await owner.request('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'finished' })).status).toBe(400);
		expect((await owner.request('PATCH', `/api/v1/tasks/${personal.id}`, {})).status).toBe(400);
	});

	it('marks a task past its deadline overdue while its stored status stays what people set', async () => {
		const moved = await secretary.request<{ status: string; overdue: boolean; daysOverdue: number }>('PATCH', `/api/v1/tasks/${personal.id}`, { deadline: inDays(-2) });
		expect(moved.body).toMatchObject({ status: 'in_progress', overdue: true, daysOverdue: 2 });
		const overdue = await secretary.request<{ tasks: { id: string; status: string }[] }>('GET', `/api/v1/tasks?meeting=${meetingId}&status=overdue`);
		expect(overdue.body.tasks).toEqual([expect.objectContaining({ id: personal.id, status: 'in_progress' })]);
		const inProgress = await secretary.request<{ tasks: { id: string }[] }>('GET', `/api/v1/tasks?meeting=${meetingId}&status=in_progress`);
		expect(inProgress.body.tasks.map((t) => t.id)).toEqual([personal.id]);
	});

	it('takes comments from the owner and the managers only', async () => {
		const comment = await owner.request<{ body: string; author: { id: string } }>('POST', `/api/v1/tasks/${personal.id}/comments`, { body: 'Đã họp với các sở,\nđang tổng hợp số liệu.' });
		expect(comment.status).toBe(201);
		expect(comment.body).toMatchObject({ body: 'Đã họp với các sở,\nđang tổng hợp số liệu.', author: { id: ids.get('delegate2') } });
		expect((await member.request('POST', `/api/v1/tasks/${personal.id}/comments`, { body: 'Góp ý' })).status).toBe(403);
		expect((await outsider.request('POST', `/api/v1/tasks/${personal.id}/comments`, { body: 'Góp ý' })).status).toBe(404);
		expect((await owner.request('POST', `/api/v1/tasks/${personal.id}/comments`, { body: '   ' })).status).toBe(400);
		const read = await member.request<{ comments: { body: string }[] }>('GET', `/api/v1/tasks/${personal.id}/comments`);
		expect(read.body.comments).toHaveLength(1);
	});

	it('takes PDF and office attachments whose bytes match their names, and serves them as downloads', async () => {
		const pdf = await upload(owner, personal.id, 'Báo cáo tiến độ.pdf', PDF_BYTES);
		expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
		expect(pdf.body.kind).toBe('pdf');
		attachmentId = pdf.body.id;
		const docx = await upload(secretary, personal.id, 'Kế hoạch.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
		expect(docx.status).toBe(201);
		expect(docx.body.kind).toBe('docx');
		expect((await upload(owner, personal.id, 'trang.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'))).status).toBe(415);
		expect((await upload(owner, personal.id, 'chay.exe', PDF_BYTES)).status).toBe(415);
		expect((await upload(member, personal.id, 'x.pdf', PDF_BYTES)).status).toBe(403);
		expect((await upload(outsider, personal.id, 'x.pdf', PDF_BYTES)).status).toBe(404);

		const res = await fetch(`${server.url}/api/v1/tasks/${personal.id}/attachments/${attachmentId}`, { headers: { cookie: member.cookie } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PDF_BYTES))).toBe(true);
		expect((await fetch(`${server.url}/api/v1/tasks/${personal.id}/attachments/${attachmentId}`, { headers: { cookie: outsider.cookie } })).status).toBe(404);
		expect((await fetch(`${server.url}/api/v1/tasks/${departmental.id}/attachments/${attachmentId}`, { headers: { cookie: secretary.cookie } })).status).toBe(404);
	});

	it('lets the owner report it done, and a manager reopen it', async () => {
		const done = await owner.request<{ status: string; overdue: boolean; doneAt: string | null; nextStatuses: string[] }>('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'done' });
		expect(done.body).toMatchObject({ status: 'done', overdue: false, nextStatuses: [] });
		expect(done.body.doneAt).not.toBeNull();
		expect((await owner.request('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'in_progress' })).status).toBe(409);
		expect((await chair.request('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'in_progress' })).body).toMatchObject({ status: 'in_progress', doneAt: null });
		expect((await owner.request('PATCH', `/api/v1/tasks/${personal.id}`, { status: 'done' })).status).toBe(200);
	});
});

describe('the archive', () => {
	it('lists the tasks the minutes created; no task is made from minutes once submitted', async () => {
		const submitted = await secretary.request<{ contentHash: string }>('POST', `/api/v1/meetings/${meetingId}/minutes/submit`);
		expect(submitted.status).toBe(200);
		const late = await secretary.request('POST', '/api/v1/tasks', { meetingId, conclusion: CONCLUSION, owner: { kind: 'department', id: departmentId }, deadline: inDays(7) });
		expect(late.body).toMatchObject({ error: { code: 'minutes_not_draft' } });
		const hash = submitted.body.contentHash;
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: hash })).status).toBe(200);
		expect((await chair.request('POST', `/api/v1/meetings/${meetingId}/minutes/approve`, { password: DEMO_PASSWORD, contentHash: hash })).status).toBe(200);

		const archived = await member.request<{ record: string; contentHash: string }>('GET', `/api/v1/meetings/${meetingId}/archive`);
		expect(createHash('sha256').update(archived.body.record).digest('hex')).toBe(archived.body.contentHash);
		const record = JSON.parse(archived.body.record) as { tasks: { id: string; conclusion: string; owner: { kind: string; name: string }; deadline: string }[] };
		expect(record.tasks.map((t) => t.id).sort()).toEqual([personal.id, departmental.id].sort());
		const sealed = record.tasks.find((t) => t.id === departmental.id)!;
		expect(sealed).toMatchObject({ conclusion: CONCLUSION_2, owner: { kind: 'department', name: 'Sở Tài chính' } });
		// What the record says is what was given, not how it went on: no status in it.
		expect(Object.keys(sealed)).not.toContain('status');

		// Follow-up goes on after archiving; the record does not move.
		expect((await secretary.request('PATCH', `/api/v1/tasks/${departmental.id}`, { status: 'in_progress', deadline: inDays(20) })).status).toBe(200);
		const again = await member.request<{ contentHash: string }>('GET', `/api/v1/meetings/${meetingId}/archive`);
		expect(again.body.contentHash).toBe(archived.body.contentHash);
		const after = await secretary.request('POST', '/api/v1/tasks', { meetingId, conclusion: CONCLUSION, owner: { kind: 'department', id: departmentId }, deadline: inDays(7) });
		expect(after.body).toMatchObject({ error: { code: 'meeting_archived' } });
	});

	it('keeps the attachments through a restart (the start-up sweep knows them)', async () => {
		await server.stop();
		server = await startServer({ dataDir: server.dataDir });
		const fresh = await loggedIn(server.url, 'delegate2');
		const res = await fetch(`${server.url}/api/v1/tasks/${personal.id}/attachments/${attachmentId}`, { headers: { cookie: fresh.cookie } });
		expect(res.status).toBe(200);
		expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PDF_BYTES))).toBe(true);
	});
});
