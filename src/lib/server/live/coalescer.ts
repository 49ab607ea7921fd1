/**
 * Coalesces writes per key: the first change after a quiet spell is written at once (a lone check-in shows up
 * immediately), later ones at most once per interval, and the last change is always written (trailing edge).
 * The written value is read fresh when the write runs, so skipping the intermediate ones loses nothing.
 */
export class Coalescer {
	readonly #entries = new Map<string, { lastAt: number; timer: NodeJS.Timeout | null; run: () => void }>();

	/**
	 * Schedules `run` for `key`, at most once per `intervalMs`; `urgent` writes now and drops any pending trailing
	 * write of that key.
	 */
	schedule(key: string, run: () => void, intervalMs: number, urgent = false): void {
		let entry = this.#entries.get(key);
		if (!entry) {
			entry = { lastAt: -Infinity, timer: null, run };
			this.#entries.set(key, entry);
		}
		entry.run = run;
		if (urgent) {
			if (entry.timer) clearTimeout(entry.timer);
			this.#fire(key);
			return;
		}
		if (entry.timer) return;
		const wait = entry.lastAt + intervalMs - performance.now();
		if (wait <= 0) this.#fire(key);
		else {
			entry.timer = setTimeout(() => this.#fire(key), wait);
			// A pending count must not keep a stopping process alive: the next change or open/close rewrites it.
			entry.timer.unref();
		}
	}

	/** Forgets a key whose writes are over (a closed motion), after a last urgent write. */
	forget(key: string): void {
		const entry = this.#entries.get(key);
		if (entry?.timer) clearTimeout(entry.timer);
		this.#entries.delete(key);
	}

	/** Runs every pending trailing write now (shutdown, tests). */
	flush(): void {
		for (const [key, entry] of this.#entries) if (entry.timer) this.#fire(key);
	}

	#fire(key: string): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		if (entry.timer) clearTimeout(entry.timer);
		entry.timer = null;
		entry.lastAt = performance.now();
		entry.run();
	}
}
