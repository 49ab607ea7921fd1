import { and, eq, notInArray } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { pollAnswers, pollMembers, polls, pollSecretVoters, users } from '../db/schema';

/**
 * Who is to be told about a poll. The place where the notices module (issue 19, "Notices": in-app notification
 * centre and e-mail) hooks in: it calls these and sends; nothing here sends anything.
 *
 * - `opened`: every member of the electorate, when the poll is created (`createPoll` in service.ts);
 * - `deadline_tomorrow`: the members who have not answered for good, the day before the deadline.
 */
export type PollNotice = 'opened' | 'deadline_tomorrow';

export interface PollRecipient {
	userId: string;
	displayName: string;
}

export function pollNoticeRecipients(db: Queryable, pollId: string, notice: PollNotice): PollRecipient[] {
	const poll = db.select({ state: polls.state, ballot: polls.ballot }).from(polls).where(eq(polls.id, pollId)).get();
	if (!poll) return [];
	const everyone = () =>
		db
			.select({ userId: users.id, displayName: users.displayName })
			.from(pollMembers)
			.innerJoin(users, eq(users.id, pollMembers.userId))
			.where(and(eq(pollMembers.pollId, pollId), eq(users.active, true)))
			.all();
	if (notice === 'opened') return everyone();
	if (poll.state !== 'open') return [];
	const done =
		poll.ballot === 'secret'
			? db.select({ userId: pollSecretVoters.userId }).from(pollSecretVoters).where(eq(pollSecretVoters.pollId, pollId)).all()
			: db
					.select({ userId: pollAnswers.userId })
					.from(pollAnswers)
					.where(and(eq(pollAnswers.pollId, pollId), eq(pollAnswers.final, true)))
					.all();
	if (done.length === 0) return everyone();
	return db
		.select({ userId: users.id, displayName: users.displayName })
		.from(pollMembers)
		.innerJoin(users, eq(users.id, pollMembers.userId))
		.where(and(eq(pollMembers.pollId, pollId), eq(users.active, true), notInArray(pollMembers.userId, done.map((d) => d.userId))))
		.all();
}
