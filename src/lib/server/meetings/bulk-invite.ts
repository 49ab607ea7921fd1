import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { foldName, MAX_INVITE_ROWS, roleOf, votingRightOf } from '$lib/participants/invite-list';
import { audit } from '../audit';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { meetingParticipants, users, type ParticipantRole } from '../db/schema';
import { AppError, type FieldIssue } from '../errors';
import { parseInput } from '../validation';
import { noticeParticipantsAdded } from '../notices/meeting-notices';
import { requireMeeting } from './access';

/**
 * Inviting many people at once (a pasted list, a CSV file, a group): each row resolved to one active account or
 * refused with a reason, and either everything is written in one transaction or nothing is. The preview
 * (`dryRun`) runs the very same resolution, so what the secretariat confirmed is what gets written.
 */

export const INVITE_ROW_PROBLEMS = [
	'empty',
	'unknown_user',
	'ambiguous_name',
	'bad_role',
	'bad_voting_right',
	'observer_cannot_vote',
	'duplicate',
	'chair_exists'
] as const;
export type InviteRowProblem = (typeof INVITE_ROW_PROBLEMS)[number];

export const bulkInviteInput = z
	.object({
		participants: z
			.array(
				z
					.object({
						/** A username (exact, any case) or a display name (accents, case and spacing ignored). */
						user: z.string().max(200),
						role: z.string().max(60).optional(),
						canVote: z.union([z.boolean(), z.string().max(60)]).optional(),
						/** The source line, echoed back so a preview can point at it. */
						line: z.number().int().min(1).max(100_000).optional()
					})
					.strict()
			)
			.min(1)
			.max(MAX_INVITE_ROWS),
		dryRun: z.boolean().optional()
	})
	.strict();

export interface InviteRowResult {
	index: number;
	line?: number;
	input: string;
	status: 'ok' | 'already_invited' | 'error';
	problem?: InviteRowProblem;
	/** Display names of the accounts an ambiguous name could mean, so the secretariat can type the username instead. */
	candidates?: string[];
	user?: { id: string; username: string; displayName: string };
	role?: ParticipantRole;
	canVote?: boolean;
}

export interface BulkInviteResult {
	rows: InviteRowResult[];
	/** Rows written (0 on a dry run). */
	invited: number;
	/** Rows ready to be written: the number a confirmation would invite. */
	ready: number;
	alreadyInvited: number;
	errors: number;
}

type Account = { id: string; username: string; displayName: string };

/** Finds the account a row names: a username first (unique, exact), else one display name, accents ignored. */
function resolveAccount(accounts: Account[], who: string): { account?: Account; problem?: InviteRowProblem; candidates?: string[] } {
	const text = who.trim();
	if (text === '') return { problem: 'empty' };
	const byUsername = accounts.find((a) => a.username === text.toLowerCase());
	if (byUsername) return { account: byUsername };
	const folded = foldName(text);
	const named = accounts.filter((a) => foldName(a.displayName) === folded);
	if (named.length === 1) return { account: named[0] };
	if (named.length > 1) return { problem: 'ambiguous_name', candidates: named.map((a) => `${a.displayName} (${a.username})`) };
	return { problem: 'unknown_user' };
}

function resolveRows(tx: Queryable, meetingId: string, rows: z.infer<typeof bulkInviteInput>['participants']): InviteRowResult[] {
	const accounts = tx.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(eq(users.active, true)).all();
	const current = tx
		.select({ userId: meetingParticipants.userId, role: meetingParticipants.role })
		.from(meetingParticipants)
		.where(eq(meetingParticipants.meetingId, meetingId))
		.all();
	const invited = new Set(current.map((p) => p.userId));
	let chairTaken = current.some((p) => p.role === 'chair');
	const seen = new Set<string>();
	return rows.map((row, index): InviteRowResult => {
		const base = { index, ...(row.line !== undefined ? { line: row.line } : {}), input: row.user.trim() };
		const found = resolveAccount(accounts, row.user);
		if (!found.account) return { ...base, status: 'error', problem: found.problem!, ...(found.candidates ? { candidates: found.candidates } : {}) };
		const user = found.account;
		const role = roleOf(row.role);
		if (role === null) return { ...base, user, status: 'error', problem: 'bad_role' };
		const effectiveRole = role ?? 'delegate';
		const vote = typeof row.canVote === 'boolean' ? row.canVote : votingRightOf(row.canVote);
		if (vote === null) return { ...base, user, role: effectiveRole, status: 'error', problem: 'bad_voting_right' };
		// Observers never vote (policy.ts): a list that says otherwise is a mistake to show, not to correct silently.
		if (effectiveRole === 'observer' && vote === true) return { ...base, user, role: effectiveRole, status: 'error', problem: 'observer_cannot_vote' };
		const canVote = effectiveRole === 'observer' ? false : (vote ?? true);
		const view = { ...base, user, role: effectiveRole, canVote };
		if (seen.has(user.id)) return { ...view, status: 'error', problem: 'duplicate' };
		seen.add(user.id);
		if (invited.has(user.id)) return { ...view, status: 'already_invited' };
		if (effectiveRole === 'chair') {
			// One chair per meeting; a list does not replace the one already named (that is a deliberate act).
			if (chairTaken) return { ...view, status: 'error', problem: 'chair_exists' };
			chairTaken = true;
		}
		return { ...view, status: 'ok' };
	});
}

