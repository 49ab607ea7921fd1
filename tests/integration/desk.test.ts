import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loggedIn, startServer, userIds, type TestServer } from './harness';

// The secretariat's desk (issue 21) through the API: replies and reasons flowing into attendance and the minutes,
// the chair rule, agenda levels, the audit log and the results workbook. The tests run in order on one meeting.
let server: TestServer;
let secretary: ApiClient;
let ids: Map<string, string>;
let names: Map<string, string>;
let meetingId: string;
let itemId: string;
const clients = new Map<string, ApiClient>();
const as = async (username: string) => {
	if (!clients.has(username)) clients.set(username, await loggedIn(server.url, username));
	return clients.get(username)!;
};
const id = (username: string) => ids.get(username)!;
const reply = async (username: string, body: unknown) => (await as(username)).request('PUT', `/api/v1/meetings/${meetingId}/reply`, body);
const participants = async () =>
	Object.fromEntries(
		(await secretary.request<{ participants: { username: string; role: string; canVote: boolean }[] }>('GET', `/api/v1/meetings/${meetingId}/participants`)).body.participants.map((p) => [
			p.username,
			`${p.role}${p.canVote ? '+vote' : ''}`
		])
	);
const attendanceOf = async (username: string) =>
	(await secretary.request('GET', `/api/v1/meetings/${meetingId}/attendance`)).body.participants.find((p: { userId: string }) => p.userId === id(username));

beforeAll(async () => {
	server = await startServer({ seed: true });
	secretary = await loggedIn(server.url, 'secretary');
	ids = await userIds(secretary);
	const users = (await secretary.request<{ users: { username: string; displayName: string }[] }>('GET', '/api/v1/users')).body.users;
	names = new Map(users.map((u) => [u.username, u.displayName]));
	const meeting = await secretary.request('POST', '/api/v1/meetings', { title: '=Họp giao ban Sở', startsAt: '2027-04-01T08:00:00+07:00', status: 'scheduled' });
	meetingId = meeting.body.id;
	itemId = (await secretary.request('POST', `/api/v1/meetings/${meetingId}/agenda`, { title: 'Báo cáo tình hình' })).body.id;
	const invite = (username: string, role: string) => secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: id(username), role });
	expect((await invite('chair', 'chair')).status).toBe(201);
	for (const d of ['delegate1', 'delegate2', 'delegate3']) expect((await invite(d, 'delegate')).status).toBe(201);
	expect((await invite('observer', 'observer')).status).toBe(201);
});
afterAll(async () => {
	await server?.stop();
});

describe('naming a chair', () => {
	it('is refused with 409 chair_exists and the current chair named, by POST and PATCH alike', async () => {
		const added = await secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: id('delegate4'), role: 'chair' });
		expect(added.status).toBe(409);
		expect(added.body.error).toMatchObject({ code: 'chair_exists', currentChair: { userId: id('chair'), displayName: names.get('chair') } });
		expect(added.body.error.message).toContain(names.get('chair'));
		const patched = await secretary.request('PATCH', `/api/v1/meetings/${meetingId}/participants/${id('delegate2')}`, { role: 'chair' });
		expect([patched.status, patched.body.error.code]).toEqual([409, 'chair_exists']);
		expect(await participants()).toMatchObject({ chair: 'chair+vote', delegate2: 'delegate+vote' });
		expect((await participants()).delegate4).toBeUndefined();
	});

	it('replaces the chair when the request says replaceChair, and the chair may be named again', async () => {
		const patched = await secretary.request('PATCH', `/api/v1/meetings/${meetingId}/participants/${id('delegate2')}`, { role: 'chair', replaceChair: true });
		expect(patched.status).toBe(200);
		expect(await participants()).toMatchObject({ chair: 'delegate+vote', delegate2: 'chair+vote' });
		// Naming the chair who already chairs asks nothing.
		expect((await secretary.request('PATCH', `/api/v1/meetings/${meetingId}/participants/${id('delegate2')}`, { role: 'chair' })).status).toBe(200);
		expect((await secretary.request('PATCH', `/api/v1/meetings/${meetingId}/participants/${id('chair')}`, { role: 'chair', replaceChair: true })).status).toBe(200);
		expect(await participants()).toMatchObject({ chair: 'chair+vote', delegate2: 'delegate+vote' });
	});
});

