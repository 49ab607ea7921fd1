import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notices } from '$lib/server/db/schema';
import { sendReminders } from '$lib/server/notices/reminders';
import { answerPoll, createPoll } from '$lib/server/polls/service';
import { buildUser, ctxOf, memoryDb } from './factories';

// Poll notices through the one `notify`: "opened" at creation, "closes tomorrow" once, to those still to answer.
describe('poll notices', () => {
	it('tell the electorate when a poll opens, and remind once, the day before, those who have not answered for good', () => {
		const db = memoryDb();
		const staff = buildUser(db, { role: 'secretary', displayName: 'Văn thư' });
		const [a, b, c] = ['An', 'Bình', 'Cường'].map((displayName) => buildUser(db, { displayName }));
		const deadline = new Date(Date.now() + 2 * 86_400_000);
		const poll = createPoll(db, ctxOf(staff), { title: 'Chủ trương', memberIds: [a!.id, b!.id, c!.id], deadline: deadline.toISOString(), ballot: 'open' });
		const of = (kind: string) =>
			db
				.select({ userId: notices.userId, link: notices.link })
				.from(notices)
				.where(eq(notices.kind, kind))
				.all()
				.map((n) => `${n.userId} ${n.link}`)
				.sort();
		expect(of('poll_opened')).toEqual([a!.id, b!.id, c!.id].map((id) => `${id} /polls/${poll.id}`).sort());

		answerPoll(db, ctxOf(a!), poll.id, { choice: 'agree', final: true });
		// Two days out: too early.
		expect(sendReminders(db, new Date())).toEqual({ polls: 0, tasks: 0 });
		const dayBefore = new Date(deadline.getTime() - 20 * 3_600_000);
		expect(sendReminders(db, dayBefore)).toEqual({ polls: 1, tasks: 0 });
		expect(of('poll_deadline_tomorrow')).toEqual([b!.id, c!.id].map((id) => `${id} /polls/${poll.id}`).sort());
		// The next hourly run finds the reminder already sent.
		expect(sendReminders(db, new Date(dayBefore.getTime() + 3_600_000))).toEqual({ polls: 0, tasks: 0 });
		expect(of('poll_deadline_tomorrow')).toHaveLength(2);
	});
});
