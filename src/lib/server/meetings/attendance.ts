import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { isStaff, type Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db } from '../db/client';
import { ABSENCE_REASONS, attendance, ATTENDANCE_STATUSES, proxies, type AbsenceReason, type AttendanceStatus, type ParticipantRole } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { findParticipation, requireMeeting, requireNotArchived } from './access';
import { participantRows } from './participants';
import { parseInput } from '../validation';
import { quorumOf, readRoster, type QuorumView } from '../votes/roster';
import { startOnCheckInTx } from './session';

export const setAttendanceInput = z.object({
	status: z.enum(ATTENDANCE_STATUSES),
	/** Someone else: the secretariat only. Without it, the caller checks themself in or out. */
	userId: z.string().min(1).max(64).optional(),
	/** With `excused`: why (kept with the attendance and printed in the minutes). Ignored for other statuses. */
	reason: z.enum(ABSENCE_REASONS).optional(),
	note: z.string().trim().max(500).optional()
});

export interface AttendanceEntry {
	userId: string;
	username: string;
	displayName: string;
	role: ParticipantRole;
	canVote: boolean;
	/** Null: not checked in yet (counts as absent). */
	status: AttendanceStatus | null;
	updatedAt: Date | null;
	updatedBy: string | null;
	/** For an excused member: why, from their reply or the secretariat's mark. */
	absenceReason: AbsenceReason | null;
	absenceNote: string;
	/** For an absent voting member: who carries their vote in this meeting, if anyone. */
	proxyHolderId: string | null;
}

export interface AttendanceView {
	participants: AttendanceEntry[];
	summary: QuorumView;
}

export interface AttendanceChange {
	userId: string;
	status: AttendanceStatus;
	previous: AttendanceStatus | null;
	updatedAt: Date;
	updatedBy: string;
	summary: QuorumView;
}

/**
 * Checks a participant in or out. Members check themselves in and out (present/absent); the secretariat marks
 * anyone present, absent or excused and corrects mistakes. Every change is audited in the same transaction and
 * shown in the live room at once.
 */
export function setAttendance(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): AttendanceChange {
	const input = parseInput(setAttendanceInput, raw);
	let started = false;
	const change = db.transaction((tx) => {
		const { participation } = requireMeeting(tx, ctx.actor, meetingId, 'view');
		requireNotArchived(tx, meetingId);
		const userId = input.userId ?? ctx.actor.id;
		const self = userId === ctx.actor.id;
		if ((!self || input.status === 'excused') && !isStaff(ctx.actor)) {
			throw forbidden('only the secretariat marks others, or marks someone excused');
		}
		const target = self ? participation : findParticipation(tx, meetingId, userId);
		if (!target) {
			if (self) throw forbidden('not a participant of this meeting');
			throw notFound('participant');
		}
		const key = and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId));
		const previous = tx.select({ status: attendance.status }).from(attendance).where(key).get()?.status ?? null;
		const now = new Date();
		// A reason belongs to an excused absence only; any other status clears it.
		const absenceReason = input.status === 'excused' ? (input.reason ?? null) : null;
		const absenceNote = input.status === 'excused' ? (input.note ?? '') : '';
		if (previous !== input.status) {
			tx.insert(attendance)
				.values({ meetingId, userId, status: input.status, absenceReason, absenceNote, updatedAt: now, updatedBy: ctx.actor.id })
				.onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { status: input.status, absenceReason, absenceNote, updatedAt: now, updatedBy: ctx.actor.id } })
				.run();
			audit(tx, { actorId: ctx.actor.id, action: self ? 'attendance.self' : 'attendance.mark', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId, status: input.status, previous } });
			// The first person in the room starts an announced meeting (docs/api.md, "Session").
			if (input.status === 'present') started = startOnCheckInTx(tx, ctx, meetingId);
		}
		return { userId, status: input.status, previous, updatedAt: now, updatedBy: ctx.actor.id, summary: quorumOf(readRoster(tx, meetingId)) };
	});
	if (change.previous !== change.status) ctx.events.attendanceChanged(meetingId);
	if (started) ctx.events.sessionChanged(meetingId);
	return change;
}

export function listAttendance(db: Db, actor: Actor, meetingId: string): AttendanceView {
	requireMeeting(db, actor, meetingId, 'view');
	const checkedIn = new Map(
		db
			.select({
				userId: attendance.userId,
				status: attendance.status,
				updatedAt: attendance.updatedAt,
				updatedBy: attendance.updatedBy,
				absenceReason: attendance.absenceReason,
				absenceNote: attendance.absenceNote
			})
			.from(attendance)
			.where(eq(attendance.meetingId, meetingId))
			.all()
			.map((a) => [a.userId, a])
	);
	const holders = new Map(
		db
			.select({ principalId: proxies.principalId, holderId: proxies.holderId })
			.from(proxies)
			.where(eq(proxies.meetingId, meetingId))
			.all()
			.map((p) => [p.principalId, p.holderId])
	);
	const rows = participantRows(db, meetingId).map((p) => {
			const a = checkedIn.get(p.userId);
			return {
				...p,
				status: a?.status ?? null,
				updatedAt: a?.updatedAt ?? null,
				updatedBy: a?.updatedBy ?? null,
				absenceReason: a?.absenceReason ?? null,
				absenceNote: a?.absenceNote ?? '',
				proxyHolderId: holders.get(p.userId) ?? null
			};
		});
	return { participants: rows, summary: quorumOf(readRoster(db, meetingId)) };
}
