import { and, eq, inArray } from 'drizzle-orm';
import { config, type SmtpConfig } from '../config';
import type { Db } from '../db/client';
import { meetings, users } from '../db/schema';
import { log } from '../log';
import { safeReturnPath } from '../return-path';
import { invitationIcs } from './calendar';
import { CALENDAR_METHOD, type NoticeKind, type NoticeParams } from './kinds';
import { mailQueue, type MailQueue, type OutgoingMail } from './mail-queue';
import { nextCalendarSequence } from './sequence';
import { insertNotices } from './store';
import { mailWords, type NoticeLocale } from './wording';

/** Something to tell some people: the one call every feature makes (meetings, documents, minutes, polls, tasks). */
export interface NoticeEvent {
	kind: NoticeKind;
	userIds: readonly string[];
	/** The meeting it is about: its title, time and place fill the wording, and calendar kinds attach it as .ics. */
	meetingId?: string;
	/** Wording parameters; `title` is required when there is no meeting (a poll's or a task's title). */
	params?: Partial<NoticeParams>;
	/** The app path the notice opens. Default: the meeting's page (its minutes for `minutes_to_sign`); null: none. */
	link?: string | null;
}

/** Where the mail goes; read from the configuration unless a caller (a test, a script) says otherwise. */
export interface NotifyOptions {
	smtp?: SmtpConfig | null;
	origin?: string | null;
	queue?: MailQueue | null;
}

export interface NotifyOutcome {
	/** In-app notices written. */
	noticed: number;
	/** E-mails queued (recipients with an address, when SMTP_URL is set). */
	mailed: number;
}

/**
 * Writes one in-app notice per active recipient and queues their e-mail; for a meeting's invitation, move or
 * cancellation the mail carries the meeting as an iCalendar REQUEST or CANCEL under a new SEQUENCE. Call it after
 * the change it tells about has committed. It never throws: whatever the notices meet, the change stands and the
 * request that made it succeeds; a failure is logged.
 */
export function notify(db: Db, event: NoticeEvent, options: NotifyOptions = {}): NotifyOutcome {
	try {
		return deliver(db, event, options);
	} catch (error) {
		log().error({ err: error, kind: event.kind, meetingId: event.meetingId }, '[notices] could not write notices');
		return { noticed: 0, mailed: 0 };
	}
}

function deliver(db: Db, event: NoticeEvent, options: NotifyOptions): NotifyOutcome {
	const ids = [...new Set(event.userIds)];
	if (ids.length === 0) return { noticed: 0, mailed: 0 };
	const recipients = db
		.select({ id: users.id, displayName: users.displayName, email: users.email })
		.from(users)
		.where(and(inArray(users.id, ids), eq(users.active, true)))
		.all();
	if (recipients.length === 0) return { noticed: 0, mailed: 0 };
	const meeting = event.meetingId ? db.select().from(meetings).where(eq(meetings.id, event.meetingId)).get() : undefined;
	if (event.meetingId && !meeting) return { noticed: 0, mailed: 0 };

	const params: NoticeParams = {
		...(meeting ? { title: meeting.title, startsAt: meeting.startsAt.toISOString(), ...(meeting.location ? { location: meeting.location } : {}) } : { title: '' }),
		...event.params
	} as NoticeParams;
	// Only a path on this site: the list follows it and API clients may link to it (OWASP Unvalidated Redirects).
	const link = event.link !== undefined ? safeReturnPath(event.link) : meeting ? `/meetings/${meeting.id}${event.kind === 'minutes_to_sign' ? '/minutes' : ''}` : null;
	const method = meeting ? CALENDAR_METHOD[event.kind] : undefined;

	// The rows and the sequence in one transaction: a calendar number is never spent on notices that were not written.
	const sequence = db.transaction((tx) => {
		insertNotices(tx, recipients.map((r) => ({ userId: r.id, kind: event.kind, meetingId: meeting?.id ?? null, link, params })));
		return method && meeting ? nextCalendarSequence(tx, meeting.id) : null;
	});

	const smtp = options.smtp !== undefined ? options.smtp : config().smtp;
	const queue = options.queue !== undefined ? options.queue : mailQueue(smtp);
	if (!smtp || !queue) return { noticed: recipients.length, mailed: 0 };
	const origin = options.origin !== undefined ? options.origin : config().origin;
	const url = origin && link ? origin + link : null;
	const mails: OutgoingMail[] = [];
	for (const r of recipients) {
		if (!r.email) continue;
		const locale = recipientLocale();
		const words = mailWords(event.kind, params, locale, { url, calendar: method !== undefined });
		const to = { name: r.displayName, address: r.email };
		const calendar =
			method && meeting && sequence !== null
				? { method, content: invitationIcs({ method, meeting, sequence, organizer: smtp.from, attendee: to, url }) }
				: undefined;
		mails.push({ userId: r.id, to, ...words, kind: event.kind, ...(calendar ? { calendar } : {}) });
	}
	queue.enqueue(mails);
	return { noticed: recipients.length, mailed: mails.length };
}

/**
 * The language of a person's mail. Quorum keeps no language per account (the switch in the header is a cookie
 * of one browser), so mail is in Vietnamese, the administration's language; the wording exists in English too
 * for when an account keeps one.
 */
function recipientLocale(): NoticeLocale {
	return 'vi';
}
