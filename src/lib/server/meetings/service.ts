import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { MeetingSummary } from '$lib/api-types';
import { audit } from '../audit';
import { canGlobal, isStaff, meetingAbilities, type Actor, type MeetingAction, type Participation } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { agendaItems, BODY_TYPES, MEETING_STATUSES, meetingParticipants, meetings, users, type Meeting, type MeetingStatus } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { newId } from '../ids';
import { identityText, instant, optionalIdentityText, parseInput, trimmed } from '../validation';
import { noticeMeetingChange } from '../notices/meeting-notices';
import { isArchived, requireMeeting } from './access';

const meetingFields = {
	title: identityText(200),
	/** The convening body ("UBND tỉnh"): a name, like the title. */
	body: optionalIdentityText(200),
	description: trimmed(5000),
	location: optionalIdentityText(200),
	startsAt: instant,
	endsAt: instant.nullable(),
	status: z.enum(MEETING_STATUSES),
	/** Sets the legal defaults of quorum and majority (src/lib/votes/bodies.ts, docs/voting-law.md). */
	bodyType: z.enum(BODY_TYPES),
	/** Present voters required for a valid vote; null: the body's default share of the voting members. */
	quorum: z.number().int().min(1).max(100_000).nullable(),
	/** Absent members one delegate may represent by proxy (0: no proxies). */
	proxyLimit: z.number().int().min(0).max(100),
	/** Who keeps and first signs the minutes: checked by `requireSecretaryCandidate`. */
	secretaryId: z.string().min(1).max(64)
};

export const createMeetingInput = z
	.object({
		title: meetingFields.title,
		startsAt: meetingFields.startsAt,
		endsAt: meetingFields.endsAt.optional(),
		body: meetingFields.body.default(''),
		description: meetingFields.description.default(''),
		location: meetingFields.location.default(''),
		status: meetingFields.status.default('draft'),
		bodyType: meetingFields.bodyType.default('other'),
		quorum: meetingFields.quorum.default(null),
		proxyLimit: meetingFields.proxyLimit.default(1),
		secretaryId: meetingFields.secretaryId.optional()
	})
	.refine((m) => !m.endsAt || m.endsAt > m.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

export const updateMeetingInput = z.object(meetingFields).partial();

/** The meetings an actor may see: all of them for the secretariat, the invited ones for everybody else. */
export function listMeetings(db: Db, actor: Actor): MeetingSummary[] {
	const mine = db
		.select({ meetingId: meetingParticipants.meetingId, role: meetingParticipants.role })
		.from(meetingParticipants)
		.where(eq(meetingParticipants.userId, actor.id))
		.all();
	const roleByMeeting = new Map(mine.map((p) => [p.meetingId, p.role]));
	if (!isStaff(actor) && mine.length === 0) return [];
	// A join, not a correlated subquery: drizzle writes columns unqualified when the query has one table, so
	// `meeting_id = "id"` inside a subquery compared agenda_items with itself and always counted 0.
	const rows = db
		.select({
			id: meetings.id,
			title: meetings.title,
			body: meetings.body,
			location: meetings.location,
			startsAt: meetings.startsAt,
			endsAt: meetings.endsAt,
			status: meetings.status,
			agendaCount: count(agendaItems.id)
		})
		.from(meetings)
		.leftJoin(agendaItems, eq(agendaItems.meetingId, meetings.id))
		.where(isStaff(actor) ? undefined : inArray(meetings.id, [...roleByMeeting.keys()]))
		.groupBy(meetings.id)
		.orderBy(desc(meetings.startsAt))
		.all();
	return rows.map((m) => ({ ...m, myRole: roleByMeeting.get(m.id) ?? null }));
}

export interface MeetingView {
	meeting: Meeting;
	participation: Participation | null;
	can: Record<MeetingAction, boolean>;
}

export function getMeeting(db: Db, actor: Actor, id: string): MeetingView {
	const { meeting, participation } = requireMeeting(db, actor, id);
	return { meeting, participation, can: meetingAbilities(actor, participation, isArchived(db, meeting.id)) };
}

export function createMeeting(db: Db, ctx: ServiceCtx, raw: unknown): Meeting {
	if (!canGlobal(ctx.actor, 'create_meeting')) throw forbidden('only the secretariat creates meetings');
	const input = parseInput(createMeetingInput, raw);
	if (input.secretaryId) requireSecretaryCandidate(db, null, input.secretaryId);
	const now = new Date();
	const meeting: Meeting = {
		id: newId(),
		title: input.title,
		body: input.body,
		description: input.description,
		location: input.location,
		startsAt: input.startsAt,
		endsAt: input.endsAt ?? null,
		status: input.status,
		quorum: input.quorum,
		proxyLimit: input.proxyLimit,
		bodyType: input.bodyType,
		currentAgendaItemId: null,
		openedAt: null,
		closedAt: null,
		createdBy: ctx.actor.id,
		// The staff member who creates a meeting keeps its minutes unless someone else is named.
		secretaryId: input.secretaryId ?? ctx.actor.id,
		createdAt: now,
		updatedAt: now
	};
	db.transaction((tx) => {
		tx.insert(meetings).values(meeting).run();
		audit(tx, { actorId: ctx.actor.id, action: 'meeting.create', subjectType: 'meeting', subjectId: meeting.id, ip: ctx.ip, data: { title: meeting.title, bodyType: meeting.bodyType } });
	});
	return meeting;
}

export function updateMeeting(db: Db, ctx: ServiceCtx, id: string, raw: unknown): Meeting {
	const input = parseInput(updateMeetingInput, raw);
	const { before, updated } = db.transaction((tx) => {
		const { meeting } = requireMeeting(tx, ctx.actor, id, 'edit');
		if (input.secretaryId) requireSecretaryCandidate(tx, id, input.secretaryId);
		const next = { ...meeting, ...input, updatedAt: new Date() };
		if (next.endsAt && next.endsAt <= next.startsAt) {
			throw new AppError('validation_failed', 'endsAt must be after startsAt', { fields: [{ path: 'endsAt', message: 'must be after startsAt' }] });
		}
		tx.update(meetings).set({ ...input, updatedAt: next.updatedAt }).where(eq(meetings.id, id)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'meeting.update', subjectType: 'meeting', subjectId: id, ip: ctx.ip, data: { fields: Object.keys(input) } });
		return { before: meeting, updated: next };
	});
	// Announced, moved or withdrawn: the participants hear of it, with the calendar's invitation, update or cancellation.
	noticeMeetingChange(db, before, updated);
	// The body sets the default quorum; with the quorum and the proxy limit it changes what the live room shows.
	if (input.quorum !== undefined || input.proxyLimit !== undefined || input.bodyType !== undefined) ctx.events.attendanceChanged(id);
	// The secretariat may set the status by hand (a correction): every tablet shows it like a start or an end.
	if (input.status !== undefined) ctx.events.sessionChanged(id);
	return updated;
}

