import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyArchive } from '$lib/server/archive/verify';
import { fileStore } from '$lib/server/documents/storage';
import { archivePoll, pendingArchiveIds } from '$lib/server/polls/archive';
import { settleDuePolls } from '$lib/server/polls/closing';
import { pollNoticeRecipients } from '$lib/server/polls/notices';
import { answerPoll, closePoll, createPoll, pollView } from '$lib/server/polls/service';
import { buildUser, ctxOf, memoryDb } from './factories';

function setup(ballot: 'open' | 'secret' = 'open') {
	const db = memoryDb();
	const staff = buildUser(db, { role: 'secretary', displayName: 'Văn thư' });
	const members = ['An', 'Bình', 'Cường'].map((displayName) => buildUser(db, { displayName }));
	const deadline = new Date(Date.now() + 3600_000);
	const poll = createPoll(db, ctxOf(staff), { title: 'Chủ trương', memberIds: members.map((m) => m.id), deadline: deadline.toISOString(), ballot });
	return { db, staff, members, deadline, pollId: poll.id };
}

const ids = (list: { userId: string }[]) => list.map((r) => r.userId).sort();

describe('pollNoticeRecipients: whom the notices module tells', () => {
	it('"opened": the whole electorate; "deadline tomorrow": who has not answered for good', () => {
		const { db, members, pollId } = setup();
		const [a, b, c] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
		expect(ids(pollNoticeRecipients(db, pollId, 'opened'))).toEqual([a.id, b.id, c.id].sort());
		answerPoll(db, ctxOf(a), pollId, { choice: 'agree', final: true });
		answerPoll(db, ctxOf(b), pollId, { choice: 'agree' });
		// b may still change the answer: reminded too.
		expect(ids(pollNoticeRecipients(db, pollId, 'deadline_tomorrow'))).toEqual([b.id, c.id].sort());
	});

	it('on a secret poll everyone who answered is done; nobody is reminded of a closed poll', () => {
		const { db, staff, members, pollId } = setup('secret');
		answerPoll(db, ctxOf(members[0]!), pollId, { choice: 'disagree' });
		expect(pollNoticeRecipients(db, pollId, 'deadline_tomorrow')).toHaveLength(2);
		closePoll(db, ctxOf(staff), pollId);
		expect(pollNoticeRecipients(db, pollId, 'deadline_tomorrow')).toEqual([]);
	});
});

describe('closing at the deadline and archiving', () => {
	it('closes only what is due, once, and archives it into a chain that verifies', async () => {
		const { db, staff, members, deadline, pollId } = setup();
		answerPoll(db, ctxOf(members[0]!), pollId, { choice: 'agree' });
		answerPoll(db, ctxOf(members[1]!), pollId, { choice: 'agree' });
		expect(settleDuePolls(db, new Date(deadline.getTime() - 1))).toEqual([]);
		expect(settleDuePolls(db, deadline)).toEqual([pollId]);
		expect(settleDuePolls(db, new Date(deadline.getTime() + 1000))).toEqual([]);
		const closed = pollView(db, staff, pollId);
		expect(closed).toMatchObject({ state: 'closed', closeReason: 'deadline', result: { counts: { agree: 2, disagree: 0, other: 0 }, passed: true }, archive: null });

		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-polls-'));
		try {
			const store = fileStore(dir);
			expect(pendingArchiveIds(db)).toEqual([pollId]);
			// Two callers at once (the timer and a read): one record.
			await Promise.all([archivePoll(db, pollId, store), archivePoll(db, pollId, store)]);
			expect(pendingArchiveIds(db)).toEqual([]);
			expect(pollView(db, staff, pollId).archive).toMatchObject({ seq: 1 });
			expect(verifyArchive(db, store)).toMatchObject({ ok: true, records: 1 });
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
