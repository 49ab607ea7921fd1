import { accessEpoch } from '../../src/lib/server/auth/access-epoch';
import { sessionIdFromToken } from '../../src/lib/server/auth/sessions';
import type { CookieSession } from '../edge/session';
import type { RoomDecision } from './access';

type ValidCookieSession = Extract<CookieSession, { state: 'valid' }>;
type Granted = Extract<RoomDecision, { ok: true }>;

interface Entry<T> {
	value: T;
	/** Good until then (ms since the epoch), and only while the access epoch is still `epoch`. */
	until: number;
	epoch: number;
}

/** How long a session or a room decision is reused; docs/architecture.md states it as the longest delay. */
export const ACCESS_CACHE_MS = 5_000;
const MAX_ENTRIES = 20_000;

/**
 * The collab upgrade's memory of what it just decided. A tablet opens three or four rooms within a second, and a
 * whole room reconnects at once after a restart or a change of access; each upgrade would otherwise look up the
 * same session and the same participation again. Only what was allowed is kept (a refusal is decided afresh every
 * time: a just-added participant is not told 404 for seconds, and guessing costs the guesser as much as before),
 * for `ACCESS_CACHE_MS` at most.
 *
 * OWASP Session Management Cheat Sheet ("session expiration", "renewal and termination"): a session that ends must
 * stop granting access. An entry is dropped on read when (a) its few seconds are over, (b) the session's own idle or
 * absolute expiry has passed, or (c) the access epoch moved (auth/access-epoch.ts): every sign-out, password reset,
 * deactivation and every access change announced in this process moves it, so those take effect at the next
 * upgrade. Only a change this process never hears of (another process writing the same database) can be reused for
 * up to `ACCESS_CACHE_MS`. Sessions are keyed by their id (the token's SHA-256), never by the token itself.
 */
export class AccessCache {
	readonly #sessions = new Map<string, Entry<ValidCookieSession>>();
	readonly #rooms = new Map<string, Entry<Granted>>();

	constructor(
		private readonly ttlMs = ACCESS_CACHE_MS,
		private readonly now: () => number = Date.now
	) {}

	/** The cached valid session for `token`, or what `lookup` says (kept if valid). */
	session(token: string | null, lookup: () => CookieSession): CookieSession {
		if (!token) return lookup();
		const key = sessionIdFromToken(token);
		const t = this.now();
		const hit = this.#fresh(this.#sessions, key, t);
		if (hit && t < hit.session.expiresAt.getTime() && t < hit.session.absoluteExpiresAt.getTime()) return hit;
		const found = lookup();
		if (found.state === 'valid') this.#put(this.#sessions, key, found, t);
		else this.#sessions.delete(key);
		return found;
	}

	/** The cached grant of `room` to `userId`, or what `decide` says (kept if granted). */
	room(userId: string, room: string, decide: () => RoomDecision): RoomDecision {
		const key = `${userId} ${room}`;
		const t = this.now();
		const hit = this.#fresh(this.#rooms, key, t);
		if (hit) return hit;
		const decision = decide();
		if (decision.ok) this.#put(this.#rooms, key, decision, t);
		return decision;
	}

	#fresh<T>(map: Map<string, Entry<T>>, key: string, t: number): T | null {
		const entry = map.get(key);
		if (!entry) return null;
		if (t < entry.until && entry.epoch === accessEpoch()) return entry.value;
		map.delete(key);
		return null;
	}

	#put<T>(map: Map<string, Entry<T>>, key: string, value: T, t: number): void {
		// Bounded: the oldest entries go first (a Map iterates in insertion order).
		if (map.size >= MAX_ENTRIES) for (const old of map.keys()) if (map.delete(old) && map.size < MAX_ENTRIES * 0.9) break;
		map.delete(key);
		map.set(key, { value, until: t + this.ttlMs, epoch: accessEpoch() });
	}
}