describe('replies to the invitation', () => {
	it('are a participant’s own: outsiders do not see the meeting; a reason is required, and words for "other"', async () => {
		expect((await reply('outsider', { attending: true })).status).toBe(404);
		const noReason = await reply('delegate1', { attending: false });
		expect([noReason.status, noReason.body.error.fields.map((f: { path: string }) => f.path)]).toEqual([400, ['reason']]);
		const noNote = await reply('delegate1', { attending: false, reason: 'other' });
		expect([noNote.status, noNote.body.error.fields.map((f: { path: string }) => f.path)]).toEqual([400, ['note']]);
		const attendingWithDeputy = await reply('delegate1', { attending: true, substituteId: id('delegate5') });
		expect(attendingWithDeputy.status).toBe(400);
		const self = await reply('delegate1', { attending: false, reason: 'illness', substituteId: id('delegate1') });
		expect([self.status, self.body.error.fields[0].path]).toEqual([400, 'substituteId']);
		expect((await (await as('delegate1')).request('GET', `/api/v1/meetings/${meetingId}/reply`)).body).toEqual({ reply: null });
	});

	it('record an excused absence with its reason; a named deputy gets nothing until the secretariat lets them in', async () => {
		const res = await reply('delegate1', { attending: false, reason: 'business_trip', note: 'Hà Nội', substituteId: id('delegate5') });
		expect(res.status).toBe(200);
		expect(res.body.reply).toMatchObject({
			attending: false,
			reason: 'business_trip',
			note: 'Hà Nội',
			substituteId: id('delegate5'),
			substituteName: names.get('delegate5'),
			substituteApproved: false
		});
		// A member cannot bring an account into the meeting on their own word.
		expect((await participants()).delegate5).toBeUndefined();
		expect((await (await as('delegate5')).request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(404);
		expect((await secretary.request('GET', `/api/v1/meetings/${meetingId}/proxies`)).body.proxies).toEqual([]);
		// Deciding is the secretariat's: not the member's, not the chair's, not a stranger's; and it takes a boolean.
		const decide = (client: ApiClient, approve: unknown) => client.request('POST', `/api/v1/meetings/${meetingId}/replies/${id('delegate1')}/substitute`, { approve });
		expect((await decide(await as('delegate1'), true)).status).toBe(403);
		expect((await decide(await as('chair'), true)).status).toBe(403);
		expect((await decide(await as('outsider'), true)).status).toBe(404);
		expect((await decide(secretary, 'yes')).status).toBe(400);
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/replies/${id('delegate2')}/substitute`, { approve: true })).body.error.code).toBe('substitute_not_pending');
		const approved = await decide(secretary, true);
		expect(approved.status).toBe(200);
		expect(approved.body.reply).toMatchObject({ substituteId: id('delegate5'), substituteApproved: true });
		// Decided once: a second click (another clerk's) changes nothing.
		expect((await decide(secretary, false)).body.error.code).toBe('substitute_not_pending');
		expect((await participants()).delegate5).toBe('delegate');
		expect(await attendanceOf('delegate1')).toMatchObject({ status: 'excused', absenceReason: 'business_trip', absenceNote: 'Hà Nội', proxyHolderId: id('delegate5') });
		const proxies = (await secretary.request('GET', `/api/v1/meetings/${meetingId}/proxies`)).body.proxies;
		expect(proxies).toEqual([expect.objectContaining({ principalId: id('delegate1'), holderId: id('delegate5') })]);
		// The deputy now sees the meeting.
		expect((await (await as('delegate5')).request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(200);
	});

	it('are listed for the secretariat and the chair with who has not answered; others are refused', async () => {
		expect((await reply('delegate2', { attending: false, reason: 'illness' })).status).toBe(200);
		expect((await reply('delegate3', { attending: true })).status).toBe(200);
		expect((await (await as('delegate2')).request('GET', `/api/v1/meetings/${meetingId}/replies`)).status).toBe(403);
		expect((await (await as('outsider')).request('GET', `/api/v1/meetings/${meetingId}/replies`)).status).toBe(404);
		const byChair = await (await as('chair')).request('GET', `/api/v1/meetings/${meetingId}/replies`);
		expect(byChair.status).toBe(200);
		const list = await secretary.request<{ replies: { userId: string; answer: string; substituteFor: string | null; reply: { reason: string } | null }[]; summary: unknown }>(
			'GET',
			`/api/v1/meetings/${meetingId}/replies`
		);
		const answer = (u: string) => list.body.replies.find((r) => r.userId === id(u));
		expect(answer('delegate1')).toMatchObject({ answer: 'not_attending', reply: { reason: 'business_trip' } });
		expect(answer('delegate2')).toMatchObject({ answer: 'not_attending', reply: { reason: 'illness' } });
		expect(answer('delegate3')).toMatchObject({ answer: 'attending' });
		expect(answer('chair')).toMatchObject({ answer: 'no_answer', reply: null });
		expect(answer('delegate5')).toMatchObject({ answer: 'no_answer', substituteFor: id('delegate1') });
		// The deputy is expected, not waited for.
		expect(list.body.summary).toEqual({ attending: 1, notAttending: 2, noAnswer: 2 });
	});

	it('changed to "attending" clears the excused absence, uninvites the deputy and withdraws the proxy; a checked-in member cannot send apologies', async () => {
		expect((await reply('delegate1', { attending: true })).status).toBe(200);
		expect((await participants()).delegate5).toBeUndefined();
		expect(await attendanceOf('delegate1')).toMatchObject({ status: null, absenceReason: null, proxyHolderId: null });
		expect((await (await as('delegate5')).request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(404);
		// A deputy turned down is cleared from the reply, and the member may name another.
		expect((await reply('delegate1', { attending: false, reason: 'business_trip', substituteId: id('delegate4') })).status).toBe(200);
		const declined = await secretary.request('POST', `/api/v1/meetings/${meetingId}/replies/${id('delegate1')}/substitute`, { approve: false });
		expect(declined.body.reply).toMatchObject({ substituteId: null, substituteApproved: false });
		expect((await participants()).delegate4).toBeUndefined();
		// And back again, approved, for the minutes below.
		expect((await reply('delegate1', { attending: false, reason: 'business_trip', substituteId: id('delegate5') })).status).toBe(200);
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/replies/${id('delegate1')}/substitute`, { approve: true })).status).toBe(200);
		expect((await (await as('delegate3')).request('POST', `/api/v1/meetings/${meetingId}/attendance`, { status: 'present' })).status).toBe(200);
		const late = await reply('delegate3', { attending: false, reason: 'illness' });
		expect([late.status, late.body.error.code]).toEqual([409, 'already_checked_in']);
	});

	it('flow into the minutes: "Vắng mặt có lý do" with the reason and the deputy', async () => {
		const started = await secretary.request<{ html: string }>('POST', `/api/v1/meetings/${meetingId}/minutes`, { locale: 'vi' });
		expect(started.status).toBe(201);
		expect(started.body.html).toContain('Vắng mặt có lý do (2): ');
		expect(started.body.html).toContain(`${names.get('delegate2')} (ốm)`);
		expect(started.body.html).toContain(`${names.get('delegate1')} (đi công tác; ${names.get('delegate5')} dự họp thay)`);
		expect(started.body.html).toContain(`${names.get('delegate1')} ủy quyền cho ${names.get('delegate5')}`);
	});
});

