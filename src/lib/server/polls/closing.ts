import { and, count, eq, lte } from 'drizzle-orm';
import { decidePoll, pollIsDue, tallyPoll, type PollResult } from '$lib/polls/result';
import { audit } from '../audit';
import type { Db, Queryable } from '../db/client';
import { pollAnswers, pollMembers, polls, pollSecretAnswers, pollSecretVoters, type PollCloseReason, type PollRow } from '../db/schema';

/**
 * Closing a poll: the result is computed once, from the answer tables as they stand inside the closing
 * transaction, and stored with its rule and numbers; nothing changes it afterwards. A poll closes at its deadline,
 * when every member has given a final answer, or when staff close it. Deadlines are caught by a timer in the
 * server process (timer.ts) and again by every read (`settleDuePolls`), so a restart never misses one.
 */

export function memberCount(db: Queryable, pollId: string): number {
	return db.select({ n: count() }).from(pollMembers).where(eq(pollMembers.pollId, pollId)).get()?.n ?? 0;
}

/** Members who answered: any answer for the count on screen, final ones for "everyone has answered". */
export function answeredCounts(db: Queryable, poll: Pick<PollRow, 'id' | 'ballot'>): { answered: number; final: number } {
	if (poll.ballot === 'secret') {
		// Every secret answer is final at once: changing it would need a link from the member to the answer.
		const n = db.select({ n: count() }).from(pollSecretVoters).where(eq(pollSecretVoters.pollId, poll.id)).get()?.n ?? 0;
		return { answered: n, final: n };
	}
	const answered = db.select({ n: count() }).from(pollAnswers).where(eq(pollAnswers.pollId, poll.id)).get()?.n ?? 0;
	const final = db.select({ n: count() }).from(pollAnswers).where(and(eq(pollAnswers.pollId, poll.id), eq(pollAnswers.final, true))).get()?.n ?? 0;
	return { answered, final };
}

function answerChoices(db: Queryable, poll: Pick<PollRow, 'id' | 'ballot'>): string[] {
	const table = poll.ballot === 'secret' ? pollSecretAnswers : pollAnswers;
	return db.select({ choice: table.choice }).from(table).where(eq(table.pollId, poll.id)).all().map((r) => r.choice);
}

export interface CloseBy {
	actorId: string | null;
	ip: string | null;
	reason: PollCloseReason;
}

/** Closes an open poll inside the caller's transaction; null when it was closed already (someone was first). */
export function closePollTx(tx: Queryable, poll: PollRow, by: CloseBy, now: Date): (PollRow & { result: PollResult }) | null {
	const result = decidePoll({ rule: poll.majority, bodyType: poll.bodyType, counts: tallyPoll(answerChoices(tx, poll)), memberCount: memberCount(tx, poll.id) });
	const changed = tx
		.update(polls)
		.set({ state: 'closed', closedAt: now, closedBy: by.actorId, closeReason: by.reason, result })
		.where(and(eq(polls.id, poll.id), eq(polls.state, 'open')))
		.run();
	if (changed.changes === 0) return null;
	audit(
		tx,
		{
			actorId: by.actorId,
			action: 'poll.close',
			subjectType: 'poll',
			subjectId: poll.id,
			ip: by.ip,
			data: { title: poll.title, reason: by.reason, automatic: by.actorId === null, counts: result.counts, passed: result.passed, memberCount: result.memberCount }
		},
		now
	);
	return { ...poll, state: 'closed', closedAt: now, closedBy: by.actorId, closeReason: by.reason, result };
}

/** After a secret poll's closing committed: fold the WAL into the database file, as after a secret vote. */
export function afterPollClose(db: Db, poll: Pick<PollRow, 'ballot'>): void {
	if (poll.ballot === 'secret') db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

/** Closes the poll if it is due (deadline passed, or every member answered for good); returns it as it now is. */
export function settlePoll(db: Db, poll: PollRow, now = new Date()): PollRow {
	const closed = db.transaction((tx) => {
		const fresh = tx.select().from(polls).where(eq(polls.id, poll.id)).get();
		if (!fresh) return null;
		const due = pollIsDue(fresh, answeredCounts(tx, fresh).final, memberCount(tx, fresh.id), now);
		if (!due) return null;
		return closePollTx(tx, fresh, { actorId: null, ip: null, reason: due }, now);
	});
	if (!closed) return db.select().from(polls).where(eq(polls.id, poll.id)).get() ?? poll;
	afterPollClose(db, closed);
	return closed;
}

/** Closes every open poll whose deadline has passed; returns the ids closed now. */
export function settleDuePolls(db: Db, now = new Date()): string[] {
	const due = db
		.select()
		.from(polls)
		.where(and(eq(polls.state, 'open'), lte(polls.deadline, now)))
		.all();
	return due.filter((poll) => settlePoll(db, poll, now).state === 'closed').map((p) => p.id);
}
