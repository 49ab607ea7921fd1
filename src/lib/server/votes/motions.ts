import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { canInMeeting, type Actor } from '../auth/policy';
import type { MeetingEvents, ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { defaultRule, forBallot } from '../../votes/bodies';
import { majorityRuleInput, type MajorityRule } from '../../votes/majority';
import { agendaItems, BALLOT_KINDS, documents, meetings, motions, type BallotKind, type BodyType, type Motion } from '../db/schema';
import { AppError, type FieldIssue } from '../errors';
import { newId } from '../ids';
import { requireMeeting } from '../meetings/access';
import { identityText, instant, parseInput, trimmed } from '../validation';
import { requireMotion } from './access';
import { afterClose, closeMotionTx, settleExpired } from './closing';
import { DEFAULT_OPTIONS, isDecision } from './rules';
import { log } from '../log';

// Option labels are often candidates' names: the same rule as a person's name.
const optionKey = identityText(200);
const fields = {
	agendaItemId: z.string().min(1).max(64),
	title: identityText(300),
	text: trimmed(20_000),
	ballot: z.enum(BALLOT_KINDS),
	/** `{threshold, of, tieBreak?}` or one of the aliases "simple", "absolute", "two_thirds". */
	majority: majorityRuleInput,
	options: z.array(optionKey).min(2).max(100),
	maxChoices: z.number().int().min(1).max(100),
	documentId: z.string().min(1).max(64).nullable()
};

export const createMotionInput = z.object({
	agendaItemId: fields.agendaItemId,
	title: fields.title,
	text: fields.text.default(''),
	ballot: fields.ballot,
	majority: fields.majority.optional(),
	options: fields.options.optional(),
	maxChoices: fields.maxChoices.optional(),
	documentId: fields.documentId.optional()
});
export const updateMotionInput = z.object(fields).partial();

export const openMotionInput = z
	.object({
		/** Optional countdown: an instant, or a number of seconds from now. */
		closesAt: instant.optional(),
		durationSeconds: z.number().int().min(5).max(24 * 3600).optional()
	})
	.refine((o) => !(o.closesAt && o.durationSeconds), { message: 'give closesAt or durationSeconds, not both', path: ['closesAt'] });

interface OptionShape {
	options: string[];
	majority: MajorityRule | null;
	maxChoices: number;
}

interface ShapeInput {
	options: readonly string[];
	majority: MajorityRule | null | undefined;
	maxChoices: number | undefined;
	ballot: BallotKind;
	bodyType: BodyType;
}

/**
 * Options, rule, ballot and number of choices must fit together: a yes/no decision has a majority rule (the body's
 * own when none is given) and one choice; a chair tie-break needs a named ballot; a custom list (an election) has no
 * majority and may allow several choices.
 */
function shapeOptions({ options, majority, maxChoices, ballot, bodyType }: ShapeInput): OptionShape {
	const issues: FieldIssue[] = [];
	if (new Set(options).size !== options.length) issues.push({ path: 'options', message: 'options must be distinct' });
	let shape: OptionShape;
	if (isDecision(options)) {
		if (maxChoices !== undefined && maxChoices !== 1) issues.push({ path: 'maxChoices', message: 'a yes/no motion takes one choice' });
		if (majority?.tieBreak === 'chair' && ballot === 'secret') {
			// On a secret ballot nobody may learn the chair's choice, so it cannot be what decides.
			issues.push({ path: 'majority.tieBreak', message: 'a chair tie-break needs an open ballot' });
		}
		shape = { options: [...options], majority: majority ?? defaultRule(bodyType, ballot), maxChoices: 1 };
	} else {
		const max = maxChoices ?? 1;
		if (max > options.length) issues.push({ path: 'maxChoices', message: `at most ${options.length} (the number of options)` });
		// No passed/not passed for a list of candidates: the majority, if sent, has nothing to decide.
		shape = { options: [...options], majority: null, maxChoices: max };
	}
	if (issues.length > 0) throw new AppError('validation_failed', 'options do not fit together', { fields: issues });
	return shape;
}

function meetingBodyType(tx: Queryable, meetingId: string): BodyType {
	return tx.select({ bodyType: meetings.bodyType }).from(meetings).where(eq(meetings.id, meetingId)).get()?.bodyType ?? 'other';
}

function checkReferences(tx: Queryable, meetingId: string, agendaItemId: string, documentId: string | null | undefined): void {
	const item = tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, agendaItemId), eq(agendaItems.meetingId, meetingId))).get();
	if (!item) throw new AppError('validation_failed', 'no such agenda item in this meeting', { fields: [{ path: 'agendaItemId', message: 'not an agenda item of this meeting' }] });
	if (documentId) {
		const doc = tx.select({ id: documents.id }).from(documents).where(and(eq(documents.id, documentId), eq(documents.meetingId, meetingId))).get();
		if (!doc) throw new AppError('validation_failed', 'no such document in this meeting', { fields: [{ path: 'documentId', message: 'not a document of this meeting' }] });
	}
}

