import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loggedIn, startServer, userIds, type TestServer } from './harness';

/**
 * Notices end to end: the production server e-mails through a real SMTP server running in this process
 * (smtp-server, with a login), and what arrives is parsed back (mailparser, ical.js) as a mail client would.
 */

const SMTP_USER = 'quorum';
const SMTP_PASSWORD = 'smtp-s3cret-never-logged';

interface Arrived {
	to: string;
	mail: ParsedMail;
}

let smtp: SMTPServer;
const inbox: Arrived[] = [];
let server: TestServer;
let admin: ApiClient;
let secretary: ApiClient;
let ids: Map<string, string>;

beforeAll(async () => {
	smtp = new SMTPServer({
		// Plain SMTP with a login on loopback: the test has no certificate for STARTTLS.
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		onAuth(auth, _session, callback) {
			if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
			else callback(new Error('invalid login'));
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((mail) => {
					for (const rcpt of session.envelope.rcptTo) inbox.push({ to: rcpt.address, mail });
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	const { port } = smtp.server.address() as AddressInfo;
	server = await startServer({
		seed: true,
		env: { SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`, SMTP_FROM: 'Văn phòng UBND tỉnh <quorum@tinh.gov.vn>' }
	});
	admin = await loggedIn(server.url, 'admin');
	secretary = await loggedIn(server.url, 'secretary');
	ids = await userIds(admin);
	// Three invitees with an address, one without (the observer): mail goes to the three only.
	for (const name of ['chair', 'delegate1', 'delegate2']) {
		const res = await admin.request('PATCH', `/api/v1/users/${ids.get(name)}`, { email: `${name}@tinh.gov.vn` });
		expect(res.status).toBe(200);
	}
});

afterAll(async () => {
	await server?.stop();
	await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

/** Waits (on the inbox, not on a clock) until `count` mails have arrived since `from`; fails after 20 s. */
async function mailsSince(from: number, count: number): Promise<Arrived[]> {
	const deadline = Date.now() + 20_000;
	while (inbox.length - from < count) {
		if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${inbox.length - from}:\n${server.output().slice(-2000)}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return inbox.slice(from);
}

interface ParsedInvitation {
	method: string;
	uid: string;
	sequence: number;
	status: string | null;
	tzid: string;
	localStart: string;
	startUtc: string;
	attendee: string;
	organizer: string;
	summary: string;
}

/** The mail's calendar part, parsed with ical.js; the start is read both as wall time and as an instant. */
function invitationOf(mail: ParsedMail): ParsedInvitation {
	const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'));
	if (!part) throw new Error(`no calendar part in "${mail.subject}"`);
	const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
	for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
	const vevent = calendar.getFirstSubcomponent('vevent')!;
	const event = new ICAL.Event(vevent);
	const dtstart = vevent.getFirstProperty('dtstart')!;
	return {
		method: String(calendar.getFirstPropertyValue('method')),
		uid: event.uid,
		sequence: event.sequence,
		status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
		tzid: String(dtstart.getParameter('tzid')),
		localStart: event.startDate.toString(),
		startUtc: event.startDate.toJSDate().toISOString(),
		attendee: String(vevent.getFirstPropertyValue('attendee')).toLowerCase(),
		organizer: String(vevent.getFirstPropertyValue('organizer')).toLowerCase(),
		summary: event.summary
	};
}

const byRecipient = (mails: Arrived[]) => new Map(mails.map((m) => [m.to, m.mail]));

describe('invitations by e-mail with an iCalendar part', () => {
	let meetingId: string;
	let firstUid: string;
	let firstSequence: number;

	it('a meeting scheduled with participants: one mail with a valid .ics per invited member with an address', async () => {
		const created = await secretary.request('POST', '/api/v1/meetings', {
			title: 'Họp UBND tỉnh: lấy ý kiến dự thảo quy hoạch',
			startsAt: '2027-03-01T01:30:00.000Z',
			endsAt: '2027-03-01T04:00:00.000Z',
			location: 'Phòng họp số 1, trụ sở UBND tỉnh'
		});
		expect(created.status).toBe(201);
		meetingId = created.body.id;
		for (const [name, role] of [['chair', 'chair'], ['delegate1', 'delegate'], ['delegate2', 'delegate'], ['observer', 'observer']] as const) {
			expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: ids.get(name), role })).status).toBe(201);
		}
		// A draft is nobody's business yet: no mail, no notice (the demo's own meeting left some notices already).
		const delegate1 = await loggedIn(server.url, 'delegate1');
		const ofThisMeeting = (body: { notices: { meetingId: string }[] }) => body.notices.filter((n) => n.meetingId === meetingId);
		expect(ofThisMeeting((await delegate1.request('GET', '/api/v1/notifications')).body)).toEqual([]);
		expect(inbox).toEqual([]);

		const before = inbox.length;
		expect((await secretary.request('PATCH', `/api/v1/meetings/${meetingId}`, { status: 'scheduled' })).status).toBe(200);
		const mails = byRecipient(await mailsSince(before, 3));
		expect([...mails.keys()].sort()).toEqual(['chair@tinh.gov.vn', 'delegate1@tinh.gov.vn', 'delegate2@tinh.gov.vn']);

		const mail = mails.get('delegate1@tinh.gov.vn')!;
		expect(mail.subject).toBe('[Quorum] Mời họp: Họp UBND tỉnh: lấy ý kiến dự thảo quy hoạch');
		expect(mail.from?.value[0]).toEqual({ name: 'Văn phòng UBND tỉnh', address: 'quorum@tinh.gov.vn' });
		expect(mail.text).toContain('Phòng họp số 1, trụ sở UBND tỉnh');
		const ics = invitationOf(mail);
		expect(ics).toMatchObject({
			method: 'REQUEST',
			status: 'CONFIRMED',
			// The province's wall time, named by its zone: 01:30 UTC is 08:30 in Hà Nội.
			tzid: 'Asia/Ho_Chi_Minh',
			localStart: '2027-03-01T08:30:00',
			startUtc: '2027-03-01T01:30:00.000Z',
			attendee: 'mailto:delegate1@tinh.gov.vn',
			organizer: 'mailto:quorum@tinh.gov.vn',
			summary: 'Họp UBND tỉnh: lấy ý kiến dự thảo quy hoạch'
		});
		firstUid = ics.uid;
		firstSequence = ics.sequence;
		expect(firstUid).toContain(meetingId);
		// One UID for the meeting, whoever receives it.
		expect(invitationOf(mails.get('chair@tinh.gov.vn')!).uid).toBe(firstUid);
	});

	it('moved: an update with the same UID and a higher SEQUENCE', async () => {
		const before = inbox.length;
		expect((await secretary.request('PATCH', `/api/v1/meetings/${meetingId}`, { startsAt: '2027-03-02T02:00:00.000Z', endsAt: '2027-03-02T04:00:00.000Z' })).status).toBe(200);
		const mails = byRecipient(await mailsSince(before, 3));
		const ics = invitationOf(mails.get('delegate2@tinh.gov.vn')!);
		expect(ics.method).toBe('REQUEST');
		expect(ics.uid).toBe(firstUid);
		expect(ics.sequence).toBeGreaterThan(firstSequence);
		expect(ics.localStart).toBe('2027-03-02T09:00:00');
		expect(mails.get('delegate2@tinh.gov.vn')!.subject).toContain('Thay đổi thời gian, địa điểm');
	});

	it('a participant added to the scheduled meeting is invited at once', async () => {
		await admin.request('PATCH', `/api/v1/users/${ids.get('delegate3')}`, { email: 'delegate3@tinh.gov.vn' });
		const before = inbox.length;
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/participants`, { userId: ids.get('delegate3'), role: 'delegate' })).status).toBe(201);
		const [arrived] = await mailsSince(before, 1);
		expect(arrived!.to).toBe('delegate3@tinh.gov.vn');
		expect(invitationOf(arrived!.mail)).toMatchObject({ method: 'REQUEST', uid: firstUid, localStart: '2027-03-02T09:00:00' });
	});

	it('cancelled (the announcement withdrawn): METHOD:CANCEL with the same UID and a higher SEQUENCE', async () => {
		const before = inbox.length;
		expect((await secretary.request('PATCH', `/api/v1/meetings/${meetingId}`, { status: 'draft' })).status).toBe(200);
		const mails = byRecipient(await mailsSince(before, 4));
		const ics = invitationOf(mails.get('delegate1@tinh.gov.vn')!);
		expect(ics).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: firstUid });
		expect(ics.sequence).toBeGreaterThan(firstSequence + 1);
	});

	it('never logs the SMTP password nor the addresses', () => {
		const log = server.output();
		expect(log).toContain('[mail] sent');
		expect(log).not.toContain(SMTP_PASSWORD);
		expect(log).not.toContain('delegate1@tinh.gov.vn');
	});
});

describe('GET /api/v1/notifications: each reads their own', () => {
	it('lists the caller’s notices with the unread count; marking read touches only one’s own', async () => {
		const delegate1 = await loggedIn(server.url, 'delegate1');
		const delegate2 = await loggedIn(server.url, 'delegate2');
		// The seeded demo meeting's invitation and documents came first; start from nothing unread.
		expect((await delegate1.request('GET', '/api/v1/notifications')).body.notices.map((n: { kind: string }) => n.kind)).toContain('document_added');
		const start = await delegate1.request('POST', '/api/v1/notifications/read', { all: true });
		expect(start.body).toEqual({ unreadCount: 0 });
		const meeting = (await secretary.request('POST', '/api/v1/meetings', { title: 'Họp chuyên đề', startsAt: '2027-05-01T01:00:00.000Z' })).body;
		await secretary.request('POST', `/api/v1/meetings/${meeting.id}/participants`, { userId: ids.get('delegate1'), role: 'delegate' });
		await secretary.request('PATCH', `/api/v1/meetings/${meeting.id}`, { status: 'scheduled' });
		await secretary.request('PATCH', `/api/v1/meetings/${meeting.id}`, { location: 'Hội trường tầng 3' });

		const mine = await delegate1.request('GET', '/api/v1/notifications?unread=1');
		expect(mine.status).toBe(200);
		expect(mine.body.notices.map((n: { kind: string }) => n.kind)).toEqual(['meeting_moved', 'meeting_invited']);
		expect(mine.body.unreadCount).toBe(2);
		expect(mine.body.notices[1]).toMatchObject({ meetingId: meeting.id, link: `/meetings/${meeting.id}`, title: 'Invitation: Họp chuyên đề', readAt: null });
		expect(mine.body.notices[0].body).toContain('at Hội trường tầng 3');

		// delegate2 names delegate1's notice: nothing changes for delegate1.
		const theirs = mine.body.notices[0].id as string;
		const foreign = await delegate2.request('POST', '/api/v1/notifications/read', { ids: [theirs] });
		expect(foreign.status).toBe(200);
		expect((await delegate1.request('GET', '/api/v1/notifications')).body.unreadCount).toBe(2);

		expect((await delegate1.request('POST', '/api/v1/notifications/read', { ids: [theirs] })).body).toEqual({ unreadCount: 1 });
		expect((await delegate1.request('GET', '/api/v1/notifications?unread=1')).body.notices).toHaveLength(1);
		expect((await delegate1.request('POST', '/api/v1/notifications/read', { all: true })).body).toEqual({ unreadCount: 0 });
		expect((await delegate1.request('POST', '/api/v1/notifications/read', { ids: [] })).status).toBe(400);

		const outsider = await loggedIn(server.url, 'outsider');
		expect((await outsider.request('GET', '/api/v1/notifications')).body).toEqual({ notices: [], unreadCount: 0 });
		expect((await new ApiClient(server.url).request('GET', '/api/v1/notifications')).status).toBe(401);
	});

	it('an address that is not one is refused (400 on the field)', async () => {
		const res = await admin.request('PATCH', `/api/v1/users/${ids.get('delegate4')}`, { email: 'not an address' });
		expect(res.status).toBe(400);
		expect(res.body.error.fields[0].path).toBe('email');
		expect((await admin.request('PATCH', `/api/v1/users/${ids.get('delegate1')}`, { email: '' })).body.email).toBeNull();
	});
});
