import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { canInMeeting, isStaff, type Actor, type Participation } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { ABSENCE_REASONS, attendance, meetingReplies, users, type AbsenceReason, type ParticipantRole } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { parseInput, trimmed } from '../validation';
import { requireMeeting, requireNotArchived } from './access';
import { participantRow, participantRows } from './participants';
import { attendSubstitute, releaseSubstitute } from './substitutes';

export const replyInput = z
	.object({
		attending: z.boolean(),
		reason: z.enum(ABSENCE_REASONS).optional(),
		note: trimmed(500).optional(),
		substituteId: z.string().min(1).max(64).nullable().optional()
	})
	.superRefine((input, ctx) => {
		if (input.attending) {
			if (input.substituteId) ctx.addIssue({ code: 'custom', path: ['substituteId'], message: 'only someone who cannot attend names a substitute' });
			return;
		}
		if (!input.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why you cannot attend' });
		if (input.reason === 'other' && !input.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'describe the other reason' });
	});

export interface ReplyView {
	attending: boolean;
	reason: AbsenceReason | null;
	note: string;
	substituteId: string | null;
	substituteName: string | null;
	updatedAt: Date;
}

export interface ReplyEntry {
	userId: string;
	displayName: string;
	role: ParticipantRole;
	canVote: boolean;
	/** `no_answer` until the participant replies. */
	answer: 'attending' | 'not_attending' | 'no_answer';
	reply: ReplyView | null;
	/** This participant attends in the place of that member (named in the member's reply). */
	substituteFor: string | null;
}

export interface RepliesView {
	replies: ReplyEntry[];
	summary: { attending: number; notAttending: number; noAnswer: number };
}

/**
 * A participant answers the invitation for themself, until the meeting is closed. Not attending is recorded at once
 * as an excused absence with its reason (attendance starts from the replies); attending again clears that. A named
 * substitute attends in the member's place and carries their vote by proxy (`substitutes.ts`). Every answer and
 * what it changed is audited in the same transaction.
 */
export function setReply(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): ReplyView {
	const input = parseInput(replyInput, raw);
	const me = ctx.actor.id;
	const done = db.transaction((tx) => {
		const { meeting, participation } = requireMeeting(tx, ctx.actor, meetingId, 'view');
		requireNotArchived(tx, meetingId);
		if (!participation) throw forbidden('only participants answer the invitation');
		if (meeting.status === 'closed') throw new AppError('meeting_closed', 'the meeting is over: replies are closed');
		const key = and(eq(meetingReplies.meetingId, meetingId), eq(meetingReplies.userId, me));
		const previous = tx.select().from(meetingReplies).where(key).get();
		const attendanceKey = and(eq(attendance.meetingId, meetingId), eq(attendance.userId, me));
		const status = tx.select({ status: attendance.status }).from(attendance).where(attendanceKey).get()?.status ?? null;
		if (!input.attending && status === 'present') throw new AppError('already_checked_in', 'checked in: check out before sending apologies');

		const substituteId = input.attending ? null : (input.substituteId ?? null);
		const judgeAgain: string[] = [];
		let substituteInvited = false;
		if (previous?.substituteId && previous.substituteId !== substituteId) {
			judgeAgain.push(...releaseSubstitute(tx, ctx, meetingId, me, previous.substituteId, previous.substituteInvited));
		}
		if (substituteId) {
			const kept = previous?.substituteId === substituteId && previous.substituteInvited;
			const invited = attendSubstitute(tx, ctx, meetingId, me, participation, substituteId);
			substituteInvited = kept || invited;
			if (invited) judgeAgain.push(substituteId);
		}

		const now = new Date();
		const reason = input.attending ? null : (input.reason ?? null);
		const note = input.attending ? '' : (input.note ?? '');
		if (!input.attending) {
			tx.insert(attendance)
				.values({ meetingId, userId: me, status: 'excused', absenceReason: reason, absenceNote: note, updatedAt: now, updatedBy: me })
				.onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { status: 'excused', absenceReason: reason, absenceNote: note, updatedAt: now, updatedBy: me } })
				.run();
			audit(tx, { actorId: me, action: 'attendance.reply', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId: me, status: 'excused', previous: status, reason } });
		} else if (status === 'excused') {
			// Coming after all: back to "not checked in yet", as before the apology.
			tx.delete(attendance).where(attendanceKey).run();
			audit(tx, { actorId: me, action: 'attendance.reply', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId: me, status: null, previous: status } });
		}
		const row = { meetingId, userId: me, attending: input.attending, reason, note, substituteId, substituteInvited, updatedAt: now };
		tx.insert(meetingReplies)
			.values(row)
			.onConflictDoUpdate({ target: [meetingReplies.meetingId, meetingReplies.userId], set: { attending: row.attending, reason, note, substituteId, substituteInvited, updatedAt: now } })
			.run();
		audit(tx, {
			actorId: me,
			action: 'meeting.reply',
			subjectType: 'meeting',
			subjectId: meetingId,
			ip: ctx.ip,
			data: { attending: input.attending, reason, ...(note ? { note } : {}), substituteId }
		});
		return { judgeAgain, view: readReply(tx, meetingId, me)! };
	});
	ctx.events.attendanceChanged(meetingId);
	if (done.judgeAgain.length) ctx.events.userAccessChanged(done.judgeAgain);
	return done.view;
}

