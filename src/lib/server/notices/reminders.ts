import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices, polls } from '../db/schema';
import { pollNoticeRecipients } from '../polls/notices';
import { markOverdueNoticed, overdueTasksNeedingNotice } from '../tasks/overdue';
import { notify } from './notify';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const pollLink = (pollId: string) => `/polls/${pollId}`;

/** Tells the electorate that a poll is open, right after it is created. */
export function noticePollOpened(db: Db, poll: { id: string; title: string; deadline: Date }): void {
	notify(db, {
		kind: 'poll_opened',
		userIds: pollNoticeRecipients(db, poll.id, 'opened').map((r) => r.userId),
		params: { title: poll.title, deadline: poll.deadline.toISOString() },
		link: pollLink(poll.id)
	});
}

/**
 * The reminders nobody asks for at a given moment: "the poll closes tomorrow" to those who have not answered for
 * good, once per poll (a notice already written for that poll is the mark), and "overdue" once per task and
 * deadline (the task's own mark). Run at start and every hour, so a restart or a sleeping box sends them late
 * rather than never. Answers what it sent.
 */
export function sendReminders(db: Db, now = new Date()): { polls: number; tasks: number } {
	let pollCount = 0;
	const closing = db
		.select({ id: polls.id, title: polls.title, deadline: polls.deadline })
		.from(polls)
		.where(and(eq(polls.state, 'open'), gt(polls.deadline, now), lte(polls.deadline, new Date(now.getTime() + DAY_MS))))
		.all();
	for (const poll of closing) {
		const told = db
			.select({ id: notices.id })
			.from(notices)
			.where(and(eq(notices.kind, 'poll_deadline_tomorrow'), eq(notices.link, pollLink(poll.id))))
			.limit(1)
			.get();
		if (told) continue;
		const userIds = pollNoticeRecipients(db, poll.id, 'deadline_tomorrow').map((r) => r.userId);
		if (userIds.length === 0) continue;
		notify(db, { kind: 'poll_deadline_tomorrow', userIds, params: { title: poll.title, deadline: poll.deadline.toISOString() }, link: pollLink(poll.id) });
		pollCount++;
	}
	const overdue = overdueTasksNeedingNotice(db, now);
	for (const task of overdue) {
		// A department has no account: the one who gave the task hears of it, and the owner when it is a person.
		const userIds = [task.ownerUserId, task.createdBy].filter((id): id is string => id !== null);
		// The deadline is a whole day in the province: it ran out at that day's end.
		const deadline = new Date(`${task.deadline}T23:59:00+07:00`).toISOString();
		notify(db, { kind: 'task_overdue', userIds, params: { title: task.conclusion, deadline }, link: `/tasks/${task.taskId}` });
	}
	markOverdueNoticed(
		db,
		overdue.map((t) => t.taskId),
		now
	);
	return { polls: pollCount, tasks: overdue.length };
}

/** Runs `sendReminders` now and every hour; answers a stop function for the shutdown. */
export function startReminders(db: Db): () => void {
	const run = () => {
		try {
			sendReminders(db);
		} catch {
			// notify() logs its own failures; a failed query here is tried again in an hour.
		}
	};
	run();
	const timer = setInterval(run, HOUR_MS);
	timer.unref();
	return () => clearInterval(timer);
}
