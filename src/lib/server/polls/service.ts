import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { BODY_TYPES, defaultRule } from '$lib/votes/bodies';
import { majorityRuleInput } from '$lib/votes/majority';
import type { PollResult } from '$lib/polls/result';
import { audit } from '../audit';
import { canGlobal, canInPoll, isStaff, type Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { noticePollOpened } from '../notices/reminders';
import {
	BALLOT_KINDS,
	documents,
	meetings,
	POLL_CHOICES,
	pollAnswers,
	pollDocuments,
	pollMembers,
	polls,
	pollSecretAnswers,
	pollSecretVoters,
	userGroupMembers,
	users,
	type PollChoice,
	type PollRow
} from '../db/schema';
import { AppError, forbidden } from '../errors';
import { newId } from '../ids';
import { identityText, instant, parseInput, trimmed } from '../validation';
import { requirePoll } from './access';
import { pollArchiveRow } from './archive';
import { afterPollClose, answeredCounts, closePollTx, memberCount, settlePoll } from './closing';
import { pollDeadlines } from './deadlines';
import { compareVi } from '$lib/collation';

/**
 * Written opinion polls between sessions (issue 19): created by the secretariat, answered by the members of the
 * electorate from any device without check-in, closed once, archived in the hash chain. Access through
 * `requirePoll` (access.ts, policy `canInPoll`); closing in closing.ts; archiving in archive.ts.
 */

const id = z.string().min(1).max(64);

export const createPollInput = z
	.object({
		title: identityText(300),
		text: trimmed(20_000).default(''),
		/** The issuing body printed on the summary ("Ủy ban nhân dân tỉnh Quảng Nam"). */
		body: trimmed(300).default(''),
		bodyType: z.enum(BODY_TYPES).default('people_committee'),
		memberIds: z.array(id).max(1000).optional(),
		/** A user group whose members (at creation) become the electorate, with `memberIds` if both are given. */
		groupId: id.optional(),
		deadline: instant,
		ballot: z.enum(BALLOT_KINDS),
		/** As for motions: `{threshold, of}` or an alias; default the body's decision rule. */
		majority: majorityRuleInput.optional(),
		documentIds: z.array(id).max(50).default([])
	})
	.strict()
	.refine((p) => (p.memberIds?.length ?? 0) > 0 || p.groupId !== undefined, { message: 'name the members (memberIds) or a group (groupId)', path: ['memberIds'] })
	// A poll has no chair's vote to break a tie with (docs/voting-law.md): the rule must decide on its own.
	.refine((p) => p.majority?.tieBreak === undefined, { message: 'a written poll has no chairman vote to break a tie', path: ['majority', 'tieBreak'] });

export const answerPollInput = z
	.object({
		choice: z.enum(POLL_CHOICES),
		comment: trimmed(2000).default(''),
		/** Confirms the answer as final: it can no longer be changed. A secret poll's answer is final at once. */
		final: z.boolean().default(false)
	})
	.strict()
	.refine((a) => a.choice !== 'other' || a.comment !== '', { message: 'an other opinion needs its comment', path: ['comment'] });

const invalid = (path: string, message: string) => new AppError('validation_failed', message, { fields: [{ path, message }] });

export function createPoll(db: Db, ctx: ServiceCtx, raw: unknown): PollView {
	const { actor } = ctx;
	if (!canGlobal(actor, 'create_meeting')) throw forbidden('only the secretariat creates polls');
	const input = parseInput(createPollInput, raw);
	const now = new Date();
	if (input.deadline.getTime() <= now.getTime()) throw invalid('deadline', 'the deadline must be in the future');
	const pollId = newId();
	db.transaction((tx) => {
		const memberIds = new Set(input.memberIds ?? []);
		if (input.groupId !== undefined) {
			const rows = tx.select({ userId: userGroupMembers.userId }).from(userGroupMembers).where(eq(userGroupMembers.groupId, input.groupId)).all();
			if (rows.length === 0) throw invalid('groupId', 'no such group, or the group has no members');
			for (const r of rows) memberIds.add(r.userId);
		}
		const known = tx
			.select({ id: users.id })
			.from(users)
			.where(and(inArray(users.id, [...memberIds]), eq(users.active, true)))
			.all();
		if (known.length !== memberIds.size) throw invalid('memberIds', 'every member must be an active user');
		const docs = input.documentIds.length
			? tx.select({ id: documents.id, confidential: documents.confidential }).from(documents).where(inArray(documents.id, input.documentIds)).all()
			: [];
		if (docs.length !== new Set(input.documentIds).size) throw invalid('documentIds', 'unknown document');
		// A confidential paper is shown watermarked inside its meeting only; a poll would hand it to its electorate.
		if (docs.some((d) => d.confidential)) throw invalid('documentIds', 'a confidential document cannot be attached to a poll');
		const majority = input.majority ?? defaultRule(input.bodyType, 'secret');
		tx.insert(polls)
			.values({
				id: pollId,
				title: input.title,
				text: input.text,
				body: input.body,
				bodyType: input.bodyType,
				ballot: input.ballot,
				majority,
				deadline: input.deadline,
				createdBy: actor.id,
				createdAt: now
			})
			.run();
		tx.insert(pollMembers)
			.values([...memberIds].map((userId) => ({ pollId, userId })))
			.run();
		[...new Set(input.documentIds)].forEach((documentId, position) => tx.insert(pollDocuments).values({ pollId, documentId, position }).run());
		audit(
			tx,
			{
				actorId: actor.id,
				action: 'poll.create',
				subjectType: 'poll',
				subjectId: pollId,
				ip: ctx.ip,
				data: { title: input.title, ballot: input.ballot, memberCount: memberIds.size, deadline: input.deadline.toISOString() }
			},
			now
		);
	});
	pollDeadlines().changed();
	// After the commit: the electorate hears of it (in the app, and by mail when SMTP_URL is set); the day before the
	// deadline, src/lib/server/notices/reminders.ts reminds those who have not answered for good.
	noticePollOpened(db, { id: pollId, title: input.title, deadline: input.deadline });
	return pollView(db, actor, pollId);
}

/**
 * Records a member's answer. An open poll keeps one named answer per member, replaced until it is final; a secret
 * poll stores, like a secret ballot, that the member answered and, apart from it, the answer under a random id,
 * with nothing that links the two: so a secret answer cannot be changed and is final at once.
 */
export function answerPoll(db: Db, ctx: ServiceCtx, pollId: string, raw: unknown): PollView {
	const { actor } = ctx;
	const { poll } = requirePoll(db, actor, pollId, 'answer');
	const input = parseInput(answerPollInput, raw);
	const now = new Date();
	if (settlePoll(db, poll, now).state === 'closed') throw new AppError('poll_closed', 'the poll is closed');
	db.transaction((tx) => {
		const fresh = tx.select().from(polls).where(eq(polls.id, pollId)).get()!;
		if (fresh.state !== 'open' || fresh.deadline.getTime() <= now.getTime()) throw new AppError('poll_closed', 'the poll is closed');
		if (fresh.ballot === 'secret') {
			const voted = tx.select({ one: pollSecretVoters.userId }).from(pollSecretVoters).where(and(eq(pollSecretVoters.pollId, pollId), eq(pollSecretVoters.userId, actor.id))).get();
			if (voted) throw new AppError('poll_answer_final', 'a secret answer is final');
			tx.insert(pollSecretVoters).values({ pollId, userId: actor.id }).run();
			tx.insert(pollSecretAnswers).values({ pollId, id: newId(), choice: input.choice, comment: input.comment }).run();
			// No audit entry per secret answer: the log's order would pair members with answers (as for secret ballots).
			return;
		}
		const earlier = tx.select().from(pollAnswers).where(and(eq(pollAnswers.pollId, pollId), eq(pollAnswers.userId, actor.id))).get();
		if (earlier?.final) throw new AppError('poll_answer_final', 'the answer was confirmed as final');
		const row = { choice: input.choice, comment: input.comment, final: input.final, answeredAt: now };
		tx.insert(pollAnswers)
			.values({ pollId, userId: actor.id, ...row })
			.onConflictDoUpdate({ target: [pollAnswers.pollId, pollAnswers.userId], set: row })
			.run();
		audit(tx, { actorId: actor.id, action: 'poll.answer', subjectType: 'poll', subjectId: pollId, ip: ctx.ip, data: { choice: input.choice, final: input.final, changed: earlier !== undefined } }, now);
	});
	// The last final answer closes the poll at once.
	const after = settlePoll(db, poll, now);
	if (after.state === 'closed') pollDeadlines().changed();
	return pollView(db, actor, pollId);
}

/** Staff close a poll before its deadline; the result is computed now from the answers given. */
export function closePoll(db: Db, ctx: ServiceCtx, pollId: string): PollView {
	const { poll } = requirePoll(db, ctx.actor, pollId, 'close');
	const now = new Date();
	if (settlePoll(db, poll, now).state === 'closed') throw new AppError('poll_closed', 'the poll is closed');
	const closed = db.transaction((tx) => {
		const fresh = tx.select().from(polls).where(eq(polls.id, pollId)).get()!;
		return closePollTx(tx, fresh, { actorId: ctx.actor.id, ip: ctx.ip, reason: 'manual' }, now);
	});
	if (!closed) throw new AppError('poll_closed', 'the poll is closed');
	afterPollClose(db, closed);
	pollDeadlines().changed();
	return pollView(db, ctx.actor, pollId);
}

export interface PollMemberView {
	id: string;
	displayName: string;
	/** Open polls only: whether this member has answered (never what). Null on a secret poll. */
	answered: boolean | null;
}

export interface PollView {
	id: string;
	title: string;
	text: string;
	body: string;
	bodyType: PollRow['bodyType'];
	ballot: PollRow['ballot'];
	majority: PollRow['majority'];
	deadline: Date;
	state: PollRow['state'];
	createdAt: Date;
	closedAt: Date | null;
	closeReason: PollRow['closeReason'];
	memberCount: number;
	answeredCount: number;
	members: PollMemberView[];
	documents: { id: string; title: string; meetingId: string; pages: number }[];
	/** The caller's own answer: null when not a member. A secret answer's choice is not kept with the member. */
	mine: { answered: boolean; final: boolean; choice: PollChoice | null; comment: string | null } | null;
	/** Null while open. */
	result: PollResult | null;
	/** After close: the answers as the summary lists them (named on an open poll; without names on a secret one). */
	answers: { displayName: string | null; choice: PollChoice; comment: string }[] | null;
	archive: { seq: number; hash: string } | null;
	can: { answer: boolean; close: boolean };
}

/** One poll as the actor may see it: who has answered (not what) on an open poll, nothing of others on a secret one. */
export function pollView(db: Queryable, actor: Actor, pollId: string): PollView {
	const { poll, isMember } = requirePoll(db, actor, pollId, 'view');
	const counts = answeredCounts(db, poll);
	const answeredIds = poll.ballot === 'open' ? new Set(db.select({ userId: pollAnswers.userId }).from(pollAnswers).where(eq(pollAnswers.pollId, pollId)).all().map((r) => r.userId)) : null;
	const members = db
		.select({ id: users.id, displayName: users.displayName })
		.from(pollMembers)
		.innerJoin(users, eq(users.id, pollMembers.userId))
		.where(eq(pollMembers.pollId, pollId))
		.all()
		.sort((a, b) => compareVi(a.displayName, b.displayName))
		.map((m) => ({ ...m, answered: answeredIds ? answeredIds.has(m.id) : null }));
	let mine: PollView['mine'] = null;
	if (isMember) {
		if (poll.ballot === 'open') {
			const own = db.select().from(pollAnswers).where(and(eq(pollAnswers.pollId, pollId), eq(pollAnswers.userId, actor.id))).get();
			mine = own ? { answered: true, final: own.final, choice: own.choice, comment: own.comment } : { answered: false, final: false, choice: null, comment: null };
		} else {
			const own = db.select({ one: pollSecretVoters.userId }).from(pollSecretVoters).where(and(eq(pollSecretVoters.pollId, pollId), eq(pollSecretVoters.userId, actor.id))).get();
			mine = { answered: own !== undefined, final: own !== undefined, choice: null, comment: null };
		}
	}
	let answers: PollView['answers'] = null;
	if (poll.state === 'closed') {
		if (poll.ballot === 'open') {
			const names = new Map(members.map((m) => [m.id, m.displayName]));
			answers = db
				.select()
				.from(pollAnswers)
				.where(eq(pollAnswers.pollId, pollId))
				.all()
				.map((a) => ({ displayName: names.get(a.userId) ?? null, choice: a.choice, comment: a.comment }))
				.sort((a, b) => compareVi(a.displayName ?? '', b.displayName ?? ''));
		} else {
			answers = db
				.select({ choice: pollSecretAnswers.choice, comment: pollSecretAnswers.comment })
				.from(pollSecretAnswers)
				.where(eq(pollSecretAnswers.pollId, pollId))
				.all()
				.map((a) => ({ displayName: null, ...a }))
				.sort((a, b) => a.choice.localeCompare(b.choice) || compareVi(a.comment, b.comment));
		}
	}
	const archived = pollArchiveRow(db, pollId);
	const open = poll.state === 'open';
	return {
		id: poll.id,
		title: poll.title,
		text: poll.text,
		body: poll.body,
		bodyType: poll.bodyType,
		ballot: poll.ballot,
		majority: poll.majority,
		deadline: poll.deadline,
		state: poll.state,
		createdAt: poll.createdAt,
		closedAt: poll.closedAt,
		closeReason: poll.closeReason,
		memberCount: members.length,
		answeredCount: counts.answered,
		members,
		documents: db
			.select({ id: documents.id, title: documents.title, meetingId: documents.meetingId, pages: documents.pages })
			.from(pollDocuments)
			.innerJoin(documents, eq(documents.id, pollDocuments.documentId))
			.where(eq(pollDocuments.pollId, pollId))
			.orderBy(asc(pollDocuments.position))
			.all(),
		mine,
		result: poll.result,
		answers,
		archive: archived ? { seq: archived.seq, hash: archived.hash } : null,
		can: { answer: open && canInPoll(actor, isMember, 'answer') && !(mine?.final ?? false), close: open && canInPoll(actor, isMember, 'close') }
	};
}

export interface PollSummary {
	id: string;
	title: string;
	state: PollRow['state'];
	ballot: PollRow['ballot'];
	deadline: Date;
	closedAt: Date | null;
	memberCount: number;
	answeredCount: number;
	/** Whether the caller is in the electorate, and has answered. */
	member: boolean;
	answered: boolean;
	passed: boolean | null;
}

/** The caller's polls (the secretariat: every poll), open ones first by deadline, then closed ones newest first. */
export function listPolls(db: Queryable, actor: Actor): PollSummary[] {
	const mine = new Set(db.select({ pollId: pollMembers.pollId }).from(pollMembers).where(eq(pollMembers.userId, actor.id)).all().map((r) => r.pollId));
	const rows = isStaff(actor) ? db.select().from(polls).orderBy(desc(polls.deadline)).all() : mine.size ? db.select().from(polls).where(inArray(polls.id, [...mine])).orderBy(desc(polls.deadline)).all() : [];
	const answeredBy = (poll: PollRow) => {
		const table = poll.ballot === 'secret' ? pollSecretVoters : pollAnswers;
		return db.select({ one: table.userId }).from(table).where(and(eq(table.pollId, poll.id), eq(table.userId, actor.id))).get() !== undefined;
	};
	const summaries = rows.map((poll) => ({
		id: poll.id,
		title: poll.title,
		state: poll.state,
		ballot: poll.ballot,
		deadline: poll.deadline,
		closedAt: poll.closedAt,
		memberCount: memberCount(db, poll.id),
		answeredCount: answeredCounts(db, poll).answered,
		member: mine.has(poll.id),
		answered: mine.has(poll.id) && answeredBy(poll),
		passed: poll.result?.passed ?? null
	}));
	const open = summaries.filter((s) => s.state === 'open').sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
	return [...open, ...summaries.filter((s) => s.state === 'closed')];
}

export interface AttachableDocument {
	id: string;
	title: string;
	version: number;
	meetingTitle: string;
}

/**
 * The papers the secretariat may attach to a poll: every document of the body's meetings (the secretariat sees
 * every meeting), newest versions first, confidential ones left out (createPoll refuses them).
 */
export function attachableDocuments(db: Queryable, actor: Actor): AttachableDocument[] {
	if (!canGlobal(actor, 'create_meeting')) throw forbidden();
	return db
		.select({ id: documents.id, title: documents.title, version: documents.version, meetingTitle: meetings.title, createdAt: documents.createdAt })
		.from(documents)
		.innerJoin(meetings, eq(meetings.id, documents.meetingId))
		.where(eq(documents.confidential, false))
		.orderBy(desc(documents.createdAt))
		.limit(500)
		.all()
		.map(({ createdAt: _createdAt, ...doc }) => doc);
}