/** The caller's own answer, or null before they gave one. */
export function getOwnReply(db: Db, actor: Actor, meetingId: string): ReplyView | null {
	requireMeeting(db, actor, meetingId, 'view');
	return readReply(db, meetingId, actor.id);
}

/** Who may read everyone's answers: the secretariat and the meeting's chair. */
export function canReadReplies(actor: Actor, participation: Participation | null): boolean {
	return isStaff(actor) || (participation?.role === 'chair' && canInMeeting(actor, participation, 'view'));
}

/** Every participant with their answer, or "no answer"; for the secretariat and the chair. */
export function listReplies(db: Db, actor: Actor, meetingId: string): RepliesView {
	const { participation } = requireMeeting(db, actor, meetingId, 'view');
	if (!canReadReplies(actor, participation)) throw forbidden('only the secretariat and the chair read the replies');
	const rows = db.select().from(meetingReplies).where(eq(meetingReplies.meetingId, meetingId)).all();
	const people = participantRows(db, meetingId);
	const names = new Map(people.map((p) => [p.userId, p.displayName]));
	const byUser = new Map(rows.map((r) => [r.userId, r]));
	const substituteFor = new Map(rows.filter((r) => !r.attending && r.substituteId).map((r) => [r.substituteId!, r.userId]));
	const replies = people.map((p): ReplyEntry => {
		const r = byUser.get(p.userId);
		return {
			userId: p.userId,
			displayName: p.displayName,
			role: p.role,
			canVote: p.canVote,
			answer: !r ? 'no_answer' : r.attending ? 'attending' : 'not_attending',
			reply: r ? toView(r, r.substituteId ? (names.get(r.substituteId) ?? null) : null) : null,
			substituteFor: substituteFor.get(p.userId) ?? null
		};
	});
	const count = (answer: ReplyEntry['answer']) => replies.filter((r) => r.answer === answer).length;
	// A deputy named in a member's reply is expected, not waited for: they are not counted as "no answer".
	const waiting = replies.filter((r) => r.answer === 'no_answer' && !r.substituteFor).length;
	return { replies, summary: { attending: count('attending'), notAttending: count('not_attending'), noAnswer: waiting } };
}

function toView(r: typeof meetingReplies.$inferSelect, substituteName: string | null): ReplyView {
	return { attending: r.attending, reason: r.reason, note: r.note, substituteId: r.substituteId, substituteName, updatedAt: r.updatedAt };
}

function readReply(db: Queryable, meetingId: string, userId: string): ReplyView | null {
	const r = db
		.select()
		.from(meetingReplies)
		.where(and(eq(meetingReplies.meetingId, meetingId), eq(meetingReplies.userId, userId)))
		.get();
	if (!r) return null;
	const substitute = r.substituteId ? participantRow(db, meetingId, r.substituteId) : undefined;
	return toView(r, substitute?.displayName ?? null);
}

/**
 * Who a participant may name to attend in their place: active accounts, by display name only (no usernames, no
 * roles), since a deputy is often not invited yet. Only a participant of the meeting gets the list.
 */
export function substituteCandidates(db: Db, actor: Actor, meetingId: string): { id: string; displayName: string }[] {
	const { participation } = requireMeeting(db, actor, meetingId, 'view');
	if (!participation) return [];
	return db
		.select({ id: users.id, displayName: users.displayName })
		.from(users)
		.where(and(eq(users.active, true), ne(users.id, actor.id)))
		.orderBy(asc(users.displayName))
		.all();
}
