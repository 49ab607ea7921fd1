import { and, eq } from 'drizzle-orm';
import { canInMeeting, type Actor } from '../auth/policy';
import type { Db, Queryable } from '../db/client';
import { attendance, openBallots, proxies, users, type BallotKind, type MajorityRule, type Motion, type MotionState, type StoredMotionResult } from '../db/schema';
import { hasVoted } from './ballot-rows';
import { settleExpired } from './closing';
import { requireMotion } from './access';
import { noEvents, type MeetingEvents } from '../context';
import { eligibleCountNow } from './roster';
import { listMotions } from './motions';
import { byVi } from '$lib/collation';

export interface MotionSummary {
	id: string;
	meetingId: string;
	agendaItemId: string;
	documentId: string | null;
	title: string;
	text: string;
	ballot: BallotKind;
	majority: MajorityRule | null;
	options: string[];
	maxChoices: number;
	state: MotionState;
	closesAt: Date | null;
	openedAt: Date | null;
	closedAt: Date | null;
	createdAt: Date;
	votedCount: number;
	eligibleCount: number;
	/** Only once closed. */
	result?: StoredMotionResult;
}

export interface VoterEntry {
	userId: string;
	displayName: string;
	/** Who pressed the button: the voter, or their proxy. */
	castBy: string;
	castAt: Date;
}

export interface NamedBallot extends VoterEntry {
	choices: string[];
}

export interface MotionDetail extends MotionSummary {
	/** Open ballots, for the chair and the secretariat: who has voted so far (never what, while it is open). */
	voters?: VoterEntry[];
	/** Open ballots once closed, for everyone who sees the meeting: who voted what is part of the result. */
	ballots?: NamedBallot[];
	/** What the caller can do on this motion. */
	me: {
		canVote: boolean;
		checkedIn: boolean;
		hasVoted: boolean;
		/** Absent members whose vote the caller carries. */
		proxies: { principalId: string; displayName: string; present: boolean; hasVoted: boolean }[];
	};
}

export function motionSummary(db: Queryable, motion: Motion): MotionSummary {
	const { result, ...rest } = motion;
	const summary: MotionSummary = {
		id: rest.id,
		meetingId: rest.meetingId,
		agendaItemId: rest.agendaItemId,
		documentId: rest.documentId,
		title: rest.title,
		text: rest.text,
		ballot: rest.ballot,
		majority: rest.majority,
		options: rest.options,
		maxChoices: rest.maxChoices,
		state: rest.state,
		closesAt: rest.closesAt,
		openedAt: rest.openedAt,
		closedAt: rest.closedAt,
		createdAt: rest.createdAt,
		...eligibleCountNow(db, motion)
	};
	if (result) summary.result = result;
	return summary;
}

function namedBallots(db: Queryable, motionId: string): NamedBallot[] {
	return db
		.select({ userId: openBallots.voterId, displayName: users.displayName, castBy: openBallots.castBy, castAt: openBallots.castAt, choices: openBallots.choices })
		.from(openBallots)
		.innerJoin(users, eq(users.id, openBallots.voterId))
		.where(eq(openBallots.motionId, motionId))
		.all()
		.sort(byVi((b) => b.displayName, (b) => b.userId));
}

export function getMotion(db: Db, actor: Actor, motionId: string, events: MeetingEvents = noEvents): MotionDetail {
	const access = requireMotion(db, actor, motionId, 'view');
	const motion = settleExpired(db, events, access.motion);
	const detail: MotionDetail = { ...motionSummary(db, motion), me: myPart(db, actor, motion, canInMeeting(actor, access.participation, 'vote')) };
	if (motion.ballot === 'open') {
		if (motion.state === 'closed') detail.ballots = namedBallots(db, motion.id);
		else if (access.runsVotes && motion.state === 'open') detail.voters = namedBallots(db, motion.id).map(({ choices: _choices, ...voter }) => voter);
	}
	return detail;
}

function myPart(db: Queryable, actor: Actor, motion: Motion, canVote: boolean): MotionDetail['me'] {
	const presentIds = new Set(
		db
			.select({ userId: attendance.userId })
			.from(attendance)
			.where(and(eq(attendance.meetingId, motion.meetingId), eq(attendance.status, 'present')))
			.all()
			.map((r) => r.userId)
	);
	const carried = db
		.select({ principalId: proxies.principalId, displayName: users.displayName })
		.from(proxies)
		.innerJoin(users, eq(users.id, proxies.principalId))
		.where(and(eq(proxies.meetingId, motion.meetingId), eq(proxies.holderId, actor.id)))
		.all()
		.sort(byVi((p) => p.displayName, (p) => p.principalId));
	const voted = (id: string) => motion.state !== 'draft' && hasVoted(db, motion, id);
	return {
		canVote,
		checkedIn: presentIds.has(actor.id),
		hasVoted: voted(actor.id),
		proxies: carried.map((p) => ({ ...p, present: presentIds.has(p.principalId), hasVoted: voted(p.principalId) }))
	};
}

export function listMotionSummaries(db: Db, actor: Actor, meetingId: string, agendaItemId?: string): MotionSummary[] {
	return listMotions(db, actor, meetingId, agendaItemId).map((m) => motionSummary(db, m));
}
