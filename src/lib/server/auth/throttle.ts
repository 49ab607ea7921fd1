/**
 * Counts failed password checks for one kind of key (a device, a username at an address, an address) and says
 * how long a key must wait. `password-guard.ts` decides which keys an attempt is judged by.
 *
 * After `freeAttempts` failures inside `windowMs` the key is locked; each further failure doubles the lock, up to
 * `maxLockMs`. A success clears the key. A locked key keeps its count until a whole window has passed after the
 * lock ends, so someone who waits out the longest lock gets one more guess per lock, not a fresh allowance.
 *
 * Checks in flight count too: argon2 takes tens of milliseconds, and without this a burst of parallel requests
 * would all be judged before the first failure was recorded. A key may have at most as many checks running as it
 * has failures left before a lock (one once its allowance is spent); the others wait `PENDING_WAIT_MS`.
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
	/** Checks admitted and not yet settled. */
	pending: number;
}

/** What a key waits while its other checks are still running: about the time one argon2 check takes, rounded up. */
export const PENDING_WAIT_MS = 1_000;

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
		const t = this.now();
		const entry = this.#entries.get(key);
		if (!entry) return 0;
		const locked = entry.lockedUntil - t;
		if (locked > 0) return locked;
		const failures = this.#stale(entry, t) ? 0 : entry.failures;
		const allowance = failures < this.rule.freeAttempts ? this.rule.freeAttempts - failures : 1;
		return entry.pending >= allowance ? PENDING_WAIT_MS : 0;
	}

	/** A check for this key has started; `end` must follow, whatever its outcome. */
	begin(key: string): void {
		this.#live(key, this.now()).pending += 1;
	}

	end(key: string): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		entry.pending = Math.max(0, entry.pending - 1);
		if (entry.pending === 0 && entry.failures === 0) this.#entries.delete(key);
	}

	recordFailure(key: string): void {
		const t = this.now();
		const entry = this.#live(key, t);
		entry.failures += 1;
		const over = entry.failures - this.rule.freeAttempts;
		if (over >= 0) {
			entry.lockedUntil = t + Math.min(this.rule.baseLockMs * 2 ** over, this.rule.maxLockMs);
			entry.firstAt = Math.max(entry.firstAt, entry.lockedUntil);
		}
	}

	recordSuccess(key: string): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		if (entry.pending === 0) this.#entries.delete(key);
		else Object.assign(entry, { failures: 0, firstAt: this.now(), lockedUntil: 0 });
	}

	/** Its failures are forgotten: the window has passed since the first of them (or since the last lock ended). */
	#stale(entry: Entry, t: number): boolean {
		return t - entry.firstAt > this.rule.windowMs && entry.lockedUntil <= t;
	}

	/** The key's entry, created or restarted when its failures are stale (checks in flight are kept). */
	#live(key: string, t: number): Entry {
		let entry = this.#entries.get(key);
		if (!entry) {
			if (this.#entries.size >= this.maxKeys) this.#evictOne(t);
			entry = { failures: 0, firstAt: t, lockedUntil: 0, pending: 0 };
			this.#entries.set(key, entry);
		} else if (this.#stale(entry, t)) {
			Object.assign(entry, { failures: 0, firstAt: t, lockedUntil: 0 });
		}
		return entry;
	}

	#evictOne(t: number): void {
		for (const [key, entry] of this.#entries) {
			if (this.#stale(entry, t) && entry.pending === 0) {
				this.#entries.delete(key);
				return;
			}
		}
		// Every key is live: drop the oldest rather than grow without bound.
		const oldest = this.#entries.keys().next();
		if (!oldest.done) this.#entries.delete(oldest.value);
	}
}