describe('the agenda’s levels', () => {
	it('demotes an item under the one above (its sub-items follow) and promotes a sub-item; members may not', async () => {
		const base = `/api/v1/meetings/${meetingId}/agenda`;
		const b = (await secretary.request('POST', base, { title: 'Thảo luận' })).body.id;
		const b1 = (await secretary.request('POST', base, { title: 'Ý kiến các Sở', parentId: b })).body.id;
		const outline = (tree: { number: string; title: string; children: { number: string; title: string }[] }[]) =>
			tree.flatMap((n) => [`${n.number} ${n.title}`, ...n.children.map((c) => `${c.number} ${c.title}`)]);
		expect((await (await as('delegate3')).request('POST', `${base}/${b}/demote`)).status).toBe(403);
		const demoted = await secretary.request('POST', `${base}/${b}/demote`);
		expect(demoted.status).toBe(200);
		expect(outline(demoted.body.agenda)).toEqual(['1 Báo cáo tình hình', '1.1 Thảo luận', '1.2 Ý kiến các Sở']);
		const promoted = await secretary.request('POST', `${base}/${b1}/promote`);
		expect(outline(promoted.body.agenda)).toEqual(['1 Báo cáo tình hình', '1.1 Thảo luận', '2 Ý kiến các Sở']);
		const first = await secretary.request('POST', `${base}/${itemId}/demote`);
		expect([first.status, first.body.error.code]).toEqual([409, 'conflict']);
		expect((await secretary.request('POST', `${base}/${itemId}/promote`)).status).toBe(409);
		expect((await secretary.request('POST', `${base}/nope/promote`)).status).toBe(404);
	});
});