function summary(rows: InviteRowResult[], invited: number): BulkInviteResult {
	return {
		rows,
		invited,
		ready: rows.filter((r) => r.status === 'ok').length,
		alreadyInvited: rows.filter((r) => r.status === 'already_invited').length,
		errors: rows.filter((r) => r.status === 'error').length
	};
}

/**
 * `POST /meetings/:id/participants/bulk`. With `dryRun` only the resolution is answered. Without it, a list with
 * any bad row is refused whole (400 `validation_failed`, one field per bad row): the secretariat either fixes the
 * list or sends again only the rows that were good, which the page offers as an explicit choice. Rows naming
 * someone already invited are left as they are, never changed.
 */
export function inviteMany(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): BulkInviteResult {
	const input = parseInput(bulkInviteInput, raw);
	let invitedIds: string[] = [];
	const result = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'manage_participants');
		const rows = resolveRows(tx, meetingId, input.participants);
		if (input.dryRun) return summary(rows, 0);
		const bad = rows.filter((r) => r.status === 'error');
		if (bad.length > 0) {
			const fields = bad.map((r): FieldIssue => ({ path: `participants.${r.index}.user`, message: r.problem! }));
			throw new AppError('validation_failed', `${bad.length} row(s) cannot be invited`, { fields });
		}
		const added = writeInvitations(tx, ctx, meetingId, rows, { source: 'list' });
		invitedIds = added;
		return summary(rows, added.length);
	});
	noticeParticipantsAdded(db, meetingId, invitedIds);
	return result;
}

/** Inserts the `ok` rows and audits each as `participant.add` (the same entry a single invitation leaves). */
export function writeInvitations(tx: Queryable, ctx: ServiceCtx, meetingId: string, rows: InviteRowResult[], via: Record<string, string>): string[] {
	const added: string[] = [];
	for (const row of rows) {
		if (row.status !== 'ok' || !row.user || !row.role) continue;
		const exists = tx
			.select({ userId: meetingParticipants.userId })
			.from(meetingParticipants)
			.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, row.user.id)))
			.get();
		if (exists) continue;
		tx.insert(meetingParticipants).values({ meetingId, userId: row.user.id, role: row.role, canVote: row.canVote ?? true }).run();
		audit(tx, {
			actorId: ctx.actor.id,
			action: 'participant.add',
			subjectType: 'meeting',
			subjectId: meetingId,
			ip: ctx.ip,
			data: { userId: row.user.id, role: row.role, canVote: row.canVote ?? true, ...via }
		});
		added.push(row.user.id);
	}
	return added;
}

/** A group's active members as invitation rows: the group's role and voting right, those already invited marked. */
export function resolvedGroupRows(
	tx: Queryable,
	meetingId: string,
	group: { defaultRole: 'delegate' | 'observer'; defaultCanVote: boolean; members: { id: string; username: string; displayName: string; active: boolean }[] }
): InviteRowResult[] {
	const invited = new Set(
		tx.select({ userId: meetingParticipants.userId }).from(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId)).all().map((p) => p.userId)
	);
	return group.members
		.filter((m) => m.active)
		.map((m, index) => ({
			index,
			input: m.username,
			user: { id: m.id, username: m.username, displayName: m.displayName },
			role: group.defaultRole,
			canVote: group.defaultRole === 'observer' ? false : group.defaultCanVote,
			status: invited.has(m.id) ? 'already_invited' : 'ok'
		}));
}
