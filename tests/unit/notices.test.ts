import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '$lib/server/config';
import { invitationIcs, meetingUid, type Invitation } from '$lib/server/notices/calendar';
import { NOTICE_KINDS, notify } from '$lib/server/notices';
import { MailQueue, smtpFailure, smtpTransport } from '$lib/server/notices/mail-queue';
import { meetingChangeNotice } from '$lib/server/notices/meeting-notices';
import { listNotices, markNoticesRead } from '$lib/server/notices/store';
import { mailWords, noticeWords } from '$lib/server/notices/wording';
import { buildUser, memoryDb } from './factories';

const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
	method: 'REQUEST',
	meeting: {
		id: 'm1',
		title: 'Phiên họp thường kỳ, tháng 3',
		description: 'Chương trình: 1. Báo cáo; 2. Thảo luận',
		location: 'Phòng họp A',
		startsAt: new Date('2027-03-01T01:00:00Z'),
		endsAt: new Date('2027-03-01T03:30:00Z')
	},
	sequence: 4,
	organizer: { name: 'Văn phòng UBND', address: 'quorum@tinh.gov.vn' },
	attendee: { name: 'Lê Thị Hồng', address: 'hong@tinh.gov.vn' },
	url: 'https://quorum.tinh.gov.vn/meetings/m1',
	stamp: new Date('2026-12-03T10:00:00Z'),
	...overrides
});

function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
	const vevent = calendar.getFirstSubcomponent('vevent')!;
	return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('invitationIcs', () => {
	it('a REQUEST in the province’s zone, with its VTIMEZONE, the stamp in UTC, one attendee asked to reply', () => {
		const text = invitationIcs(invitation());
		const { calendar, vevent, event } = parse(text);
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
		expect(event.uid).toBe('meeting-m1@quorum');
		expect(event.sequence).toBe(4);
		expect(event.summary).toBe('Phiên họp thường kỳ, tháng 3');
		expect(event.location).toBe('Phòng họp A');
		expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Ho_Chi_Minh');
		expect(event.startDate.toString()).toBe('2027-03-01T08:00:00');
		expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-01T03:30:00.000Z');
		expect(text).toContain('DTSTAMP:20261203T100000Z');
		expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
		const attendee = vevent.getFirstProperty('attendee')!;
		expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:hong@tinh.gov.vn');
		expect(attendee.getParameter('rsvp')).toBe('TRUE');
		expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:quorum@tinh.gov.vn');
	});

	it('a CANCEL keeps the UID, says CANCELLED and asks no reply', () => {
		const { calendar, vevent, event } = parse(invitationIcs(invitation({ method: 'CANCEL', sequence: 5 })));
		expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(event.uid).toBe(meetingUid('m1'));
		expect(event.sequence).toBe(5);
		expect(vevent.getFirstProperty('attendee')!.getParameter('rsvp')).toBe('FALSE');
	});

	it('without a planned end, no end is invented; without ORIGIN, no URL', () => {
		const { vevent } = parse(invitationIcs(invitation({ meeting: { ...invitation().meeting, endsAt: null }, url: null })));
		expect(vevent.getFirstProperty('dtend')).toBeNull();
		expect(vevent.getFirstProperty('url')).toBeNull();
	});
});

