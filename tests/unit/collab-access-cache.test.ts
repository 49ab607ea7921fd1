import { describe, expect, it } from 'vitest';
import { AccessCache, ACCESS_CACHE_MS } from '../../server/collab/access-cache';
import type { RoomDecision } from '../../server/collab/access';
import type { CookieSession } from '../../server/edge/session';
import { accessMayHaveShrunk } from '$lib/server/auth/access-epoch';
import { createSession, generateSessionToken, invalidateSession, invalidateUserSessions, validateSessionToken } from '$lib/server/auth/sessions';
import { meetingEvents } from '$lib/server/live/events';
import { buildUser, memoryDb } from './factories';

const T0 = Date.parse('2026-12-03T08:00:00Z');
const HOUR = 3_600_000;
const user = { id: 'u-1', username: 'delegate1', displayName: 'Đại biểu 1', role: 'member' as const };

function valid(expiresAt = T0 + HOUR): CookieSession {
	const session = { id: 'sid', userId: user.id, expiresAt: new Date(expiresAt), absoluteExpiresAt: new Date(T0 + 24 * HOUR), renewed: false };
	return { state: 'valid', token: 'tok', session, user };
}
const granted: RoomDecision = { ok: true, room: 'meeting:aaaaaaaa:live', access: 'read', relaysAwareness: false, meetingId: 'aaaaaaaa' };

function counting<T>(value: () => T) {
	let calls = 0;
	return {
		fn: () => {
			calls++;
			return value();
		},
		get calls() {
			return calls;
		}
	};
}

describe('the collab upgrade’s access cache', () => {
	it('reuses a valid session and a granted room for a few seconds, then asks again', () => {
		let now = T0;
		const cache = new AccessCache(ACCESS_CACHE_MS, () => now);
		const lookup = counting(() => valid());
		const decide = counting(() => granted);
		for (let i = 0; i < 3; i++) {
			expect(cache.session('tok', lookup.fn).state).toBe('valid');
			expect(cache.room(user.id, granted.room, decide.fn)).toBe(granted);
		}
		expect([lookup.calls, decide.calls]).toEqual([1, 1]);
		now = T0 + ACCESS_CACHE_MS;
		cache.session('tok', lookup.fn);
		cache.room(user.id, granted.room, decide.fn);
		expect([lookup.calls, decide.calls]).toEqual([2, 2]);
	});

	it('never keeps a refusal, an ended session or one past its own expiry', () => {
		let now = T0;
		const cache = new AccessCache(ACCESS_CACHE_MS, () => now);
		const over = counting((): CookieSession => ({ state: 'over' }));
		cache.session('tok', over.fn);
		cache.session('tok', over.fn);
		expect(over.calls).toBe(2);
		const refuse = counting((): RoomDecision => ({ ok: false, status: 404 }));
		cache.room(user.id, granted.room, refuse.fn);
		cache.room(user.id, granted.room, refuse.fn);
		expect(refuse.calls).toBe(2);
		// A session that idles out a second from now is not handed out two seconds from now, cache or not.
		const expiring = counting(() => valid(T0 + 1_000));
		cache.session('other', expiring.fn);
		now = T0 + 2_000;
		cache.session('other', expiring.fn);
		expect(expiring.calls).toBe(2);
	});

	it('forgets everything at once when access may have shrunk', () => {
		const cache = new AccessCache(ACCESS_CACHE_MS, () => T0);
		const lookup = counting(() => valid());
		const decide = counting(() => granted);
		cache.session('tok', lookup.fn);
		cache.room(user.id, granted.room, decide.fn);
		accessMayHaveShrunk();
		cache.session('tok', lookup.fn);
		cache.room(user.id, granted.room, decide.fn);
		expect([lookup.calls, decide.calls]).toEqual([2, 2]);
	});

	it('is told by sign-out, by ending a user’s sessions and by every announced change of access', () => {
		const db = memoryDb();
		const member = buildUser(db);
		const policy = { idleMs: 12 * HOUR, absoluteMs: 14 * 24 * HOUR };
		const cache = new AccessCache();
		const lookupOf = (token: string) =>
			counting((): CookieSession => {
				const found = validateSessionToken(db, token, policy);
				return found ? { state: 'valid', token, ...found } : { state: 'over' };
			});
		const token = generateSessionToken();
		const session = createSession(db, token, member.id, policy);
		const first = lookupOf(token);
		expect(cache.session(token, first.fn).state).toBe('valid');
		expect(cache.session(token, first.fn).state).toBe('valid');
		expect(first.calls).toBe(1);
		invalidateSession(db, session.id);
		expect(cache.session(token, first.fn).state).toBe('over');

		const other = generateSessionToken();
		createSession(db, other, member.id, policy);
		const second = lookupOf(other);
		expect(cache.session(other, second.fn).state).toBe('valid');
		invalidateUserSessions(db, member.id);
		expect(cache.session(other, second.fn).state).toBe('over');
		expect(second.calls).toBe(2);

		for (const announce of [() => meetingEvents.userAccessChanged([member.id]), () => meetingEvents.roomAccessChanged(['meeting:aaaaaaaa:minutes'])]) {
			const rooms = new AccessCache();
			const decide = counting(() => granted);
			rooms.room(member.id, granted.room, decide.fn);
			rooms.room(member.id, granted.room, decide.fn);
			announce();
			rooms.room(member.id, granted.room, decide.fn);
			expect(decide.calls).toBe(2);
		}
	});
});
