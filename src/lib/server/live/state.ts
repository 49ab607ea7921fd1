import type { ActiveMotionState, AttendanceLiveState, VoteLiveState } from '../../collab/live-state';
import type { Queryable } from '../db/client';
import type { Motion } from '../db/schema';
import { eligibleCountNow, quorumOf, readRoster, type Roster } from '../votes/roster';

/** The values the live room shows, read from the database: the same whether written now or read for a first paint. */

export function attendanceLiveState(db: Queryable, meetingId: string, now = Date.now()): AttendanceLiveState {
	const q = quorumOf(readRoster(db, meetingId));
	return {
		memberCount: q.memberCount,
		presentVoters: q.presentVoters,
		represented: q.represented,
		presentCount: q.presentCount,
		quorum: q.quorum,
		quorumMet: q.quorumMet,
		presentParticipants: q.presentParticipants,
		at: now
	};
}

export function voteLiveState(db: Queryable, motion: Motion, now = Date.now(), roster?: Roster, voted?: ReadonlySet<string>): VoteLiveState | null {
	if (motion.state === 'draft') return null;
	return { motionId: motion.id, state: motion.state, ballot: motion.ballot, ...eligibleCountNow(db, motion, roster, voted), result: motion.result ?? null, at: now };
}

export function activeMotionState(motion: Motion): ActiveMotionState | null {
	if (motion.state === 'draft' || !motion.openedAt) return null;
	return {
		id: motion.id,
		agendaItemId: motion.agendaItemId,
		title: motion.title,
		text: motion.text,
		ballot: motion.ballot,
		majority: motion.majority,
		options: motion.options,
		maxChoices: motion.maxChoices,
		state: motion.state,
		openedAt: motion.openedAt.getTime(),
		closesAt: motion.closesAt?.getTime() ?? null
	};
}