/** Chair or secretariat: a draft motion on an agenda item. */
export function createMotion(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): Motion {
	const input = parseInput(createMotionInput, raw);
	return db.transaction((tx) => {
		const { meeting } = requireMeeting(tx, ctx.actor, meetingId, 'run_votes');
		const shape = shapeOptions({ options: input.options ?? DEFAULT_OPTIONS, majority: input.majority, maxChoices: input.maxChoices, ballot: input.ballot, bodyType: meeting.bodyType });
		checkReferences(tx, meetingId, input.agendaItemId, input.documentId);
		const now = new Date();
		const motion: Motion = {
			id: newId(),
			meetingId,
			agendaItemId: input.agendaItemId,
			documentId: input.documentId ?? null,
			title: input.title,
			text: input.text,
			ballot: input.ballot,
			...shape,
			state: 'draft',
			closesAt: null,
			createdBy: ctx.actor.id,
			createdAt: now,
			updatedAt: now,
			openedAt: null,
			openedBy: null,
			closedAt: null,
			closedBy: null,
			result: null
		};
		tx.insert(motions).values(motion).run();
		audit(tx, { actorId: ctx.actor.id, action: 'motion.create', subjectType: 'motion', subjectId: motion.id, ip: ctx.ip, data: { meetingId, title: motion.title, ballot: motion.ballot, majority: motion.majority, options: motion.options } });
		return motion;
	});
}

function assertDraft(motion: Motion): void {
	if (motion.state === 'closed') throw new AppError('motion_closed', 'a closed motion never changes');
	if (motion.state !== 'draft') throw new AppError('motion_not_draft', 'the motion is already open');
}

/** Drafts only: once a vote has opened, what was voted on must stay what it was. */
export function updateMotion(db: Db, ctx: ServiceCtx, motionId: string, raw: unknown): Motion {
	const input = parseInput(updateMotionInput, raw);
	return db.transaction((tx) => {
		const { motion } = requireMotion(tx, ctx.actor, motionId, 'run_votes');
		assertDraft(motion);
		const optionsChange = input.options !== undefined || input.majority !== undefined || input.maxChoices !== undefined || input.ballot !== undefined;
		const shape = optionsChange
			? shapeOptions({
					options: input.options ?? motion.options,
					// A tie-break the motion got from its body's default goes quietly when the ballot turns secret.
					majority: input.majority ?? (motion.majority && input.ballot ? forBallot(motion.majority, input.ballot) : motion.majority),
					maxChoices: input.maxChoices ?? (input.options ? undefined : motion.maxChoices),
					ballot: input.ballot ?? motion.ballot,
					bodyType: meetingBodyType(tx, motion.meetingId)
				})
			: {};
		const next: Motion = { ...motion, ...input, ...shape, updatedAt: new Date() };
		checkReferences(tx, motion.meetingId, next.agendaItemId, next.documentId);
		tx.update(motions)
			.set({ ...input, ...shape, updatedAt: next.updatedAt })
			.where(eq(motions.id, motionId))
			.run();
		audit(tx, { actorId: ctx.actor.id, action: 'motion.update', subjectType: 'motion', subjectId: motionId, ip: ctx.ip, data: { fields: Object.keys(input) } });
		return next;
	});
}

export function deleteMotion(db: Db, ctx: ServiceCtx, motionId: string): void {
	db.transaction((tx) => {
		const { motion } = requireMotion(tx, ctx.actor, motionId, 'run_votes');
		assertDraft(motion);
		tx.delete(motions).where(eq(motions.id, motionId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'motion.delete', subjectType: 'motion', subjectId: motionId, ip: ctx.ip, data: { meetingId: motion.meetingId, title: motion.title } });
	});
}

