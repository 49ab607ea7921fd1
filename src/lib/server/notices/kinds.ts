/**
 * What a notice can be about. Each kind has its wording in both languages (wording.ts, messages/notices) and its
 * parameters below; poll and task kinds are sent by those features through the same `notify`.
 */
export const NOTICE_KINDS = [
	'meeting_invited',
	'meeting_moved',
	'meeting_cancelled',
	'document_added',
	'document_replaced',
	'minutes_to_sign',
	'poll_opened',
	'poll_deadline_tomorrow',
	'task_overdue'
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Stored with the notice as JSON and worded when read, so each reader gets their own language. */
export interface NoticeParams {
	/** The meeting's, poll's or task's title. */
	title: string;
	/** ISO instants, shown in the province's time zone. */
	startsAt?: string;
	deadline?: string;
	location?: string;
	/** Documents: the document's title and (replaced) its new version. */
	document?: string;
	version?: number;
	/** Minutes to sign: who is asked, the secretary (first) or the chair (approval). */
	signer?: 'secretary' | 'chair';
}

/** The meeting kinds that carry the meeting as an iCalendar part, and the method it is sent with (RFC 5546). */
export const CALENDAR_METHOD: Partial<Record<NoticeKind, 'REQUEST' | 'CANCEL'>> = {
	meeting_invited: 'REQUEST',
	meeting_moved: 'REQUEST',
	meeting_cancelled: 'CANCEL'
};

export const isNoticeKind = (value: string): value is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(value);
