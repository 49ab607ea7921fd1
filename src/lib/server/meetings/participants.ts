import { and, eq } from 'drizzle-orm';
import { byVi } from '$lib/collation';
import { z } from 'zod';
import { audit } from '../audit';
import type { Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { meetingParticipants, PARTICIPANT_ROLES, users, type ParticipantRole } from '../db/schema';
import { AppError, notFound } from '../errors';
import { noticeParticipantRemoved, noticeParticipantsAdded } from '../notices/meeting-notices';
import { parseInput } from '../validation';
import { requireMeeting } from './access';

export const addParticipantInput = z.object({
	userId: z.string().min(1).max(64),
	role: z.enum(PARTICIPANT_ROLES),
	canVote: z.boolean().optional(),
	/** Naming a chair while there is one: only with this, and then the current chair becomes a delegate. */
	replaceChair: z.boolean().optional()
});
export const updateParticipantInput = z.object({ role: z.enum(PARTICIPANT_ROLES), canVote: z.boolean(), replaceChair: z.boolean() }).partial();

export interface ParticipantView {
	userId: string;
	username: string;
	displayName: string;
	role: ParticipantRole;
	canVote: boolean;
}

/** Observers never vote, whatever the flag says; store it that way so no later reader has to remember. */
const votingRight = (role: ParticipantRole, requested: boolean | undefined) => (role === 'observer' ? false : (requested ?? true));

const roleOrder = (role: ParticipantRole) => PARTICIPANT_ROLES.indexOf(role);

/**
 * The participants of a meeting with their names (`ParticipantView`), in the order lists show them: by role (chair,
 * delegates, observers), then name in Vietnamese order (`$lib/collation`). No access check: callers decide.
 */
export function participantRows(db: Queryable, meetingId: string): ParticipantView[] {
	const byName = byVi<ParticipantView>(
		(p) => p.displayName,
		(p) => p.userId
	);
	return participantQuery(db, meetingId)
		.all()
		.sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || byName(a, b));
}

/** One participant of a meeting with their name, or undefined. No access check: callers decide. */
export function participantRow(db: Queryable, meetingId: string, userId: string): ParticipantView | undefined {
	return participantQuery(db, meetingId, userId).get();
}

function participantQuery(db: Queryable, meetingId: string, userId?: string) {
	const inMeeting = eq(meetingParticipants.meetingId, meetingId);
	return db
		.select({
			userId: meetingParticipants.userId,
			username: users.username,
			displayName: users.displayName,
			role: meetingParticipants.role,
			canVote: meetingParticipants.canVote
		})
		.from(meetingParticipants)
		.innerJoin(users, eq(users.id, meetingParticipants.userId))
		.where(userId === undefined ? inMeeting : and(inMeeting, eq(meetingParticipants.userId, userId)));
}

export function listParticipants(db: Db, actor: Actor, meetingId: string): ParticipantView[] {
	requireMeeting(db, actor, meetingId);
	return participantRows(db, meetingId);
}

export function addParticipant(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): ParticipantView {
	const input = parseInput(addParticipantInput, raw);
	const added = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'manage_participants');
		const user = tx
			.select({ id: users.id, username: users.username, displayName: users.displayName, active: users.active })
			.from(users)
			.where(eq(users.id, input.userId))
			.get();
		if (!user || !user.active) {
			throw new AppError('validation_failed', 'no active user with that id', { fields: [{ path: 'userId', message: 'unknown user' }] });
		}
		const existing = tx
			.select({ role: meetingParticipants.role })
			.from(meetingParticipants)
			.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, user.id)))
			.get();
		if (existing) throw new AppError('already_participant', 'that user is already a participant');
		const demoted = input.role === 'chair' ? replaceChair(tx, meetingId, user.id, input.replaceChair) : [];
		const canVote = votingRight(input.role, input.canVote);
		tx.insert(meetingParticipants).values({ meetingId, userId: user.id, role: input.role, canVote }).run();
		audit(tx, { actorId: ctx.actor.id, action: 'participant.add', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId: user.id, role: input.role, canVote, ...(demoted.length ? { replacedChair: demoted[0] } : {}) } });
		return { view: { userId: user.id, username: user.username, displayName: user.displayName, role: input.role, canVote }, demoted };
	});
	ctx.events.userAccessChanged(added.demoted);
	noticeParticipantsAdded(db, meetingId, [added.view.userId]);
	return added.view;
}

export function updateParticipant(db: Db, ctx: ServiceCtx, meetingId: string, userId: string, raw: unknown): ParticipantView {
	const input = parseInput(updateParticipantInput, raw);
	const updated = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'manage_participants');
		const current = listOne(tx, meetingId, userId);
		const role = input.role ?? current.role;
		const demoted = role === 'chair' && current.role !== 'chair' ? replaceChair(tx, meetingId, userId, input.replaceChair) : [];
		const canVote = votingRight(role, input.canVote ?? (current.role === 'observer' ? true : current.canVote));
		tx.update(meetingParticipants)
			.set({ role, canVote })
			.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)))
			.run();
		audit(tx, { actorId: ctx.actor.id, action: 'participant.update', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId, role, canVote, ...(demoted.length ? { replacedChair: demoted[0] } : {}) } });
		return { view: { ...current, role, canVote }, judgeAgain: [...demoted, ...(role !== current.role ? [userId] : [])] };
	});
	// An observer's rooms are read-only, a delegate's are not, only the chair writes the minutes.
	ctx.events.userAccessChanged(updated.judgeAgain);
	return updated.view;
}

export function removeParticipant(db: Db, ctx: ServiceCtx, meetingId: string, userId: string): void {
	db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'manage_participants');
		listOne(tx, meetingId, userId);
		tx.delete(meetingParticipants)
			.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)))
			.run();
		audit(tx, { actorId: ctx.actor.id, action: 'participant.remove', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { userId } });
	});
	// From now on they learn nothing of the meeting: not even through a socket opened before.
	ctx.events.userAccessChanged([userId]);
	noticeParticipantRemoved(db, meetingId, userId);
}

function listOne(tx: Queryable, meetingId: string, userId: string): ParticipantView {
	const row = participantQuery(tx, meetingId, userId).get();
	if (!row) throw notFound('participant');
	return row;
}

/**
 * A meeting has one chair, and naming another must not quietly demote the one there is: without `confirmed` the
 * request is refused with `chair_exists`, naming the current chair so the secretariat can be asked. Confirmed, the
 * current chair becomes a delegate; answers who that was (their open sockets must be judged again).
 */
function replaceChair(tx: Queryable, meetingId: string, newChairId: string, confirmed: boolean | undefined): string[] {
	const current = tx
		.select({ userId: meetingParticipants.userId, displayName: users.displayName })
		.from(meetingParticipants)
		.innerJoin(users, eq(users.id, meetingParticipants.userId))
		.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.role, 'chair')))
		.get();
	if (!current || current.userId === newChairId) return [];
	if (confirmed !== true) {
		throw new AppError('chair_exists', 'the meeting has a chair; send replaceChair: true to replace them', { currentChair: current });
	}
	return demoteCurrentChair(tx, meetingId);
}

function demoteCurrentChair(tx: Queryable, meetingId: string): string[] {
	return tx
		.update(meetingParticipants)
		.set({ role: 'delegate' })
		.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.role, 'chair')))
		.returning({ userId: meetingParticipants.userId })
		.all()
		.map((r) => r.userId);
}