const autoCloseTimers = new Map<string, NodeJS.Timeout>();

/** Chair or secretariat: draft → open. One vote at a time per meeting, so every tablet knows which one is on. */
export function openMotion(db: Db, ctx: ServiceCtx, motionId: string, raw: unknown = {}): Motion {
	const input = parseInput(openMotionInput, raw ?? {});
	const current = requireMotion(db, ctx.actor, motionId, 'run_votes').motion;
	// A countdown that ran out while nobody looked (or the server was down) is settled before anything else.
	for (const other of db.select().from(motions).where(and(eq(motions.meetingId, current.meetingId), eq(motions.state, 'open'))).all()) {
		settleExpired(db, ctx.events, other);
	}
	const opened = db.transaction((tx) => {
		const { motion } = requireMotion(tx, ctx.actor, motionId, 'run_votes');
		assertDraft(motion);
		const other = tx
			.select({ id: motions.id })
			.from(motions)
			.where(and(eq(motions.meetingId, motion.meetingId), eq(motions.state, 'open')))
			.get();
		if (other) throw new AppError('another_motion_open', 'close the open vote first');
		const now = new Date();
		const closesAt = input.closesAt ?? (input.durationSeconds ? new Date(now.getTime() + input.durationSeconds * 1000) : null);
		if (closesAt && closesAt <= now) {
			throw new AppError('validation_failed', 'closesAt is in the past', { fields: [{ path: 'closesAt', message: 'must be in the future' }] });
		}
		tx.update(motions).set({ state: 'open', openedAt: now, openedBy: ctx.actor.id, closesAt, updatedAt: now }).where(eq(motions.id, motionId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'motion.open', subjectType: 'motion', subjectId: motionId, ip: ctx.ip, data: { meetingId: motion.meetingId, closesAt: closesAt?.toISOString() ?? null } });
		return { ...motion, state: 'open' as const, openedAt: now, openedBy: ctx.actor.id, closesAt, updatedAt: now };
	});
	ctx.events.motionStateChanged(opened.meetingId, opened.id);
	if (opened.closesAt) scheduleAutoClose(db, ctx.events, opened);
	return opened;
}

function scheduleAutoClose(db: Db, events: MeetingEvents, motion: Motion): void {
	const delay = Math.max(0, motion.closesAt!.getTime() - Date.now());
	const timer = setTimeout(() => {
		autoCloseTimers.delete(motion.id);
		try {
			const row = db.select().from(motions).where(eq(motions.id, motion.id)).get();
			if (row) settleExpired(db, events, row);
		} catch (error) {
			log().error({ err: error, motionId: motion.id }, '[votes] automatic close failed; the next request on it closes it');
		}
	}, delay);
	// A stopping server does not wait for a countdown: the next request on the motion settles it after restart.
	timer.unref();
	autoCloseTimers.set(motion.id, timer);
}

/** Chair or secretariat: open → closed, the result computed and stored in the same transaction. */
export function closeMotion(db: Db, ctx: ServiceCtx, motionId: string): Motion {
	const closed = db.transaction((tx) => {
		const { motion } = requireMotion(tx, ctx.actor, motionId, 'run_votes');
		if (motion.state === 'closed') throw new AppError('motion_closed', 'the vote is already closed');
		if (motion.state !== 'open') throw new AppError('vote_not_open', 'the vote has not been opened');
		return closeMotionTx(tx, motion, { actorId: ctx.actor.id, ip: ctx.ip });
	});
	clearTimeout(autoCloseTimers.get(motionId));
	autoCloseTimers.delete(motionId);
	afterClose(db, ctx.events, closed);
	return closed;
}

export function listMotions(db: Db, actor: Actor, meetingId: string, agendaItemId?: string): Motion[] {
	const { participation } = requireMeeting(db, actor, meetingId);
	const rows = db
		.select()
		.from(motions)
		.where(and(eq(motions.meetingId, meetingId), agendaItemId ? eq(motions.agendaItemId, agendaItemId) : undefined))
		.orderBy(asc(motions.createdAt), asc(motions.id))
		.all();
	const runsVotes = canInMeeting(actor, participation, 'run_votes');
	return rows.filter((m) => m.state !== 'draft' || runsVotes);
}
