import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client';
import { meetingParticipants, meetings, type Meeting } from '../db/schema';
import { notify } from './notify';

/**
 * Who hears of what happens to a meeting. A draft is the secretariat's work in progress: nobody is told of it.
 * Invitations go out when it is announced (`scheduled`) or to someone added to an announced meeting; a change of
 * time or place, or a return to draft (the announcement withdrawn), is sent to everyone invited, with the
 * calendar's update or cancellation. A meeting that is already over is history, not news: nothing is sent about
 * it (the demo's archived meeting, a record entered after the fact).
 */

function participantIds(db: Queryable, meetingId: string, except?: string): string[] {
	return db
		.select({ userId: meetingParticipants.userId })
		.from(meetingParticipants)
		.where(eq(meetingParticipants.meetingId, meetingId))
		.all()
		.map((p) => p.userId)
		.filter((id) => id !== except);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Over: past its planned end or, without one, a day past its start (as "My meetings" groups it). */
export function meetingIsOver(m: Pick<Meeting, 'startsAt' | 'endsAt'>, now = new Date()): boolean {
	return (m.endsAt?.getTime() ?? m.startsAt.getTime() + DAY_MS) < now.getTime();
}

const when = (m: Pick<Meeting, 'startsAt' | 'endsAt' | 'location'>) => `${m.startsAt.getTime()}|${m.endsAt?.getTime() ?? ''}|${m.location}`;

/** What a change of a meeting's fields tells its participants, if anything (a pure rule, tested as a table). */
export function meetingChangeNotice(
	before: Pick<Meeting, 'status' | 'startsAt' | 'endsAt' | 'location'>,
	after: typeof before,
	now = new Date()
): 'meeting_invited' | 'meeting_moved' | 'meeting_cancelled' | null {
	if (meetingIsOver(after, now)) return null;
	if (before.status === 'draft' && after.status === 'scheduled') return 'meeting_invited';
	if (before.status === 'scheduled' && after.status === 'draft') return 'meeting_cancelled';
	if (before.status === 'scheduled' && after.status === 'scheduled' && when(before) !== when(after)) return 'meeting_moved';
	return null;
}

/** After `updateMeeting` committed. */
export function noticeMeetingChange(db: Db, before: Meeting, after: Meeting): void {
	const kind = meetingChangeNotice(before, after);
	if (kind) notify(db, { kind, meetingId: after.id, userIds: participantIds(db, after.id) });
}

/** The meeting's status, or undefined when it is gone or already over (nothing is sent about it then). */
function statusOf(db: Queryable, meetingId: string): Meeting['status'] | undefined {
	const row = db.select({ status: meetings.status, startsAt: meetings.startsAt, endsAt: meetings.endsAt }).from(meetings).where(eq(meetings.id, meetingId)).get();
	return row && !meetingIsOver(row) ? row.status : undefined;
}

/** After participants were added (one, a list or a group): invited at once if the meeting is announced. */
export function noticeParticipantsAdded(db: Db, meetingId: string, userIds: readonly string[]): void {
	if (userIds.length > 0 && statusOf(db, meetingId) === 'scheduled') notify(db, { kind: 'meeting_invited', meetingId, userIds });
}

/** After a participant was removed from an announced meeting: their calendar drops it; the notice opens nothing. */
export function noticeParticipantRemoved(db: Db, meetingId: string, userId: string): void {
	if (statusOf(db, meetingId) === 'scheduled') notify(db, { kind: 'meeting_cancelled', meetingId, userIds: [userId], link: null });
}

/**
 * After a document was uploaded to an announced or running meeting: everyone but the uploader hears of it (a
 * new version of a series is a replacement). Confidential documents too: participants may read them, watermarked.
 */
export function noticeDocumentUploaded(db: Db, uploaderId: string, doc: { meetingId: string; title: string; version: number }): void {
	const status = statusOf(db, doc.meetingId);
	if (status !== 'scheduled' && status !== 'in_progress') return;
	notify(db, {
		kind: doc.version > 1 ? 'document_replaced' : 'document_added',
		meetingId: doc.meetingId,
		userIds: participantIds(db, doc.meetingId, uploaderId),
		params: { document: doc.title, ...(doc.version > 1 ? { version: doc.version } : {}) }
	});
}
