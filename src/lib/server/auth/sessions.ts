import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/client';
import { sessions, users, type GlobalRole } from '../db/schema';
import { accessMayHaveShrunk } from './access-epoch';

export const SESSION_COOKIE = 'quorum_session';

export interface SessionPolicy {
	/** Idle timeout: a session unused this long is dead. */
	idleMs: number;
	/** Hard cap from sign-in, however active the session is. */
	absoluteMs: number;
}

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: GlobalRole;
}

export interface ValidSession {
	id: string;
	userId: string;
	expiresAt: Date;
	absoluteExpiresAt: Date;
	/** True when this validation pushed the expiry forward: the cookie must be re-sent. */
	renewed: boolean;
}

/** 160 random bits, base32: the only place the secret exists is the user's cookie. */
export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(db: Queryable, token: string, userId: string, policy: SessionPolicy, now = new Date()): ValidSession {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		createdAt: now,
		expiresAt: new Date(Math.min(now.getTime() + policy.idleMs, now.getTime() + policy.absoluteMs)),
		absoluteExpiresAt: new Date(now.getTime() + policy.absoluteMs)
	};
	db.insert(sessions).values(session).run();
	return { ...session, renewed: true };
}

/**
 * Pure decision: given a stored session, is it alive at `now`, and if so, what is its new sliding expiry?
 * Renewal happens only past half of the idle window so an active user does not cause a write per request.
 */
export function slideExpiry(
	stored: { expiresAt: Date; absoluteExpiresAt: Date },
	policy: SessionPolicy,
	now: Date
): { alive: false } | { alive: true; expiresAt: Date; renewed: boolean } {
	const t = now.getTime();
	if (t >= stored.expiresAt.getTime() || t >= stored.absoluteExpiresAt.getTime()) return { alive: false };
	if (stored.expiresAt.getTime() - t >= policy.idleMs / 2) {
		return { alive: true, expiresAt: stored.expiresAt, renewed: false };
	}
	const next = Math.min(t + policy.idleMs, stored.absoluteExpiresAt.getTime());
	return { alive: true, expiresAt: new Date(next), renewed: next !== stored.expiresAt.getTime() };
}

function prepareSessionLookup(db: Db) {
	return db
		.select({
			session: sessions,
			user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role, active: users.active }
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare();
}

// Every request runs this lookup: built and prepared once per connection, not per request (drizzle would
// otherwise rebuild the SQL and SQLite re-prepare it each time, a third of a millisecond at 500 ballots a second).
const lookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
function sessionLookup(db: Db): ReturnType<typeof prepareSessionLookup> {
	let lookup = lookups.get(db);
	if (!lookup) {
		lookup = prepareSessionLookup(db);
		lookups.set(db, lookup);
	}
	return lookup;
}

export function validateSessionToken(
	db: Db,
	token: string,
	policy: SessionPolicy,
	now = new Date()
): { session: ValidSession; user: SessionUser } | null {
	const id = sessionIdFromToken(token);
	const row = sessionLookup(db).get({ id });
	if (!row) return null;
	const decision = slideExpiry(row.session, policy, now);
	if (!decision.alive || !row.user.active) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	if (decision.renewed) {
		db.update(sessions).set({ expiresAt: decision.expiresAt }).where(eq(sessions.id, id)).run();
	}
	const { active: _active, ...user } = row.user;
	return {
		session: {
			id,
			userId: row.session.userId,
			expiresAt: decision.expiresAt,
			absoluteExpiresAt: row.session.absoluteExpiresAt,
			renewed: decision.renewed
		},
		user
	};
}

export function invalidateSession(db: Queryable, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
	accessMayHaveShrunk();
}

/** Signs a user out everywhere, optionally sparing the session that asked (a password change keeps its own). */
export function invalidateUserSessions(db: Queryable, userId: string, exceptSessionId?: string): void {
	const where = exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId);
	db.delete(sessions).where(where).run();
	accessMayHaveShrunk();
}

export function deleteExpiredSessions(db: Db, now = new Date()): number {
	return db
		.delete(sessions)
		.where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)))
		.run().changes;
}

/**
 * Which of these sessions are still alive at `now` (not expired, not signed out, account active), without
 * sliding any of them: a socket opened with a session must not outlive it, and keeping a socket open is not
 * using the app.
 */
export function liveSessionIds(db: Queryable, ids: readonly string[], now = new Date()): Set<string> {
	const alive = new Set<string>();
	// In slices: SQLite caps the number of bound parameters per statement.
	for (let i = 0; i < ids.length; i += 500) {
		const rows = db
			.select({ id: sessions.id })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(and(inArray(sessions.id, ids.slice(i, i + 500)), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now), eq(users.active, true)))
			.all();
		for (const row of rows) alive.add(row.id);
	}
	return alive;
}
