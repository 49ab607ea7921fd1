import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { newId } from '../../src/lib/server/ids';

/**
 * Bulk fixtures for the vote tests, written straight into SQLite before the server starts: 500 argon2 sign-ins
 * would take minutes, a session row is what a sign-in leaves behind anyway.
 */

export interface VoteFixture {
	meetingId: string;
	itemId: string;
	/** username → { id, cookie } */
	people: Map<string, { id: string; cookie: string }>;
	delegates: { id: string; cookie: string }[];
}

const token = () => randomBytes(20).toString('hex');

export function insertVoteFixture(dataDir: string, delegateCount: number): VoteFixture {
	const db = new Database(path.join(dataDir, 'quorum.db'));
	db.pragma('journal_mode = WAL');
	try {
		const now = Date.now();
		const insertUser = db.prepare("insert into users (id, username, display_name, role, password_hash, active, created_at, updated_at) values (?, ?, ?, 'member', 'x', 1, ?, ?)");
		const insertSession = db.prepare('insert into sessions (id, user_id, created_at, expires_at, absolute_expires_at) values (?, ?, ?, ?, ?)');
		const insertParticipant = db.prepare('insert into meeting_participants (meeting_id, user_id, role, can_vote, created_at) values (?, ?, ?, ?, ?)');
		const insertPresent = db.prepare("insert into attendance (meeting_id, user_id, status, updated_at, updated_by) values (?, ?, 'present', ?, ?)");
		const session = (userId: string) => {
			const t = token();
			// Twelve hours left of a twelve-hour idle window: no renewal write on any request of the test.
			insertSession.run(createHash('sha256').update(t).digest('hex'), userId, now, now + 12 * 3600_000, now + 24 * 3600_000);
			return `quorum_session=${t}`;
		};
		const people = new Map<string, { id: string; cookie: string }>();
		const delegates: { id: string; cookie: string }[] = [];
		const meetingId = newId();
		const itemId = newId();
		db.transaction(() => {
			const secretaryId = (db.prepare("select id from users where username = 'secretary'").get() as { id: string }).id;
			people.set('secretary', { id: secretaryId, cookie: session(secretaryId) });
			const outsiderId = (db.prepare("select id from users where username = 'outsider'").get() as { id: string }).id;
			people.set('outsider', { id: outsiderId, cookie: session(outsiderId) });
			db.prepare("insert into meetings (id, title, body, description, location, starts_at, status, created_by, created_at, updated_at) values (?, 'Đại hội đại biểu', '', '', '', ?, 'in_progress', ?, ?, ?)").run(
				meetingId,
				now,
				secretaryId,
				now,
				now
			);
			db.prepare("insert into agenda_items (id, meeting_id, parent_id, position, title, description, presenter, created_at, updated_at) values (?, ?, null, 0, 'Biểu quyết', '', '', ?, ?)").run(itemId, meetingId, now, now);
			const person = (username: string, role: 'chair' | 'delegate' | 'observer', canVote: boolean) => {
				const id = newId();
				insertUser.run(id, username, `Đại biểu ${username}`, now, now);
				insertParticipant.run(meetingId, id, role, canVote ? 1 : 0, now);
				const entry = { id, cookie: session(id) };
				people.set(username, entry);
				return entry;
			};
			person('v-chair', 'chair', true);
			person('v-observer', 'observer', false);
			person('v-novote', 'delegate', false);
			person('v-absent', 'delegate', true);
			for (const name of ['v-chair', 'v-observer', 'v-novote']) insertPresent.run(meetingId, people.get(name)!.id, now, secretaryId);
			for (let i = 0; i < delegateCount; i++) {
				const d = person(`v-d${i}`, 'delegate', true);
				insertPresent.run(meetingId, d.id, now, secretaryId);
				delegates.push(d);
			}
		})();
		return { meetingId, itemId, people, delegates };
	} finally {
		db.close();
	}
}