let openMotion: string;
let secretMotion: string;

describe('a vote and its workbook', () => {
	it('closes an open vote (one ballot cast by the deputy, by proxy) and a secret one', async () => {
		for (const u of ['chair', 'delegate5']) expect((await (await as(u)).request('POST', `/api/v1/meetings/${meetingId}/attendance`, { status: 'present' })).status).toBe(200);
		const chair = await as('chair');
		const create = async (title: string, ballot: string) =>
			(await chair.request<{ id: string }>('POST', `/api/v1/meetings/${meetingId}/motions`, { agendaItemId: itemId, title, ballot, majority: 'simple' })).body.id;
		openMotion = await create('=SUM(1;2) Thông qua báo cáo', 'open');
		expect((await chair.request('GET', `/api/v1/motions/${openMotion}/results.xlsx`)).status).toBe(409);
		expect((await chair.request('POST', `/api/v1/motions/${openMotion}/open`)).status).toBe(200);
		expect((await chair.request('POST', `/api/v1/motions/${openMotion}/ballots`, { choice: 'yes' })).status).toBe(201);
		expect((await (await as('delegate3')).request('POST', `/api/v1/motions/${openMotion}/ballots`, { choice: 'no' })).status).toBe(201);
		expect((await (await as('delegate5')).request('POST', `/api/v1/motions/${openMotion}/ballots`, { choice: 'yes', onBehalfOf: id('delegate1') })).status).toBe(201);
		expect((await chair.request('POST', `/api/v1/motions/${openMotion}/close`)).status).toBe(200);

		secretMotion = await create('Bầu tổ thư ký', 'secret');
		expect((await chair.request('POST', `/api/v1/motions/${secretMotion}/open`)).status).toBe(200);
		expect((await chair.request('POST', `/api/v1/motions/${secretMotion}/ballots`, { choice: 'abstain' })).status).toBe(201);
		expect((await (await as('delegate3')).request('POST', `/api/v1/motions/${secretMotion}/ballots`, { choice: 'no' })).status).toBe(201);
		expect((await chair.request('POST', `/api/v1/motions/${secretMotion}/close`)).status).toBe(200);
	});

	it('reads back with exceljs in English: headers, options, the stored reason, times in the province’s zone, named ballots with the proxy', async () => {
		const res = await fetch(`${server.url}/api/v1/motions/${openMotion}/results.xlsx?lang=en`, { headers: { cookie: secretary.cookie } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
		expect(book.worksheets.map((w) => w.name)).toEqual(['Result', 'Ballots']);
		const result = book.getWorksheet('Result')!;
		const rows = new Map<string, unknown>();
		result.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
		expect(rows.get('Motion')).toBe("'=SUM(1;2) Thông qua báo cáo");
		expect(rows.get('Meeting')).toBe("'=Họp giao ban Sở");
		expect(rows.get('Ballot')).toBe('Open ballot');
		const motion = (await secretary.request('GET', `/api/v1/motions/${openMotion}`)).body;
		expect(rows.get('Grounds')).toBe(motion.result.reason.en);
		expect(rows.get('Outcome')).toBe(motion.result.passed ? 'ADOPTED' : motion.result.quorumMet ? 'NOT ADOPTED' : 'INVALID (no quorum)');
		// 08:00 in Hanoi is 01:00 UTC: the cell holds the wall clock the province reads.
		const closedAt = rows.get('Vote closed (Vietnam time (UTC+7))') as Date;
		expect(Math.abs(closedAt.getTime() - (new Date(motion.closedAt).getTime() + 7 * 3600_000))).toBeLessThan(1000);
		const options: unknown[][] = [];
		result.eachRow((row) => {
			if (['For', 'Against', 'Abstain'].includes(String(row.getCell(1).value))) options.push([row.getCell(1).value, row.getCell(2).value]);
		});
		expect(options).toEqual([
			['For', 2],
			['Against', 1],
			['Abstain', 0]
		]);
		const ballots = book.getWorksheet('Ballots')!;
		expect(ballots.getRow(1).values).toEqual([undefined, 'Name', 'Choice', 'Cast by', 'Time (Vietnam time (UTC+7))']);
		const named = ballots.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 4));
		expect(named).toContainEqual([names.get('delegate1'), 'For', `${names.get('delegate5')} (proxy)`]);
		expect(named).toContainEqual([names.get('delegate3'), 'Against', names.get('delegate3')]);
	});

	it('is in Vietnamese when asked, has no ballots sheet for a secret vote, and follows the CSV’s access', async () => {
		const load = async (motion: string, lang: string, cookie = secretary.cookie) => {
			const res = await fetch(`${server.url}/api/v1/motions/${motion}/results.xlsx?lang=${lang}`, { headers: { cookie } });
			if (res.status !== 200) return { status: res.status, book: null };
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
			return { status: res.status, book };
		};
		const vi = await load(openMotion, 'vi');
		expect(vi.book!.worksheets.map((w) => w.name)).toEqual(['Kết quả', 'Phiếu biểu quyết']);
		expect(vi.book!.getWorksheet('Phiếu biểu quyết')!.getRow(1).getCell(1).value).toBe('Họ và tên');
		const secret = await load(secretMotion, 'vi');
		expect(secret.book!.worksheets.map((w) => w.name)).toEqual(['Kết quả']);
		expect((await load(openMotion, 'vi', (await as('outsider')).cookie)).status).toBe(404);
		expect((await load(openMotion, 'en', (await as('delegate3')).cookie)).status).toBe(200);
	});
});