describe('wording', () => {
	const params = { title: 'Dự thảo quy hoạch', startsAt: '2027-03-01T01:00:00Z', deadline: '2027-03-05T10:00:00Z', location: 'Phòng họp A', document: 'Tờ trình số 12', version: 2 };

	it.each(NOTICE_KINDS)('%s has its own title and body in Vietnamese and English', (kind) => {
		const vi = noticeWords(kind, params, 'vi');
		const en = noticeWords(kind, params, 'en');
		for (const words of [vi, en]) {
			expect(words.title).toContain('Dự thảo quy hoạch');
			expect(words.body).toContain('Dự thảo quy hoạch');
			expect(words.body).not.toMatch(/\{|undefined|NaN/);
		}
		// The date already says "lúc 08:00 …" in Vietnamese: the sentence must not say it twice.
		expect(vi.body).not.toMatch(/lúc lúc/);
		expect(vi.title).not.toBe(en.title);
	});

	it('times in the province’s zone; places and versions where they belong', () => {
		expect(noticeWords('meeting_invited', params, 'vi').body).toMatch(/08:00.*tại Phòng họp A/);
		expect(noticeWords('meeting_invited', params, 'en').body).toMatch(/08:00 at Phòng họp A/);
		expect(noticeWords('meeting_invited', { title: 'X', startsAt: params.startsAt }, 'vi').body).not.toContain(' tại ');
		expect(noticeWords('document_replaced', params, 'vi').body).toContain('phiên bản 2');
		expect(noticeWords('poll_opened', params, 'vi').body).toContain('17:00');
		expect(noticeWords('minutes_to_sign', { title: 'X', signer: 'chair' }, 'vi').body).toContain('Chủ trì ký duyệt');
		expect(noticeWords('minutes_to_sign', { title: 'X', signer: 'secretary' }, 'en').body).toContain('as the secretary');
	});

	it('a mail: subject from the title, the link when the public address is known, a word on the attached invitation', () => {
		const mail = mailWords('meeting_invited', params, 'vi', { url: 'https://q.example/meetings/1', calendar: true });
		expect(mail.subject).toBe('[Quorum] Mời họp: Dự thảo quy hoạch');
		expect(mail.text).toContain('Xem trên Quorum: https://q.example/meetings/1');
		expect(mail.text).toContain('Lịch họp kèm theo');
		const plain = mailWords('task_overdue', params, 'en', { url: null, calendar: false });
		expect(plain.text).toContain('Open Quorum for the details.');
		expect(plain.text).not.toContain('calendar invitation');
	});
});

describe('meetingChangeNotice', () => {
	const at = new Date(Date.now() + 7 * 24 * 3_600_000);
	const base = { status: 'scheduled' as const, startsAt: at, endsAt: null, location: 'A' };
	it.each([
		[{ ...base, status: 'draft' as const }, base, 'meeting_invited'],
		[base, { ...base, status: 'draft' as const }, 'meeting_cancelled'],
		[base, { ...base, startsAt: new Date(at.getTime() + 3_600_000) }, 'meeting_moved'],
		[base, { ...base, endsAt: new Date(at.getTime() + 7_200_000) }, 'meeting_moved'],
		// Over already: history, not news.
		[{ ...base, status: 'draft' as const, startsAt: new Date('2020-01-01T01:00:00Z') }, { ...base, startsAt: new Date('2020-01-01T01:00:00Z') }, null],
		[base, { ...base, startsAt: new Date('2020-01-01T01:00:00Z') }, null],
		[base, { ...base, location: 'B' }, 'meeting_moved'],
		[base, base, null],
		[base, { ...base, status: 'in_progress' as const }, null],
		[{ ...base, status: 'draft' as const }, { ...base, status: 'draft' as const, location: 'B' }, null],
		[{ ...base, status: 'closed' as const }, base, null]
	])('%o → %o: %s', (before, after, expected) => {
		expect(meetingChangeNotice(before, after)).toBe(expected);
	});
});

describe('notify: the entry point other features call', () => {
	it('poll and task notices: one per active recipient, worded for the reader, with the link given', () => {
		const db = memoryDb();
		const a = buildUser(db);
		const b = buildUser(db);
		const gone = buildUser(db, { active: false });
		const outcome = notify(db, { kind: 'poll_opened', userIds: [a.id, b.id, a.id, gone.id], params: { title: 'Ý kiến về dự thảo', deadline: '2027-03-05T10:00:00Z' }, link: '/polls/p1' }, { smtp: null });
		expect(outcome).toEqual({ noticed: 2, mailed: 0 });
		notify(db, { kind: 'poll_deadline_tomorrow', userIds: [a.id], params: { title: 'Ý kiến về dự thảo', deadline: '2027-03-05T10:00:00Z' }, link: '/polls/p1' }, { smtp: null });
		notify(db, { kind: 'task_overdue', userIds: [a.id], params: { title: 'Báo cáo tiến độ', deadline: '2027-03-01T10:00:00Z' }, link: '/tasks/t1' }, { smtp: null });
		const list = listNotices(db, a, 'vi');
		expect(list.unreadCount).toBe(3);
		expect(list.notices.map((n) => [n.kind, n.link])).toEqual(
			expect.arrayContaining([
				['poll_opened', '/polls/p1'],
				['poll_deadline_tomorrow', '/polls/p1'],
				['task_overdue', '/tasks/t1']
			])
		);
		expect(list.notices.find((n) => n.kind === 'task_overdue')!.title).toBe('Nhiệm vụ quá hạn: Báo cáo tiến độ');
		expect(listNotices(db, a, 'en').notices.find((n) => n.kind === 'poll_opened')!.title).toBe('Written opinion requested: Ý kiến về dự thảo');
		expect(listNotices(db, b, 'vi').unreadCount).toBe(1);
		expect(listNotices(db, gone, 'vi').notices).toEqual([]);

		// b cannot mark a's notices read.
		const aFirst = list.notices[0]!.id;
		expect(markNoticesRead(db, b, { ids: [aFirst] })).toEqual({ unreadCount: 1 });
		expect(markNoticesRead(db, a, { ids: [aFirst] })).toEqual({ unreadCount: 2 });
	});

	it('keeps a link only when it is a path on this site', () => {
		const db = memoryDb();
		const a = buildUser(db);
		notify(db, { kind: 'task_overdue', userIds: [a.id], params: { title: 'T' }, link: '//evil.example/tasks' }, { smtp: null });
		notify(db, { kind: 'task_overdue', userIds: [a.id], params: { title: 'T' }, link: 'https://evil.example/' }, { smtp: null });
		expect(listNotices(db, a, 'vi').notices.map((n) => n.link)).toEqual([null, null]);
	});

	it('never throws: a notice about a meeting that does not exist writes nothing', () => {
		const db = memoryDb();
		const a = buildUser(db);
		expect(notify(db, { kind: 'meeting_invited', userIds: [a.id], meetingId: 'no-such-meeting' }, { smtp: null })).toEqual({ noticed: 0, mailed: 0 });
	});
});

describe('MailQueue against a real SMTP server', () => {
	async function smtpServer(rejectFirst: number) {
		const received: string[] = [];
		let refused = 0;
		const server = new SMTPServer({
			disabledCommands: ['STARTTLS', 'AUTH'],
			onData(stream, session, callback) {
				stream.resume();
				stream.on('end', () => {
					if (refused < rejectFirst) {
						refused += 1;
						const error = Object.assign(new Error('try again later'), { responseCode: 451 });
						return callback(error);
					}
					received.push(session.envelope.rcptTo[0]!.address);
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.server.address() as AddressInfo;
		return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
	}

	const mail = (n: number) => ({ userId: `u${n}`, to: { name: `Người ${n}`, address: `u${n}@tinh.gov.vn` }, subject: `Thư ${n}`, text: 'Nội dung', kind: 'meeting_invited' });

	it('sends in the background and tries again after a temporary refusal', async () => {
		const smtp = await smtpServer(1);
		const cfg = loadConfig({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }).smtp!;
		const queue = new MailQueue(smtpTransport(cfg), { from: cfg.from, retryDelaysMs: [50, 50] });
		queue.enqueue([mail(1), mail(2)]);
		// enqueue returned at once; the first mail is refused once, the second goes through, the first follows.
		await expect.poll(() => smtp.received.slice().sort(), { timeout: 10_000 }).toEqual(['u1@tinh.gov.vn', 'u2@tinh.gov.vn']);
		expect(await queue.close(1000)).toBe(0);
		await smtp.close();
	});

	it('gives up after the last retry and reports what was left when closed', async () => {
		const smtp = await smtpServer(10);
		const cfg = loadConfig({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }).smtp!;
		const queue = new MailQueue(smtpTransport(cfg), { from: cfg.from, retryDelaysMs: [20] });
		queue.enqueue([mail(3)]);
		await queue.idle();
		await expect.poll(() => queue.pending, { timeout: 10_000 }).toBe(0);
		expect(smtp.received).toEqual([]);
		expect(await queue.close(100)).toBe(0);
		await smtp.close();
	});

	it('logs only the code of an SMTP failure, never its message', () => {
		const error = Object.assign(new Error('550 <hong@tinh.gov.vn>: mailbox unavailable, login quorum:secret'), { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO:<hong@tinh.gov.vn>' });
		expect(smtpFailure(error)).toEqual({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT' });
	});
});

describe('SMTP configuration', () => {
	it('reads SMTP_URL and SMTP_FROM; without SMTP_URL notices stay in the app', () => {
		expect(loadConfig({}).smtp).toBeNull();
		expect(loadConfig({ SMTP_URL: 'smtp://user:pass@mail.tinh.gov.vn:587' }).smtp).toEqual({
			url: 'smtp://user:pass@mail.tinh.gov.vn:587',
			host: 'mail.tinh.gov.vn',
			port: 587,
			from: { name: 'Quorum', address: 'quorum@mail.tinh.gov.vn' }
		});
		expect(loadConfig({ SMTP_URL: 'smtps://mail.tinh.gov.vn', SMTP_FROM: '"Văn phòng UBND" <vp@tinh.gov.vn>' }).smtp).toMatchObject({ port: 465, from: { name: 'Văn phòng UBND', address: 'vp@tinh.gov.vn' } });
	});

	it('a bad value stops the start, naming the variable but never echoing the password', () => {
		expect(() => loadConfig({ SMTP_URL: 'http://user:hunter22@mail.tinh.gov.vn' })).toThrowError(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
		try {
			loadConfig({ SMTP_URL: 'http://user:hunter22@mail.tinh.gov.vn' });
		} catch (e) {
			expect((e as Error).message).not.toContain('hunter22');
		}
		expect(() => loadConfig({ SMTP_URL: 'smtp://mail.tinh.gov.vn', SMTP_FROM: 'không phải địa chỉ' })).toThrowError(/SMTP_FROM must be an e-mail address/);
		expect(() => loadConfig({ SMTP_FROM: 'vp@tinh.gov.vn' })).toThrowError(/SMTP_FROM needs SMTP_URL/);
	});
});
