import { and, eq } from 'drizzle-orm';
import { audit } from '../audit';
import { canInMeeting, type Participation } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Queryable } from '../db/client';
import { meetingParticipants, users } from '../db/schema';
import { AppError, isAppError } from '../errors';
import { recordProxyTx, withdrawProxyTx } from '../votes/proxies';
import { findParticipation } from './access';

/*
 * A deputy who attends in an absent member's place (docs/api.md, "Replies"). The deputy is not a member: counting
 * them as one would change "all members", the base of a People's Committee's majority. So a deputy who is not yet a
 * participant is invited without a voting right of their own (a delegate, or an observer for a member who has no
 * vote either), and the member's vote travels the one way an absent member's vote travels here: a proxy to the
 * deputy, under the meeting's proxy rules (limit, no chains), which sleeps if the member comes after all.
 */

const substituteError = (message: string) => new AppError('validation_failed', message, { fields: [{ path: 'substituteId', message }] });

/** A member names someone else, with an active account, to attend in their place. */
export function checkSubstitute(tx: Queryable, memberId: string, substituteId: string): void {
	if (substituteId === memberId) throw substituteError('a member cannot stand in for themself');
	const user = tx.select({ active: users.active }).from(users).where(eq(users.id, substituteId)).get();
	if (!user?.active) throw substituteError('no active user with that id');
}

/**
 * Lets `substituteId` attend for `memberId`: invites them if needed and hands them the member's vote. Answers
 * whether they were invited by this call. Inside the approval's transaction, which has checked the member.
 */
export function attendSubstitute(tx: Queryable, ctx: ServiceCtx, meetingId: string, memberId: string, member: Participation, substituteId: string): boolean {
	checkSubstitute(tx, memberId, substituteId);
	const memberVotes = canInMeeting({ id: memberId, role: 'member' }, member, 'vote');
	let invited = false;
	if (!findParticipation(tx, meetingId, substituteId)) {
		const role = memberVotes ? 'delegate' : 'observer';
		tx.insert(meetingParticipants).values({ meetingId, userId: substituteId, role, canVote: false }).run();
		audit(tx, { actorId: ctx.actor.id, action: 'participant.add', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId: substituteId, role, canVote: false, substituteFor: memberId } });
		invited = true;
	}
	if (memberVotes) {
		try {
			recordProxyTx(tx, ctx, meetingId, memberId, substituteId);
		} catch (e) {
			// The proxy's rules speak of a holder; in a reply that holder is the substitute the member named.
			if (isAppError(e) && e.code === 'validation_failed') throw substituteError(e.message);
			throw e;
		}
	}
	return invited;
}

/**
 * Undoes a substitute when the member changes their reply: the proxy this substitute held for them goes, and a
 * substitute the reply had invited is uninvited again (unless the secretariat has since given them a role of their
 * own). Answers whose access changed.
 */
export function releaseSubstitute(tx: Queryable, ctx: ServiceCtx, meetingId: string, memberId: string, substituteId: string, invited: boolean): string[] {
	withdrawProxyTx(tx, ctx, meetingId, memberId, substituteId);
	if (!invited) return [];
	const key = and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, substituteId));
	const row = tx.select({ role: meetingParticipants.role, canVote: meetingParticipants.canVote }).from(meetingParticipants).where(key).get();
	if (!row || row.canVote || row.role === 'chair') return [];
	tx.delete(meetingParticipants).where(key).run();
	audit(tx, { actorId: ctx.actor.id, action: 'participant.remove', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId: substituteId, substituteFor: memberId } });
	return [substituteId];
}
