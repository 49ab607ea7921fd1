import { and, count, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { openBallots, secretChoices, secretVoters, type BallotKind } from '../db/schema';

/**
 * Reading the ballot tables of one motion. Open ballots: one table, voter and choice together. Secret ballots:
 * `secret_voters` says who has voted, `secret_choices` what was chosen, and nothing joins the two.
 */

interface MotionRef {
	id: string;
	ballot: BallotKind;
}

export function votedCount(db: Queryable, motion: MotionRef): number {
	const table = motion.ballot === 'open' ? openBallots : secretVoters;
	return db.select({ n: count() }).from(table).where(eq(table.motionId, motion.id)).get()?.n ?? 0;
}

export function votedIds(db: Queryable, motion: MotionRef): Set<string> {
	const table = motion.ballot === 'open' ? openBallots : secretVoters;
	// Raw rows, no per-row mapping: the live count reads this many times a second during a vote.
	const rows = db.select({ voterId: table.voterId }).from(table).where(eq(table.motionId, motion.id)).values();
	return new Set(rows.map((r) => r[0] as string));
}

export function hasVoted(db: Queryable, motion: MotionRef, voterId: string): boolean {
	const table = motion.ballot === 'open' ? openBallots : secretVoters;
	return db.select({ voterId: table.voterId }).from(table).where(and(eq(table.motionId, motion.id), eq(table.voterId, voterId))).get() !== undefined;
}

/** Every ballot's choices, in no meaningful order (secret choices are keyed by random ids). */
export function ballotChoices(db: Queryable, motion: MotionRef): string[][] {
	const table = motion.ballot === 'open' ? openBallots : secretChoices;
	return db
		.select({ choices: table.choices })
		.from(table)
		.where(eq(table.motionId, motion.id))
		.all()
		.map((r) => r.choices);
}

/**
 * What one voter chose on an open ballot (a decision has one choice), or null: not voted, or a secret ballot, where
 * no choice is ever tied to a person (the chair's tie-break is refused on secret ballots for that reason).
 */
export function openChoiceOf(db: Queryable, motion: MotionRef, voterId: string | null): string | null {
	if (motion.ballot !== 'open' || voterId === null) return null;
	const row = db
		.select({ choices: openBallots.choices })
		.from(openBallots)
		.where(and(eq(openBallots.motionId, motion.id), eq(openBallots.voterId, voterId)))
		.get();
	return row?.choices[0] ?? null;
}
