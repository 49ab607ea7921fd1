import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loggedIn, startServer, type TestServer } from './harness';

// Lists come out in Vietnamese alphabetical order (docs/api.md, "Order of names"), not in SQLite's byte order,
// which put Đặng after every Latin letter and Nguyễn before Ngô. The names are created in scrambled order and
// written so that their bytes sort differently from their letters.
const NAMES = ['Vũ Hải', 'Đỗ Thanh', 'Nguyễn Ánh', 'Ông Ích', 'Ngọc Ấn', 'Đặng Thu', 'Võ Lâm', 'Ngô Bảo', 'Bùi Lan', 'Đinh Tâm'];
const IN_ORDER = ['Bùi Lan', 'Đặng Thu', 'Đinh Tâm', 'Đỗ Thanh', 'Ngọc Ấn', 'Ngô Bảo', 'Nguyễn Ánh', 'Ông Ích', 'Võ Lâm', 'Vũ Hải'];

let server: TestServer;
let admin: ApiClient;
const ids = new Map<string, string>();

beforeAll(async () => {
	server = await startServer({ seed: true });
	admin = await loggedIn(server.url, 'admin');
	for (const [i, displayName] of NAMES.entries()) {
		const res = await admin.request('POST', '/api/v1/users', { username: `nguoi${i}`, displayName, password: 'mat-khau-dai-du', role: 'member' });
		if (res.status !== 201) throw new Error(`create ${displayName}: ${res.status} ${JSON.stringify(res.body)}`);
		ids.set(displayName, res.body.id);
	}
});
afterAll(async () => {
	await server?.stop();
});

describe('names in Vietnamese alphabetical order', () => {
	it('GET /api/v1/users lists the accounts a ă â b c d đ … o ô ơ … u ư', async () => {
		const res = await admin.request('GET', '/api/v1/users');
		expect(res.status).toBe(200);
		const names = (res.body.users as { displayName: string }[]).map((u) => u.displayName).filter((n) => NAMES.includes(n));
		expect(names).toEqual(IN_ORDER);
	});

	it('participants and attendance: by role, then by name in the same order', async () => {
		const meeting = await admin.request('POST', '/api/v1/meetings', { title: 'Họp thử thứ tự tên', startsAt: '2027-03-01T08:00:00+07:00' });
		expect(meeting.status).toBe(201);
		const base = `/api/v1/meetings/${meeting.body.id}`;
		// Invited in the scrambled order; Vũ Hải chairs, so comes first whatever the alphabet says.
		for (const name of NAMES) {
			const role = name === 'Vũ Hải' ? 'chair' : 'delegate';
			expect((await admin.request('POST', `${base}/participants`, { userId: ids.get(name), role })).status).toBe(201);
		}
		const expected = ['Vũ Hải', ...IN_ORDER.filter((n) => n !== 'Vũ Hải')];
		const participants = await admin.request('GET', `${base}/participants`);
		expect(participants.body.participants.map((p: { displayName: string }) => p.displayName)).toEqual(expected);
		const attendance = await admin.request('GET', `${base}/attendance`);
		expect(attendance.body.participants.map((p: { displayName: string }) => p.displayName)).toEqual(expected);
	});
});