/**
 * The meeting's secretary must be someone who can read it: a member of the secretariat (who sees every meeting) or
 * one of its participants. An unknown or deactivated account is refused like a malformed field.
 */
export function requireSecretaryCandidate(db: Queryable, meetingId: string | null, userId: string): void {
	const user = db.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, userId)).get();
	const participant =
		meetingId !== null &&
		db
			.select({ userId: meetingParticipants.userId })
			.from(meetingParticipants)
			.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)))
			.get() !== undefined;
	if (!user?.active || !(isStaff({ id: userId, role: user.role }) || participant)) {
		const message = 'must be an active member of the secretariat or a participant of the meeting';
		throw new AppError('validation_failed', `secretaryId ${message}`, { fields: [{ path: 'secretaryId', message }] });
	}
}

/** Who signs the minutes as THƯ KÝ: the named secretary, else (rows from before migration 0010) the creator. */
export const meetingSecretaryId = (meeting: Pick<Meeting, 'secretaryId' | 'createdBy'>): string => meeting.secretaryId ?? meeting.createdBy;

const DAY = 24 * 60 * 60 * 1000;

/** Meetings grouped the way "My meetings" shows them. */
export function groupMeetings<T extends { status: MeetingStatus; startsAt: Date; endsAt: Date | null }>(
	list: T[],
	now = new Date()
): { inProgress: T[]; upcoming: T[]; past: T[] } {
	const inProgress: T[] = [];
	const upcoming: T[] = [];
	const past: T[] = [];
	for (const m of list) {
		if (m.status === 'in_progress') inProgress.push(m);
		else if (m.status === 'closed') past.push(m);
		// Without a planned end, a meeting counts as finished a day after it started.
		else if ((m.endsAt?.getTime() ?? m.startsAt.getTime() + DAY) < now.getTime()) past.push(m);
		else upcoming.push(m);
	}
	upcoming.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
	return { inProgress, upcoming, past };
}

