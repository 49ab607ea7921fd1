import { formatDateTime } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import type { NoticeKind, NoticeParams } from './kinds';

export type NoticeLocale = 'vi' | 'en';

export interface NoticeWords {
	/** One line: the list's heading and the mail's subject. */
	title: string;
	/** One or two sentences. */
	body: string;
}

/** A notice in `locale`; times in the province's zone, whatever the server's or the reader's device's. */
export function noticeWords(kind: NoticeKind, params: NoticeParams, locale: NoticeLocale): NoticeWords {
	const o = { locale };
	const title = params.title;
	const when = params.startsAt ? formatDateTime(params.startsAt, locale) : '';
	const deadline = params.deadline ? formatDateTime(params.deadline, locale) : '';
	const place = params.location ? m.notices_place({ location: params.location }, o) : '';
	const document = params.document ?? '';
	switch (kind) {
		case 'meeting_invited':
			return { title: m.notices_kind_meeting_invited({ title }, o), body: m.notices_body_meeting_invited({ title, when, place }, o) };
		case 'meeting_moved':
			return { title: m.notices_kind_meeting_moved({ title }, o), body: m.notices_body_meeting_moved({ title, when, place }, o) };
		case 'meeting_cancelled':
			return { title: m.notices_kind_meeting_cancelled({ title }, o), body: m.notices_body_meeting_cancelled({ title, when }, o) };
		case 'document_added':
			return { title: m.notices_kind_document_added({ title }, o), body: m.notices_body_document_added({ title, document }, o) };
		case 'document_replaced':
			return {
				title: m.notices_kind_document_replaced({ title }, o),
				body: m.notices_body_document_replaced({ title, document, version: String(params.version ?? '') }, o)
			};
		case 'minutes_to_sign':
			return {
				title: m.notices_kind_minutes_to_sign({ title }, o),
				body: params.signer === 'chair' ? m.notices_body_minutes_to_sign_chair({ title }, o) : m.notices_body_minutes_to_sign_secretary({ title }, o)
			};
		case 'poll_opened':
			return { title: m.notices_kind_poll_opened({ title }, o), body: m.notices_body_poll_opened({ title, deadline }, o) };
		case 'poll_deadline_tomorrow':
			return { title: m.notices_kind_poll_deadline_tomorrow({ title }, o), body: m.notices_body_poll_deadline_tomorrow({ title, deadline }, o) };
		case 'task_overdue':
			return { title: m.notices_kind_task_overdue({ title }, o), body: m.notices_body_task_overdue({ title, deadline }, o) };
	}
}

export interface MailWords {
	subject: string;
	text: string;
}

/**
 * The e-mail of a notice: the same words, then where to open it (`url`: the public address, when ORIGIN is set),
 * a line about the attached invitation for calendar kinds, and why the mail came.
 */
export function mailWords(kind: NoticeKind, params: NoticeParams, locale: NoticeLocale, options: { url: string | null; calendar: boolean }): MailWords {
	const o = { locale };
	const words = noticeWords(kind, params, locale);
	const lines = [words.body, ''];
	if (options.calendar) lines.push(m.notices_mail_invitation_attached({}, o), '');
	lines.push(options.url ? m.notices_mail_open({ url: options.url }, o) : m.notices_mail_open_app({}, o), '', '--', m.notices_mail_footer({}, o));
	return { subject: `[Quorum] ${words.title}`, text: lines.join('\n') };
}