describe('the audit log', () => {
	interface Page {
		entries: { id: number; action: string; actor: { id: string } | null; subjectType: string | null; subjectId: string | null; data: Record<string, unknown> | null }[];
		total: number;
		page: number;
		pages: number;
		pageSize: number;
	}
	const audit = (client: ApiClient, query: string) => client.request<Page>('GET', `/api/v1/audit?${query}`);

	it('filters a meeting’s entries by action and user, newest first, paged', async () => {
		const replies = await audit(secretary, `meetingId=${meetingId}&action=meeting.reply`);
		expect(replies.status).toBe(200);
		expect(replies.body.entries.map((e) => e.actor?.id)).toEqual([id('delegate1'), id('delegate1'), id('delegate1'), id('delegate3'), id('delegate2'), id('delegate1')]);
		expect(replies.body.entries[0]!.data).toMatchObject({ attending: false, reason: 'business_trip', substituteId: id('delegate5') });
		const decisions = (await audit(secretary, `meetingId=${meetingId}&action=meeting`)).body.entries.filter((e) => e.action.startsWith('meeting.substitute.'));
		expect(decisions.map((e) => [e.action, e.actor?.id, e.data?.substituteId])).toEqual([
			['meeting.substitute.approve', id('secretary'), id('delegate5')],
			['meeting.substitute.decline', id('secretary'), id('delegate4')],
			['meeting.substitute.approve', id('secretary'), id('delegate5')]
		]);
		const family = await audit(secretary, `meetingId=${meetingId}&action=participant`);
		expect(family.body.entries.every((e) => e.action.startsWith('participant.'))).toBe(true);
		expect(family.body.entries.some((e) => e.data?.substituteFor === id('delegate1'))).toBe(true);
		const byUser = await audit(secretary, `meetingId=${meetingId}&userId=${id('delegate2')}`);
		expect(byUser.body.entries.length).toBeGreaterThan(0);
		expect(byUser.body.entries.every((e) => e.actor?.id === id('delegate2') || e.data?.userId === id('delegate2') || e.data?.holderId === id('delegate2'))).toBe(true);
		// A motion's entries belong to its meeting.
		const meeting = await audit(secretary, `meetingId=${meetingId}`);
		expect(meeting.body.entries.some((e) => e.action === 'motion.close' && e.subjectId === openMotion)).toBe(true);
		// The whole log (the demo's and this test's) spans pages; the second starts where the first ended.
		const all = await audit(secretary, '');
		expect(all.body.total).toBeGreaterThan(50);
		expect([all.body.page, all.body.pageSize, all.body.entries.length, all.body.pages]).toEqual([1, 50, 50, Math.ceil(all.body.total / 50)]);
		const second = await audit(secretary, 'page=2');
		expect(second.body.entries.length).toBe(Math.min(50, all.body.total - 50));
		expect(second.body.entries[0]!.id).toBeLessThan(all.body.entries.at(-1)!.id);
	});

	it('filters by day in the province’s time zone', async () => {
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
		const within = await audit(secretary, `meetingId=${meetingId}&from=${today}&to=${today}`);
		const all = await audit(secretary, `meetingId=${meetingId}`);
		expect(within.body.total).toBe(all.body.total);
		expect((await audit(secretary, `meetingId=${meetingId}&to=2020-01-01`)).body.total).toBe(0);
		expect((await audit(secretary, `from=soon`)).status).toBe(400);
	});

	it('never reveals a secret choice: no entry per secret ballot, only the totals at close', async () => {
		const entries = (await audit(secretary, `meetingId=${meetingId}`)).body.entries;
		expect(entries.filter((e) => e.subjectId === secretMotion).map((e) => e.action).sort()).toEqual(['motion.close', 'motion.create', 'motion.open']);
		const close = entries.find((e) => e.subjectId === secretMotion && e.action === 'motion.close')!;
		expect(JSON.stringify(close.data)).not.toMatch(/voterId|castBy/);
		expect(entries.filter((e) => e.action === 'ballot.cast').every((e) => e.subjectId === openMotion)).toBe(true);
	});

	it('shows a member their own account only; a meeting’s or someone else’s entries are refused', async () => {
		const own = await audit(await as('delegate1'), '');
		expect(own.status).toBe(200);
		expect(own.body.entries.length).toBeGreaterThan(0);
		expect(own.body.entries.every((e) => e.action === 'auth.sign_in' && e.subjectId === id('delegate1'))).toBe(true);
		expect((await audit(await as('delegate1'), `userId=${id('delegate1')}`)).status).toBe(200);
		expect((await audit(await as('delegate1'), `userId=${id('delegate2')}`)).status).toBe(403);
		expect((await audit(await as('chair'), `meetingId=${meetingId}`)).status).toBe(403);
		expect((await new ApiClient(server.url).request('GET', '/api/v1/audit')).status).toBe(401);
	});

	it('exports the filtered entries as CSV with the formula guard and the actions in words', async () => {
		const res = await secretary.request<string>('GET', `/api/v1/audit.csv?meetingId=${meetingId}&action=meeting.reply&lang=vi`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		expect(lines[0]).toBe('id,at_utc,at_local,actor_username,actor_name,action,action_text,subject_type,subject_id,subject,ip,data');
		expect(lines).toHaveLength(7);
		expect(lines[1]).toContain(',meeting.reply,Trả lời giấy mời,meeting,');
		// The meeting's title starts with "=": a spreadsheet must read it as text.
		expect(lines[1]).toContain(",'=Họp giao ban Sở,");
		expect((await (await as('delegate1')).request('GET', `/api/v1/audit.csv?meetingId=${meetingId}`)).status).toBe(403);
	});
});
