/**
 * Failed sign-in throttle, per key (a username, an address). A meeting room sits behind one NAT, so the
 * address limit is generous and the per-username limit does the real work.
 *
 * After `freeAttempts` failures inside `windowMs` the key is locked; each further failure doubles the lock,
 * up to `maxLockMs`. A success clears the key. In memory on purpose: a restart forgets, which only helps a
 * legitimate user, and nothing is written to disk on a password-guessing storm.
 */
export interface ThrottleRule {
	freeAttempts: number;
	windowMs: number;
	baseLockMs: number;
	maxLockMs: number;
}

interface Entry {
	failures: number;
	firstAt: number;
	lockedUntil: number;
}

export class LoginThrottle {
	readonly #entries = new Map<string, Entry>();

	constructor(
		private readonly rule: ThrottleRule,
		private readonly now: () => number = Date.now,
		private readonly maxKeys = 100_000
	) {}

	/** How many keys are tracked (bounded by maxKeys). */
	get size(): number {
		return this.#entries.size;
	}

	/** Milliseconds until the key may try again; 0 when it may try now. */
	retryAfter(key: string): number {
		const entry = this.#entries.get(key);
		if (!entry) return 0;
		return Math.max(0, entry.lockedUntil - this.now());
	}

	recordFailure(key: string): void {
		const t = this.now();
		let entry = this.#entries.get(key);
		if (!entry || t - entry.firstAt > this.rule.windowMs) {
			if (entry === undefined && this.#entries.size >= this.maxKeys) this.#evictOne(t);
			entry = { failures: 0, firstAt: t, lockedUntil: 0 };
			this.#entries.set(key, entry);
		}
		entry.failures += 1;
		const over = entry.failures - this.rule.freeAttempts;
		if (over >= 0) {
			const lock = Math.min(this.rule.baseLockMs * 2 ** over, this.rule.maxLockMs);
			entry.lockedUntil = t + lock;
			// Keep the entry alive as long as it is locked, even past the counting window.
			entry.firstAt = Math.max(entry.firstAt, entry.lockedUntil - this.rule.windowMs);
		}
	}

	recordSuccess(key: string): void {
		this.#entries.delete(key);
	}

	#evictOne(t: number): void {
		for (const [key, entry] of this.#entries) {
			if (t - entry.firstAt > this.rule.windowMs && entry.lockedUntil <= t) {
				this.#entries.delete(key);
				return;
			}
		}
		// Every key is live: drop the oldest rather than grow without bound.
		const oldest = this.#entries.keys().next();
		if (!oldest.done) this.#entries.delete(oldest.value);
	}
}

export const USERNAME_RULE: ThrottleRule = { freeAttempts: 5, windowMs: 15 * 60_000, baseLockMs: 30_000, maxLockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { freeAttempts: 50, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 15 * 60_000 };
