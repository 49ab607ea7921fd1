import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db, Queryable } from '../db/client';
import { motions, type Motion } from '../db/schema';
import { ballotChoices, openChoiceOf, votedIds } from './ballot-rows';
import type { MeetingEvents } from '../context';
import { readRoster } from './roster';
import { decide, presence, tally } from './rules';

/**
 * Closes an open motion inside the caller's transaction: the result is computed from the ballot tables as they
 * are at this instant and stored with the rule that decided it. Ballots are refused from the next statement on
 * (they read the state in their own transaction), so the stored counts are exactly the accepted ballots.
 */
export function closeMotionTx(tx: Queryable, motion: Motion, by: { actorId: string | null; ip?: string | null }): Motion {
	const voted = votedIds(tx, motion);
	const choices = ballotChoices(tx, motion);
	if (choices.length !== voted.size) {
		// Voter row and choice row are written in one transaction, so this is corruption, not a race: refuse to
		// publish a result that does not add up.
		throw new Error(`motion ${motion.id}: ${voted.size} voters but ${choices.length} ballots`);
	}
	const roster = readRoster(tx, motion.meetingId);
	const result = decide({
		options: motion.options,
		majority: motion.majority,
		counts: tally(motion.options, choices),
		votedCount: voted.size,
		presence: presence({ memberIds: roster.memberIds, presentIds: roster.presentIds, proxies: roster.proxies, votedIds: voted }),
		quorum: roster.quorumSetting,
		bodyType: roster.bodyType,
		chairChoice: motion.majority?.tieBreak === 'chair' ? openChoiceOf(tx, motion, roster.chairId) : null
	});
	const now = new Date();
	tx.update(motions).set({ state: 'closed', closedAt: now, closedBy: by.actorId, result, updatedAt: now }).where(eq(motions.id, motion.id)).run();
	// For a secret ballot this entry holds only totals; no entry was written per ballot, so the log says nothing about
	// who voted when.
	audit(tx, {
		actorId: by.actorId,
		action: 'motion.close',
		subjectType: 'motion',
		subjectId: motion.id,
		ip: by.ip,
		data: { meetingId: motion.meetingId, automatic: by.actorId === null, counts: result.counts, passed: result.passed, quorumMet: result.quorumMet, votedCount: result.votedCount }
	});
	return { ...motion, state: 'closed', closedAt: now, closedBy: by.actorId, result, updatedAt: now };
}

/** After the closing transaction committed: clean the WAL of a secret vote, then show the result everywhere. */
export function afterClose(db: Db, events: MeetingEvents, motion: Motion): void {
	if (motion.ballot === 'secret') {
		// The WAL keeps each ballot's commit (voter row and choice row in the same frames) until a checkpoint: fold it
		// into the database file and truncate it so those frames do not outlive the vote (docs/architecture.md).
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
	}
	events.motionStateChanged(motion.meetingId, motion.id);
}

export const isExpired = (motion: Motion, now = Date.now()) => motion.state === 'open' && motion.closesAt !== null && motion.closesAt.getTime() <= now;

/** Closes a motion whose countdown has run out (nobody's action: audited with no actor); returns it as it now is. */
export function settleExpired(db: Db, events: MeetingEvents, motion: Motion): Motion {
	if (!isExpired(motion)) return motion;
	const closed = db.transaction((tx) => {
		const fresh = tx.select().from(motions).where(eq(motions.id, motion.id)).get();
		if (!fresh || !isExpired(fresh)) return null;
		return closeMotionTx(tx, fresh, { actorId: null });
	});
	if (!closed) return db.select().from(motions).where(eq(motions.id, motion.id)).get() ?? motion;
	afterClose(db, events, closed);
	return closed;
}
