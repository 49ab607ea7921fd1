import { and, eq, sql } from 'drizzle-orm';
import { canInMeeting, type Actor, type MeetingAction, type Participation } from '../auth/policy';
import type { Queryable } from '../db/client';
import { prepared } from '../db/prepared';
import { archiveRecords, meetingParticipants, meetings, type Meeting } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';

export interface MeetingAccess {
	meeting: Meeting;
	participation: Participation | null;
}

const participationQuery = (db: Queryable) =>
	db
		.select({ role: meetingParticipants.role, canVote: meetingParticipants.canVote })
		.from(meetingParticipants)
		.where(and(eq(meetingParticipants.meetingId, sql.placeholder('meetingId')), eq(meetingParticipants.userId, sql.placeholder('userId'))))
		.prepare();

export function findParticipation(db: Queryable, meetingId: string, userId: string): Participation | null {
	return prepared(db, 'participation', participationQuery).get({ meetingId, userId }) ?? null;
}

/**
 * Loads a meeting for an actor who wants to do `action` in it. Someone who may not even see the meeting gets
 * the same 404 as for a meeting that does not exist, so ids reveal nothing; someone who sees it but may not
 * do the action gets 403.
 */
export function requireMeeting(db: Queryable, actor: Actor, meetingId: string, action: MeetingAction = 'view'): MeetingAccess {
	const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!meeting) throw notFound('meeting');
	const participation = findParticipation(db, meetingId, actor.id);
	if (!canInMeeting(actor, participation, 'view')) throw notFound('meeting');
	if (!canInMeeting(actor, participation, action)) throw forbidden(`not allowed to ${action} in this meeting`);
	if (action !== 'view' && isArchived(db, meetingId)) throw new AppError('meeting_archived', 'the meeting is archived: its record cannot change');
	return { meeting, participation };
}

/** An archived meeting is evidence: every action but reading is refused (here, for every service at once). */
const archivedQuery = (db: Queryable) =>
	db.select({ seq: archiveRecords.seq }).from(archiveRecords).where(eq(archiveRecords.meetingId, sql.placeholder('meetingId'))).prepare();

export function isArchived(db: Queryable, meetingId: string): boolean {
	return prepared(db, 'archived', archivedQuery).get({ meetingId }) !== undefined;
}

/**
 * For the actions anyone in a meeting may take on their own (checking in, asking to speak): `requireMeeting` lets
 * them through with 'view', so they ask here whether the meeting is still open to change.
 */
export function requireNotArchived(db: Queryable, meetingId: string): void {
	if (isArchived(db, meetingId)) throw new AppError('meeting_archived', 'the meeting is archived: its record cannot change');
}
