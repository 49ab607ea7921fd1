import { eq } from 'drizzle-orm';
import { canInMeeting, type Actor, type MeetingAction } from '../auth/policy';
import type { Queryable } from '../db/client';
import { motions, type Motion } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { isArchived, requireMeeting, type MeetingAccess } from '../meetings/access';

export interface MotionAccess extends MeetingAccess {
	motion: Motion;
	/** May open, close, edit and see who has voted. */
	runsVotes: boolean;
}

/**
 * Loads a motion for an actor. Like meetings: whoever may not see the meeting gets 404, as for a motion that does
 * not exist. A draft is the chair's and the secretariat's working copy: to everyone else it does not exist yet.
 */
export function requireMotion(db: Queryable, actor: Actor, motionId: string, action: MeetingAction = 'view'): MotionAccess {
	const motion = db.select().from(motions).where(eq(motions.id, motionId)).get();
	if (!motion) throw notFound('motion');
	const access = requireMeeting(db, actor, motion.meetingId, 'view');
	const runsVotes = canInMeeting(actor, access.participation, 'run_votes');
	if (motion.state === 'draft' && !runsVotes) throw notFound('motion');
	if (!canInMeeting(actor, access.participation, action)) throw forbidden(`not allowed to ${action} in this meeting`);
	if (action !== 'view' && isArchived(db, motion.meetingId)) throw new AppError('meeting_archived', 'the meeting is archived: its record cannot change');
	return { ...access, motion, runsVotes };
}
