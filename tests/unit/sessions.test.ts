import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	liveSessionIds,
	sessionIdFromToken,
	slideExpiry,
	validateSessionToken
} from '$lib/server/auth/sessions';
import { sessions, users } from '$lib/server/db/schema';
import { buildUser, memoryDb } from './factories';

const HOUR = 3_600_000;
const POLICY = { idleMs: 12 * HOUR, absoluteMs: 14 * 24 * HOUR };

describe('session tokens', () => {
	it('are random, at least 128 bits, and only their SHA-256 is stored', () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		expect(a).not.toBe(b);
		expect(a).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
		expect(sessionIdFromToken(a)).toMatch(/^[0-9a-f]{64}$/);

		const db = memoryDb();
		const user = buildUser(db);
		createSession(db, a, user.id, POLICY);
		const stored = db.select().from(sessions).all();
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).toBe(sessionIdFromToken(a));
		expect(JSON.stringify(stored)).not.toContain(a);
	});
});

describe('slideExpiry', () => {
	const t0 = new Date('2026-12-01T08:00:00Z');
	const fresh = { expiresAt: new Date(t0.getTime() + POLICY.idleMs), absoluteExpiresAt: new Date(t0.getTime() + POLICY.absoluteMs) };
	const at = (ms: number) => new Date(t0.getTime() + ms);

	it.each([
		['just created: alive, not renewed', 1_000, { alive: true, renewed: false }],
		['before half the idle window: not renewed (no write per request)', 5 * HOUR, { alive: true, renewed: false }],
		['past half the idle window: renewed', 7 * HOUR, { alive: true, renewed: true }],
		['idle past the window: dead', 12 * HOUR, { alive: false }],
		['long after: dead', 100 * HOUR, { alive: false }]
	])('%s', (_name, offset, expected) => {
		expect(slideExpiry(fresh, POLICY, at(offset))).toMatchObject(expected);
	});

	it('never slides past the absolute lifetime', () => {
		const nearEnd = { expiresAt: at(POLICY.absoluteMs - 1 * HOUR), absoluteExpiresAt: at(POLICY.absoluteMs) };
		const result = slideExpiry(nearEnd, POLICY, at(POLICY.absoluteMs - 2 * HOUR));
		expect(result).toEqual({ alive: true, expiresAt: at(POLICY.absoluteMs), renewed: true });
		expect(slideExpiry(nearEnd, POLICY, at(POLICY.absoluteMs))).toEqual({ alive: false });
	});
});

describe('validateSessionToken', () => {
	it('returns the user, renews when due, and deletes the session once expired', () => {
		const db = memoryDb();
		const user = buildUser(db, { displayName: 'Trần Văn Minh' });
		const token = generateSessionToken();
		const t0 = new Date('2026-12-01T08:00:00Z');
		createSession(db, token, user.id, POLICY, t0);

		const early = validateSessionToken(db, token, POLICY, new Date(t0.getTime() + HOUR));
		expect(early?.user).toEqual({ id: user.id, username: user.username, displayName: 'Trần Văn Minh', role: 'member' });
		expect(early?.session.renewed).toBe(false);

		const later = validateSessionToken(db, token, POLICY, new Date(t0.getTime() + 8 * HOUR));
		expect(later?.session.renewed).toBe(true);
		expect(later?.session.expiresAt.getTime()).toBe(t0.getTime() + 20 * HOUR);

		expect(validateSessionToken(db, token, POLICY, new Date(t0.getTime() + 33 * HOUR))).toBeNull();
		expect(db.select().from(sessions).all()).toHaveLength(0);
	});

	it('refuses unknown tokens and sessions of deactivated users', () => {
		const db = memoryDb();
		const user = buildUser(db);
		const token = generateSessionToken();
		createSession(db, token, user.id, POLICY);
		expect(validateSessionToken(db, generateSessionToken(), POLICY)).toBeNull();
		db.update(users).set({ active: false }).where(eq(users.id, user.id)).run();
		expect(validateSessionToken(db, token, POLICY)).toBeNull();
	});

	it('invalidates one session, or all of a user’s but the current one', () => {
		const db = memoryDb();
		const user = buildUser(db);
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		for (const t of [a, b, c]) createSession(db, t, user.id, POLICY);
		invalidateSession(db, sessionIdFromToken(a));
		expect(validateSessionToken(db, a, POLICY)).toBeNull();
		invalidateUserSessions(db, user.id, sessionIdFromToken(b));
		expect(validateSessionToken(db, b, POLICY)).not.toBeNull();
		expect(validateSessionToken(db, c, POLICY)).toBeNull();
	});

	it('tells which sessions behind open sockets are still alive, without sliding any', () => {
		const db = memoryDb();
		const user = buildUser(db);
		const other = buildUser(db);
		const t0 = new Date('2026-12-01T08:00:00Z');
		const [fresh, old, signedOut, deactivated] = [generateSessionToken(), generateSessionToken(), generateSessionToken(), generateSessionToken()];
		createSession(db, fresh, user.id, POLICY, new Date(t0.getTime() + 2 * HOUR));
		createSession(db, old, user.id, POLICY, t0);
		createSession(db, signedOut, user.id, POLICY, t0);
		createSession(db, deactivated, other.id, POLICY, new Date(t0.getTime() + 2 * HOUR));
		invalidateSession(db, sessionIdFromToken(signedOut));
		db.update(users).set({ active: false }).where(eq(users.id, other.id)).run();
		const ids = [fresh, old, signedOut, deactivated].map(sessionIdFromToken);
		// 13 h after t0: `old` has been idle past 12 h, `fresh` has not.
		const now = new Date(t0.getTime() + 13 * HOUR);
		expect(liveSessionIds(db, [...ids, 'f'.repeat(64)], now)).toEqual(new Set([sessionIdFromToken(fresh)]));
		expect(db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sessionIdFromToken(fresh))).get()?.expiresAt.getTime()).toBe(t0.getTime() + 14 * HOUR);
		expect(liveSessionIds(db, [], now).size).toBe(0);
		// More ids than one statement binds.
		const many = Array.from({ length: 1_200 }, (_, i) => i.toString(16).padStart(64, '0'));
		expect(liveSessionIds(db, [...many, sessionIdFromToken(fresh)], now)).toEqual(new Set([sessionIdFromToken(fresh)]));
	});
});
