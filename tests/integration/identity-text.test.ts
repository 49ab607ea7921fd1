import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, startServer, type ApiClient, type TestServer } from './harness';

// Names and titles are what people trust to tell who did what: the server refuses the ones that could lie
// about it (bidi overrides, control characters, nothing visible) and stores them composed (NFC).
let server: TestServer;
let admin: ApiClient;
let secretary: ApiClient;

beforeAll(async () => {
	server = await startServer({ seed: true });
	admin = await loggedIn(server.url, 'admin');
	secretary = await loggedIn(server.url, 'secretary');
});
afterAll(async () => {
	await server?.stop();
});

interface ValidationError {
	error: { code: string; message: string; fields: { path: string; message: string; reason?: string }[] };
}

const NFD_TITLE = 'Phiên họp thường kỳ tháng 3'.normalize('NFD');
const NFC_TITLE = 'Phiên họp thường kỳ tháng 3'.normalize('NFC');

describe('accounts', () => {
	it('refuses a display name with a bidi override: 400 validation_failed naming displayName', async () => {
		const res = await admin.request<ValidationError>('POST', '/api/v1/users', {
			username: 'spoof1',
			displayName: 'Admin\u202Efdp.exe',
			password: 'mat-khau-dai-du',
			role: 'member'
		});
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('validation_failed');
		expect(res.body.error.fields).toEqual([{ path: 'displayName', message: expect.any(String), reason: 'bidi_control' }]);
		expect(res.body.error.message).toBe('This text contains hidden characters that change the reading direction. Type it again without them.');
	});

	it('refuses a display name made only of zero-width characters, and a rename to one', async () => {
		const create = await admin.request<ValidationError>('POST', '/api/v1/users', { username: 'spoof2', displayName: '\u200B\u200B', password: 'mat-khau-dai-du' });
		expect(create.status).toBe(400);
		expect(create.body.error.fields).toEqual([{ path: 'displayName', message: expect.any(String), reason: 'no_visible_character' }]);
		const made = await admin.request<{ id: string }>('POST', '/api/v1/users', { username: 'clerk-nfc', displayName: 'Nguye\u0302\u0303n Thi\u0323 Ho\u0302\u0300ng', password: 'mat-khau-dai-du' });
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ displayName: 'Nguyễn Thị Hồng' });
		const rename = await admin.request<ValidationError>('PATCH', `/api/v1/users/${made.body.id}`, { displayName: '\u3164' });
		expect(rename.status).toBe(400);
		expect(rename.body.error.fields.map((f) => f.path)).toEqual(['displayName']);
	});

	it('the account form shows the same error, in the user’s language', async () => {
		const res = await fetch(`${server.url}/admin/users?/create`, {
			method: 'POST',
			body: new URLSearchParams({ username: 'spoof3', displayName: 'Admin\u202Efdp.exe', role: 'member', password: 'mat-khau-dai-du' }),
			headers: { cookie: admin.cookie, origin: server.url, accept: 'text/html', 'accept-language': 'vi' },
			redirect: 'manual'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		const sentence = 'Nội dung có ký tự ẩn làm đảo chiều hiển thị chữ. Vui lòng nhập lại mà không có các ký tự đó.';
		// In the form's alert, and under the field, which is marked invalid.
		expect(html).toContain(`role="alert">${sentence}<`);
		expect(html).toContain(`id="user-display-name-error">${sentence}<`);
		expect(html).toMatch(/id="user-display-name"[^>]*aria-invalid="true"/);
	});
});

describe('meetings and what they hold', () => {
	let meetingId: string;
	let itemId: string;

	it('refuses a meeting title with a NUL: 400 naming title', async () => {
		const res = await secretary.request<ValidationError>('POST', '/api/v1/meetings', { title: 'Họp\u0000giao ban', startsAt: '2027-03-01T08:00:00+07:00' });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('validation_failed');
		expect(res.body.error.fields).toEqual([{ path: 'title', message: expect.any(String), reason: 'control_character' }]);
	});

	it('refuses a location with a bidi isolate', async () => {
		const res = await secretary.request<ValidationError>('POST', '/api/v1/meetings', { title: 'Họp', location: 'Phòng \u2067họp\u2069', startsAt: '2027-03-01T08:00:00+07:00' });
		expect(res.status).toBe(400);
		expect(res.body.error.fields.map((f) => f.path)).toEqual(['location']);
	});

	it('a decomposed Vietnamese title comes back composed (NFC)', async () => {
		expect(NFD_TITLE).not.toBe(NFC_TITLE);
		const res = await secretary.request<{ id: string; title: string }>('POST', '/api/v1/meetings', { title: NFD_TITLE, startsAt: '2027-03-01T08:00:00+07:00' });
		expect(res.status).toBe(201);
		expect(res.body.title).toBe(NFC_TITLE);
		meetingId = res.body.id;
		expect((await secretary.request<{ title: string }>('GET', `/api/v1/meetings/${meetingId}`)).body.title).toBe(NFC_TITLE);
	});

	it('agenda item titles follow the same rule', async () => {
		const bad = await secretary.request<ValidationError>('POST', `/api/v1/meetings/${meetingId}/agenda`, { title: '\u2800\u2800' });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields.map((f) => f.path)).toEqual(['title']);
		const good = await secretary.request<{ id: string; title: string }>('POST', `/api/v1/meetings/${meetingId}/agenda`, { title: 'Ba\u0301o ca\u0301o' });
		expect(good.status).toBe(201);
		expect(good.body.title).toBe('Báo cáo');
		itemId = good.body.id;
		const rename = await secretary.request<ValidationError>('PATCH', `/api/v1/meetings/${meetingId}/agenda/${itemId}`, { title: 'x\u202Dy' });
		expect(rename.status).toBe(400);
	});

	it('motion titles and option labels follow the same rule', async () => {
		const post = (body: Record<string, unknown>) =>
			secretary.request<ValidationError>('POST', `/api/v1/meetings/${meetingId}/motions`, { agendaItemId: itemId, ballot: 'open', ...body });
		const title = await post({ title: 'Thông qua\u202E' });
		expect(title.status).toBe(400);
		expect(title.body.error.fields.map((f) => f.path)).toEqual(['title']);
		const option = await post({ title: 'Bầu tổ trưởng', options: ['Nguyễn A', '\u200B'], maxChoices: 1 });
		expect(option.status).toBe(400);
		expect(option.body.error.fields.map((f) => f.path)).toEqual(['options.1']);
	});
});
