import type { Actor } from '$lib/server/auth/policy';
import * as Y from 'yjs';
import { noEvents, type MeetingEvents, type RoomDocs, type ServiceCtx } from '$lib/server/context';
import { openDatabase, type Db } from '$lib/server/db/client';
import { users, type GlobalRole, type User } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';

/** A fresh, migrated in-memory database: the real schema and triggers, nothing on disk. */
export function memoryDb(): Db {
	return openDatabase(':memory:', 'drizzle');
}

// A fixed argon2 hash is enough for tests that never sign in; tests that do call hashPassword themselves.
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$invalidinvalidinvalidinvalidinvalidinvali';

export function buildUser(db: Db, overrides: Partial<User> & { role?: GlobalRole } = {}): User {
	const user: User = {
		id: newId(),
		username: `user-${Math.random().toString(36).slice(2, 8)}`,
		displayName: 'Người dùng thử',
		role: 'member',
		passwordHash: NO_PASSWORD,
		active: true,
		email: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		...overrides
	};
	db.insert(users).values(user).run();
	return user;
}

/** A service context for `actor` with no address; `events` records or drops what the services announce. */
export function ctxOf(actor: Actor, events: MeetingEvents = noEvents, rooms: RoomDocs = memoryRooms()): ServiceCtx {
	return { actor, ip: null, events, rooms };
}

/** Collaborative documents kept in memory, as the hub's rooms would hold them, for services that read or write them. */
export function memoryRooms(): RoomDocs {
	const docs = new Map<string, Y.Doc>();
	const doc = (room: string) => {
		let d = docs.get(room);
		if (!d) docs.set(room, (d = new Y.Doc()));
		return d;
	};
	return {
		snapshot: (room) => Y.encodeStateAsUpdate(doc(room)),
		writeAsServer: (room, fn) => doc(room).transact(() => fn(doc(room)))
	};
}
