import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { requiredQuorum } from '../../votes/bodies';
import { attendance, meetingParticipants, meetings, proxies, type BodyType, type Motion } from '../db/schema';
import { votedIds } from './ballot-rows';
import { presence, type Presence } from './rules';

/** Who counts in a meeting right now, read in one go so a vote and its quorum are judged on the same facts. */
export interface Roster {
	memberIds: string[];
	presentIds: Set<string>;
	proxies: { principalId: string; holderId: string }[];
	quorumSetting: number | null;
	proxyLimit: number;
	/** Sets the default quorum and the wording of results (src/lib/votes/bodies.ts). */
	bodyType: BodyType;
	/** The participant in the chair's role, whose open ballot breaks a tie when the rule says so. */
	chairId: string | null;
}

export function readRoster(db: Queryable, meetingId: string): Roster {
	const members = db
		.select({ userId: meetingParticipants.userId, role: meetingParticipants.role })
		.from(meetingParticipants)
		.where(
			and(
				eq(meetingParticipants.meetingId, meetingId),
				eq(meetingParticipants.canVote, true),
				inArray(meetingParticipants.role, ['chair', 'delegate'])
			)
		)
		.all();
	// Attendance rows of people who are no longer participants are kept for the record but count for nothing.
	const present = db
		.select({ userId: attendance.userId })
		.from(attendance)
		.innerJoin(meetingParticipants, and(eq(meetingParticipants.meetingId, attendance.meetingId), eq(meetingParticipants.userId, attendance.userId)))
		.where(and(eq(attendance.meetingId, meetingId), eq(attendance.status, 'present')))
		.all();
	const proxyRows = db
		.select({ principalId: proxies.principalId, holderId: proxies.holderId })
		.from(proxies)
		.where(eq(proxies.meetingId, meetingId))
		.all();
	const settings = db
		.select({ quorum: meetings.quorum, proxyLimit: meetings.proxyLimit, bodyType: meetings.bodyType })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get();
	// A chair without a voting right has no ballot to break a tie with, so only voting members are looked at.
	const chair = members.find((m) => m.role === 'chair');
	return {
		memberIds: members.map((m) => m.userId),
		presentIds: new Set(present.map((p) => p.userId)),
		proxies: proxyRows,
		quorumSetting: settings?.quorum ?? null,
		proxyLimit: settings?.proxyLimit ?? 1,
		bodyType: settings?.bodyType ?? 'other',
		chairId: chair?.userId ?? null
	};
}

export interface QuorumView extends Presence {
	quorum: number;
	quorumMet: boolean;
	presentParticipants: number;
}

export function quorumOf(roster: Roster, votedIds?: ReadonlySet<string>): QuorumView {
	const p = presence({ memberIds: roster.memberIds, presentIds: roster.presentIds, proxies: roster.proxies, votedIds });
	const quorum = requiredQuorum(roster.bodyType, p.memberCount, roster.quorumSetting);
	return { ...p, quorum, quorumMet: p.presentCount >= quorum, presentParticipants: roster.presentIds.size };
}

/** "N of M have voted": M is everyone who may vote now, plus those who voted and left (rules.ts `presence`). */
export function eligibleCountNow(
	db: Queryable,
	motion: Motion,
	roster: Roster = readRoster(db, motion.meetingId),
	voted: ReadonlySet<string> = motion.state === 'draft' ? new Set() : votedIds(db, motion)
): { votedCount: number; eligibleCount: number } {
	if (motion.result) return { votedCount: motion.result.votedCount, eligibleCount: motion.result.eligibleCount };
	return { votedCount: voted.size, eligibleCount: quorumOf(roster, voted).presentCount };
}
