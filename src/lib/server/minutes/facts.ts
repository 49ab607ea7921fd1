import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import {
	agendaItems,
	attendance,
	documents,
	meetingParticipants,
	meetingReplies,
	meetings,
	motions,
	openBallots,
	proxies,
	speakers,
	users,
	type AbsenceReason,
	type AttendanceStatus,
	type BodyType,
	type Motion,
	type ParticipantRole
} from '../db/schema';
import { notFound } from '../errors';
import { byVi } from '$lib/collation';

/** What the system knows about a meeting, read in one go: the minutes template and the archive are built from it. */
export interface MeetingFacts {
	meeting: { id: string; title: string; body: string; bodyType: BodyType; location: string; startsAt: Date; endsAt: Date | null };
	participants: {
		userId: string;
		displayName: string;
		role: ParticipantRole;
		canVote: boolean;
		attendance: AttendanceStatus | null;
		/** For an excused member: why, and who attended in their place (from their reply). */
		absence?: { reason: AbsenceReason | null; note: string; substituteName: string | null };
	}[];
	proxies: { principalId: string; holderId: string }[];
	/** In agenda order (top-level items each followed by their sub-items), with their printed numbers. */
	agenda: { id: string; parentId: string | null; number: string; title: string; description: string; presenter: string }[];
	documents: { id: string; agendaItemId: string; seriesId: string; version: number; title: string; filename: string; sha256: string; pages: number; sizeBytes: number }[];
	/** Turns that were given (speaking or done), in order. */
	speakers: { agendaItemId: string; userId: string; displayName: string; startedAt: Date | null }[];
	motions: MotionFacts[];
}

/** A motion as the minutes tell it: its row, and for a closed open-ballot motion the named ballots. */
export type MotionFacts = Pick<
	Motion,
	'id' | 'agendaItemId' | 'title' | 'text' | 'ballot' | 'majority' | 'options' | 'maxChoices' | 'state' | 'openedAt' | 'closedAt' | 'result'
> & {
	/** Named ballots of a closed open-ballot motion (who voted what is part of its result); empty otherwise. */
	ballots: { voterId: string; displayName: string; choices: string[]; castBy: string }[];
};

export function readMeetingFacts(db: Queryable, meetingId: string): MeetingFacts {
	const meeting = db
		.select({ id: meetings.id, title: meetings.title, body: meetings.body, bodyType: meetings.bodyType, location: meetings.location, startsAt: meetings.startsAt, endsAt: meetings.endsAt })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get();
	if (!meeting) throw notFound('meeting');

	const statuses = new Map(
		db
			.select({ userId: attendance.userId, status: attendance.status, reason: attendance.absenceReason, note: attendance.absenceNote })
			.from(attendance)
			.where(eq(attendance.meetingId, meetingId))
			.all()
			.map((r) => [r.userId, r])
	);
	const substitutes = new Map(
		db
			.select({ userId: meetingReplies.userId, substituteName: users.displayName })
			.from(meetingReplies)
			.innerJoin(users, eq(users.id, meetingReplies.substituteId))
			// Only a substitute the secretariat let in attended: a name still waiting is not in the record.
			.where(and(eq(meetingReplies.meetingId, meetingId), eq(meetingReplies.attending, false), eq(meetingReplies.substituteApproved, true)))
			.all()
			.map((r) => [r.userId, r.substituteName])
	);
	const participants = db
		.select({ userId: meetingParticipants.userId, displayName: users.displayName, role: meetingParticipants.role, canVote: meetingParticipants.canVote })
		.from(meetingParticipants)
		.innerJoin(users, eq(users.id, meetingParticipants.userId))
		.where(eq(meetingParticipants.meetingId, meetingId))
		.all()
		.sort(byVi((p) => p.displayName, (p) => p.userId))
		.map((p) => {
			const a = statuses.get(p.userId);
			if (a?.status !== 'excused') return { ...p, attendance: a?.status ?? null };
			return { ...p, attendance: a.status, absence: { reason: a.reason, note: a.note, substituteName: substitutes.get(p.userId) ?? null } };
		});

	const proxyRows = db
		.select({ principalId: proxies.principalId, holderId: proxies.holderId })
		.from(proxies)
		.where(eq(proxies.meetingId, meetingId))
		.orderBy(asc(proxies.principalId))
		.all();

	const items = db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)).all();
	const agenda: MeetingFacts['agenda'] = [];
	items
		.filter((i) => !i.parentId)
		.forEach((top, i) => {
			agenda.push({ id: top.id, parentId: null, number: `${i + 1}`, title: top.title, description: top.description, presenter: top.presenter });
			items
				.filter((c) => c.parentId === top.id)
				.forEach((child, j) =>
					agenda.push({ id: child.id, parentId: top.id, number: `${i + 1}.${j + 1}`, title: child.title, description: child.description, presenter: child.presenter })
				);
		});

	const docs = db
		.select({
			id: documents.id,
			agendaItemId: documents.agendaItemId,
			seriesId: documents.seriesId,
			version: documents.version,
			title: documents.title,
			filename: documents.filename,
			sha256: documents.sha256,
			pages: documents.pages,
			sizeBytes: documents.sizeBytes
		})
		.from(documents)
		.where(eq(documents.meetingId, meetingId))
		.orderBy(asc(documents.position), asc(documents.seriesId), asc(documents.version))
		.all();

	const turns = db
		.select({ agendaItemId: speakers.agendaItemId, userId: speakers.userId, displayName: users.displayName, startedAt: speakers.startedAt })
		.from(speakers)
		.innerJoin(users, eq(users.id, speakers.userId))
		.where(and(eq(speakers.meetingId, meetingId), inArray(speakers.state, ['speaking', 'done'])))
		.orderBy(asc(speakers.startedAt), asc(speakers.id))
		.all();

	const motionRows = db.select().from(motions).where(eq(motions.meetingId, meetingId)).orderBy(asc(motions.createdAt), asc(motions.id)).all();
	const motionFacts = motionRows.map(
		(m): MotionFacts => ({
			id: m.id,
			agendaItemId: m.agendaItemId,
			title: m.title,
			text: m.text,
			ballot: m.ballot,
			majority: m.majority,
			options: m.options,
			maxChoices: m.maxChoices,
			state: m.state,
			openedAt: m.openedAt,
			closedAt: m.closedAt,
			result: m.result ?? null,
			ballots:
				m.ballot === 'open' && m.state === 'closed'
					? db
							.select({ voterId: openBallots.voterId, displayName: users.displayName, choices: openBallots.choices, castBy: openBallots.castBy })
							.from(openBallots)
							.innerJoin(users, eq(users.id, openBallots.voterId))
							.where(eq(openBallots.motionId, m.id))
							.all()
							.sort(byVi((b) => b.displayName, (b) => b.voterId))
					: []
		})
	);

	return { meeting, participants, proxies: proxyRows, agenda, documents: docs, speakers: turns, motions: motionFacts };
}
