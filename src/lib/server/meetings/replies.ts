import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { canInMeeting, isStaff, type Actor, type Participation } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { ABSENCE_REASONS, attendance, meetingReplies, users, type AbsenceReason, type ParticipantRole } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { parseInput, trimmed } from '../validation';
import { findParticipation, requireMeeting, requireNotArchived } from './access';
import { participantRows } from './participants';
import { attendSubstitute, checkSubstitute, releaseSubstitute } from './substitutes';

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
	/** False while the secretariat has not let the named substitute in. */
	substituteApproved: boolean;
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
 * as an excused absence with its reason (attendance starts from the replies); attending again clears that. A
 * substitute is only named here: the secretariat lets them in (`decideSubstitute`), and from then on they attend in
 * the member's place and carry their vote by proxy (`substitutes.ts`). Naming another one, or none, undoes an
 * approved substitute. Every answer and what it changed is audited in the same transaction.
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
		const kept = previous?.substituteId != null && previous.substituteId === substituteId;
		if (previous?.substituteId && !kept && previous.substituteApproved) {
			judgeAgain.push(...releaseSubstitute(tx, ctx, meetingId, me, previous.substituteId, previous.substituteInvited));
		}
		if (substituteId && !kept) checkSubstitute(tx, me, substituteId);
		const substituteApproved = kept && previous!.substituteApproved;
		const substituteInvited = kept && previous!.substituteInvited;

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
		const row = { meetingId, userId: me, attending: input.attending, reason, note, substituteId, substituteApproved, substituteInvited, updatedAt: now };
		tx.insert(meetingReplies)
			.values(row)
			.onConflictDoUpdate({
				target: [meetingReplies.meetingId, meetingReplies.userId],
				set: { attending: row.attending, reason, note, substituteId, substituteApproved, substituteInvited, updatedAt: now }
			})
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

/**
 * The secretariat lets a member's named substitute in (invited, the member's vote by proxy) or turns them down (the
 * name is cleared and the member, who sees it, may name someone else). Only a pending substitute is decided, so
 * two clerks deciding at once cannot undo each other: the second gets `409 substitute_not_pending`.
 */
export function decideSubstitute(db: Db, ctx: ServiceCtx, meetingId: string, memberId: string, approve: boolean): ReplyView {
	const done = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'view');
		if (!isStaff(ctx.actor)) throw forbidden('only the secretariat lets a substitute in');
		requireNotArchived(tx, meetingId);
		const key = and(eq(meetingReplies.meetingId, meetingId), eq(meetingReplies.userId, memberId));
		const r = tx.select().from(meetingReplies).where(key).get();
		if (!r || r.attending || !r.substituteId || r.substituteApproved) throw new AppError('substitute_not_pending', 'no substitute waits for a decision in this reply');
		const member = findParticipation(tx, meetingId, memberId);
		if (!member) throw notFound('participant');
		const judgeAgain: string[] = [];
		if (approve) {
			const invited = attendSubstitute(tx, ctx, meetingId, memberId, member, r.substituteId);
			if (invited) judgeAgain.push(r.substituteId);
			tx.update(meetingReplies).set({ substituteApproved: true, substituteInvited: invited }).where(key).run();
		} else {
			tx.update(meetingReplies).set({ substituteId: null }).where(key).run();
		}
		audit(tx, {
			actorId: ctx.actor.id,
			action: approve ? 'meeting.substitute.approve' : 'meeting.substitute.decline',
			subjectType: 'meeting',
			subjectId: meetingId,
			ip: ctx.ip,
			data: { userId: memberId, substituteId: r.substituteId }
		});
		return { judgeAgain, view: readReply(tx, meetingId, memberId)! };
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
	const substituteFor = new Map(rows.filter((r) => !r.attending && r.substituteId && r.substituteApproved).map((r) => [r.substituteId!, r.userId]));
	const pending = rows.filter((r) => r.substituteId && !names.has(r.substituteId)).map((r) => r.substituteId!);
	for (const u of pending.length ? db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, pending)).all() : []) names.set(u.id, u.displayName);
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
	return {
		attending: r.attending,
		reason: r.reason,
		note: r.note,
		substituteId: r.substituteId,
		substituteName,
		substituteApproved: r.substituteApproved,
		updatedAt: r.updatedAt
	};
}

function readReply(db: Queryable, meetingId: string, userId: string): ReplyView | null {
	const r = db
		.select()
		.from(meetingReplies)
		.where(and(eq(meetingReplies.meetingId, meetingId), eq(meetingReplies.userId, userId)))
		.get();
	if (!r) return null;
	// A substitute still waiting for approval is not a participant: their name comes from their account.
	const substitute = r.substituteId ? db.select({ displayName: users.displayName }).from(users).where(eq(users.id, r.substituteId)).get() : undefined;
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
