import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, startServer, userIds, type ApiClient, type TestServer } from './harness';

// The secretariat prepares a meeting entirely through the API; the tests run in order and share its state.
let server: TestServer;
let secretary: ApiClient;
let ids: Map<string, string>;
let meetingId: string;

interface AgendaNode {
	id: string;
	number: string;
	title: string;
	parentId: string | null;
	position: number;
	children: AgendaNode[];
}
const outline = (tree: AgendaNode[]) => tree.map((n) => `${n.number} ${n.title}${n.children.map((c) => ` [${c.number} ${c.title}]`).join('')}`);
const id = (username: string) => ids.get(username)!;

beforeAll(async () => {
	server = await startServer({ seed: true });
	secretary = await loggedIn(server.url, 'secretary');
	ids = await userIds(secretary);
});
afterAll(async () => {
	await server?.stop();
});

describe('creating a meeting', () => {
	it('answers 201 with the meeting, id first, dates as ISO strings', async () => {
		const res = await secretary.request('POST', '/api/v1/meetings', {
			title: '  Họp giao ban tuần  ',
			startsAt: '2027-03-01T08:00:00+07:00',
			endsAt: Date.UTC(2027, 2, 1, 3, 30),
			location: 'Phòng họp số 2'
		});
		expect(res.status).toBe(201);
		expect(Object.keys(res.body)[0]).toBe('id');
		expect(res.body).toMatchObject({
			title: 'Họp giao ban tuần',
			startsAt: '2027-03-01T01:00:00.000Z',
			endsAt: '2027-03-01T03:30:00.000Z',
			location: 'Phòng họp số 2',
			body: '',
			description: '',
			status: 'draft',
			createdBy: id('secretary')
		});
		meetingId = res.body.id;
	});

	it('is edited with PATCH; endsAt may be cleared', async () => {
		const res = await secretary.request('PATCH', `/api/v1/meetings/${meetingId}`, { status: 'scheduled', endsAt: null, body: 'Văn phòng UBND' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: meetingId, status: 'scheduled', endsAt: null, body: 'Văn phòng UBND', title: 'Họp giao ban tuần' });
	});

	it('is not visible to members before they are invited', async () => {
		const delegate = await loggedIn(server.url, 'delegate1');
		expect((await delegate.request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(404);
	});
});

describe('validation', () => {
	const post = (body: unknown) => secretary.request('POST', '/api/v1/meetings', body);
	const paths = (res: { body: { error: { fields: { path: string }[] } } }) => res.body.error.fields.map((f) => f.path).sort();

	it('names a missing title', async () => {
		const res = await post({ startsAt: '2027-03-01T08:00:00+07:00' });
		expect(res.status).toBe(400);
		expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
		expect(paths(res)).toEqual(['title']);
		expect((await post({ title: '   ', startsAt: Date.now() })).status).toBe(400);
	});

	it('refuses an end before the start, on create and on edit', async () => {
		const res = await post({ title: 'Backwards', startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T07:00:00Z' });
		expect(res.status).toBe(400);
		expect(paths(res)).toEqual(['endsAt']);
		const edit = await secretary.request('PATCH', `/api/v1/meetings/${meetingId}`, { endsAt: '2020-01-01T00:00:00Z' });
		expect(edit.status).toBe(400);
		expect(paths(edit)).toEqual(['endsAt']);
	});

	it('names every field of the wrong type', async () => {
		const res = await post({ title: 42, startsAt: 'next tuesday', endsAt: -5, status: 'maybe', location: ['a'] });
		expect(res.status).toBe(400);
		expect(paths(res)).toEqual(['endsAt', 'location', 'startsAt', 'status', 'title']);
		// A date without an offset is ambiguous across time zones: refused, not guessed.
		expect(paths(await post({ title: 'Local time', startsAt: '2027-03-01T08:00:00' }))).toEqual(['startsAt']);
		expect(paths(await post([]))).toEqual(['(body)']);
	});

	it('answers malformed JSON and a non-JSON body with invalid_json', async () => {
		const malformed = await secretary.request('POST', '/api/v1/meetings', undefined, { raw: '{"title": "x",', headers: { 'content-type': 'application/json' } });
		expect(malformed.status).toBe(400);
		expect(malformed.body.error.code).toBe('invalid_json');
		const yaml = await secretary.request('POST', `/api/v1/meetings/${meetingId}/agenda`, undefined, { raw: 'title: x', headers: { 'content-type': 'application/yaml' } });
		expect(yaml.status).toBe(400);
		expect(yaml.body.error.code).toBe('invalid_json');
		// Without Origin only JSON is accepted (the Origin rule, hooks.server.ts): a form-like body is refused the same.
		const form = await secretary.request('POST', `/api/v1/meetings/${meetingId}/agenda`, undefined, { raw: 'title=x', headers: { 'content-type': 'text/plain' } });
		expect([form.status, form.body.error.code]).toEqual([400, 'invalid_json']);
	});
});

describe('participants', () => {
	const base = () => `/api/v1/meetings/${meetingId}/participants`;
	const roles = async () => {
		const res = await secretary.request('GET', base());
		return Object.fromEntries(res.body.participants.map((p: { username: string; role: string; canVote: boolean }) => [p.username, `${p.role}${p.canVote ? '+vote' : ''}`]));
	};

	it('invites a chair, delegates and an observer (who never votes, whatever was asked)', async () => {
		const chair = await secretary.request('POST', base(), { userId: id('chair'), role: 'chair' });
		expect(chair.status).toBe(201);
		expect(chair.body).toEqual({ id: id('chair'), userId: id('chair'), username: 'chair', displayName: 'Trần Văn Minh', role: 'chair', canVote: true });
		expect((await secretary.request('POST', base(), { userId: id('delegate1'), role: 'delegate' })).status).toBe(201);
		expect((await secretary.request('POST', base(), { userId: id('delegate2'), role: 'delegate', canVote: false })).body.canVote).toBe(false);
		const observer = await secretary.request('POST', base(), { userId: id('observer'), role: 'observer', canVote: true });
		expect(observer.status).toBe(201);
		expect(observer.body.canVote).toBe(false);
		expect(await roles()).toEqual({ chair: 'chair+vote', delegate1: 'delegate+vote', delegate2: 'delegate', observer: 'observer' });
	});

	it('refuses a second invitation, an unknown user and a bad role', async () => {
		const again = await secretary.request('POST', base(), { userId: id('delegate1'), role: 'observer' });
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('already_participant');
		const ghost = await secretary.request('POST', base(), { userId: 'nobody', role: 'delegate' });
		expect(ghost.status).toBe(400);
		expect(ghost.body.error.fields).toEqual([{ path: 'userId', message: expect.any(String) }]);
		const bad = await secretary.request('POST', base(), { userId: id('delegate3'), role: 'king' });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['role']);
	});

	it('a second chair is refused with the current chair named, unless replaceChair says so; then the first one is a delegate', async () => {
		const refused = await secretary.request('POST', base(), { userId: id('delegate3'), role: 'chair' });
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({ code: 'chair_exists', currentChair: { userId: id('chair'), displayName: 'Trần Văn Minh' } });
		expect((await roles()).delegate3).toBeUndefined();
		const res = await secretary.request('POST', base(), { userId: id('delegate3'), role: 'chair', replaceChair: true });
		expect(res.status).toBe(201);
		const now = await roles();
		expect(now.delegate3).toBe('chair+vote');
		expect(now.chair).toBe('delegate+vote');
		expect(Object.values(now).filter((r) => String(r).startsWith('chair'))).toHaveLength(1);
	});

	it('changes a role or a voting right with PATCH', async () => {
		const res = await secretary.request('PATCH', `${base()}/${id('delegate2')}`, { canVote: true });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: id('delegate2'), role: 'delegate', canVote: true });
		const demoted = await secretary.request('PATCH', `${base()}/${id('delegate2')}`, { role: 'observer' });
		expect(demoted.body).toMatchObject({ role: 'observer', canVote: false });
		const restored = await secretary.request('PATCH', `${base()}/${id('delegate2')}`, { role: 'delegate' });
		expect(restored.body).toMatchObject({ role: 'delegate', canVote: true });
		expect((await secretary.request('PATCH', `${base()}/${id('outsider')}`, { canVote: true })).status).toBe(404);
	});

	it('removes a participant, who then no longer sees the meeting', async () => {
		const before = await loggedIn(server.url, 'delegate2');
		expect((await before.request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(200);
		expect((await secretary.request('DELETE', `${base()}/${id('delegate2')}`)).status).toBe(204);
		expect((await before.request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(404);
		expect((await before.request('GET', '/api/v1/meetings')).body.meetings).toEqual(expect.not.arrayContaining([expect.objectContaining({ id: meetingId })]));
		expect((await secretary.request('DELETE', `${base()}/${id('delegate2')}`)).status).toBe(404);
	});
});

describe('agenda', () => {
	const base = () => `/api/v1/meetings/${meetingId}/agenda`;
	const items = new Map<string, string>();
	const add = async (title: string, extra: Record<string, unknown> = {}) => {
		const res = await secretary.request('POST', base(), { title, ...extra });
		expect(res.status).toBe(201);
		items.set(title, res.body.id);
		return res.body;
	};
	const tree = async () => (await secretary.request('GET', base())).body.agenda as AgendaNode[];

	it('adds items in order, and sub-items under a top-level item', async () => {
		const first = await add('Khai mạc', { durationMinutes: 5, presenter: 'Chủ tọa' });
		expect(Object.keys(first)[0]).toBe('id');
		expect(first).toMatchObject({ meetingId, parentId: null, position: 0, title: 'Khai mạc', durationMinutes: 5, presenter: 'Chủ tọa', description: '' });
		await add('Báo cáo');
		await add('Bế mạc');
		const sub = await add('Thảo luận', { parentId: items.get('Báo cáo') });
		expect(sub).toMatchObject({ parentId: items.get('Báo cáo'), position: 0 });
		await add('Biểu quyết', { parentId: items.get('Báo cáo') });
		expect(outline(await tree())).toEqual(['1 Khai mạc', '2 Báo cáo [2.1 Thảo luận] [2.2 Biểu quyết]', '3 Bế mạc']);
	});

	it('keeps sub-items one level deep and in this meeting', async () => {
		const deep = await secretary.request('POST', base(), { title: 'Too deep', parentId: items.get('Thảo luận') });
		expect(deep.status).toBe(400);
		expect(deep.body.error.fields[0].path).toBe('parentId');
		const typed = await secretary.request('POST', base(), { title: '', durationMinutes: 0 });
		expect(typed.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['durationMinutes', 'title']);
	});

	it('moves an item and answers with the renumbered tree', async () => {
		const res = await secretary.request('POST', `${base()}/${items.get('Bế mạc')}/move`, { parentId: null, position: 0 });
		expect(res.status).toBe(200);
		expect(outline(res.body.agenda)).toEqual(['1 Bế mạc', '2 Khai mạc', '3 Báo cáo [3.1 Thảo luận] [3.2 Biểu quyết]']);
		const back = await secretary.request('POST', `${base()}/${items.get('Bế mạc')}/move`, { parentId: null, position: 99 });
		expect(outline(back.body.agenda)).toEqual(['1 Khai mạc', '2 Báo cáo [2.1 Thảo luận] [2.2 Biểu quyết]', '3 Bế mạc']);
	});

	it('moves a sub-item out to the top level and back in', async () => {
		const out = await secretary.request('POST', `${base()}/${items.get('Biểu quyết')}/move`, { parentId: null, position: 2 });
		expect(outline(out.body.agenda)).toEqual(['1 Khai mạc', '2 Báo cáo [2.1 Thảo luận]', '3 Biểu quyết', '4 Bế mạc']);
		const back = await secretary.request('POST', `${base()}/${items.get('Biểu quyết')}/move`, { parentId: items.get('Báo cáo'), position: 0 });
		expect(outline(back.body.agenda)).toEqual(['1 Khai mạc', '2 Báo cáo [2.1 Biểu quyết] [2.2 Thảo luận]', '3 Bế mạc']);
		// An item with sub-items cannot itself become a sub-item.
		const refused = await secretary.request('POST', `${base()}/${items.get('Báo cáo')}/move`, { parentId: items.get('Khai mạc'), position: 0 });
		expect(refused.status).toBe(400);
		expect((await secretary.request('POST', `${base()}/${items.get('Báo cáo')}/move`, { parentId: null })).status).toBe(400);
	});

	it('edits an item with PATCH and deletes one (with its sub-items), closing the gap', async () => {
		const edit = await secretary.request('PATCH', `${base()}/${items.get('Khai mạc')}`, { title: 'Khai mạc phiên họp', durationMinutes: null });
		expect(edit.status).toBe(200);
		expect(edit.body).toMatchObject({ id: items.get('Khai mạc'), title: 'Khai mạc phiên họp', durationMinutes: null, presenter: 'Chủ tọa' });
		expect((await secretary.request('DELETE', `${base()}/${items.get('Báo cáo')}`)).status).toBe(204);
		const after = await tree();
		expect(outline(after)).toEqual(['1 Khai mạc phiên họp', '2 Bế mạc']);
		expect(after.map((n) => n.position)).toEqual([0, 1]);
		expect((await secretary.request('PATCH', `${base()}/${items.get('Thảo luận')}`, { title: 'Gone' })).status).toBe(404);
		expect((await secretary.request('POST', base(), { title: 'Again' })).body.position).toBe(2);
	});

	it('refuses an item id from another meeting', async () => {
		const other = await secretary.request('POST', '/api/v1/meetings', { title: 'Another', startsAt: Date.now() });
		const res = await secretary.request('PATCH', `/api/v1/meetings/${other.body.id}/agenda/${items.get('Khai mạc')}`, { title: 'Crossed' });
		expect(res.status).toBe(404);
	});
});

describe('the invited members', () => {
	it('see the meeting, its agenda and the other participants', async () => {
		const delegate = await loggedIn(server.url, 'delegate1');
		const list = await delegate.request('GET', '/api/v1/meetings');
		expect(list.body.meetings.find((m: { id: string }) => m.id === meetingId)).toMatchObject({ title: 'Họp giao ban tuần', myRole: 'delegate', agendaCount: 3 });
		const detail = await delegate.request('GET', `/api/v1/meetings/${meetingId}`);
		expect(detail.status).toBe(200);
		expect(detail.body.myRole).toBe('delegate');
		expect(detail.body.can.vote).toBe(true);
		expect(detail.body.agenda.map((n: AgendaNode) => n.title)).toEqual(['Khai mạc phiên họp', 'Bế mạc', 'Again']);
		expect(detail.body.participants.map((p: { username: string }) => p.username).sort()).toEqual(['chair', 'delegate1', 'delegate3', 'observer']);
	});

	it('the new chair may approve minutes; the old one, now a delegate, may not', async () => {
		const newChair = await loggedIn(server.url, 'delegate3');
		expect((await newChair.request('GET', `/api/v1/meetings/${meetingId}`)).body).toMatchObject({ myRole: 'chair', can: { approve_minutes: true } });
		const oldChair = await loggedIn(server.url, 'chair');
		expect((await oldChair.request('GET', `/api/v1/meetings/${meetingId}`)).body).toMatchObject({ myRole: 'delegate', can: { approve_minutes: false } });
	});

	it('the secretariat sees every meeting without being invited', async () => {
		const list = await secretary.request('GET', '/api/v1/meetings');
		expect(list.body.meetings.length).toBeGreaterThanOrEqual(3);
		const detail = await secretary.request('GET', `/api/v1/meetings/${meetingId}`);
		expect(detail.body).toMatchObject({ myRole: null, can: { edit: true, manage_participants: true, vote: false } });
	});
});
