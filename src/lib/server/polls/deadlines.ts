import { and, eq, min } from 'drizzle-orm';
import type { Db } from '../db/client';
import { polls } from '../db/schema';
import { log } from '../log';
import { settlePolls } from './settle';

/**
 * The timer that closes polls at their deadline while the server runs: one `setTimeout` for the earliest open
 * deadline, set again whenever a poll is created or closed. Reads check deadlines as well (settle.ts), so the timer
 * is what makes a poll close, and get archived, with nobody looking; it is never the only guard.
 */

export interface PollDeadlines {
	/** A poll was created or closed: the earliest deadline may have changed. */
	changed(): void;
}

// Never wait longer than this in one go: a far deadline is re-checked, and Node's timers overflow past 2³¹−1 ms.
const MAX_WAIT_MS = 60 * 60 * 1000;

const KEY = Symbol.for('quorum.polls.deadlines');
const holder = globalThis as { [KEY]?: PollDeadlines };
const idle: PollDeadlines = { changed() {} };

/** The process's scheduler, or one that does nothing where none was started (scripts, unit tests). */
export function pollDeadlines(): PollDeadlines {
	return holder[KEY] ?? idle;
}

/** Starts the timer (the production entry calls it once); `stop` clears it at shutdown. */
export function startPollDeadlines(db: Db): { stop(): void } {
	let timer: NodeJS.Timeout | null = null;
	let stopped = false;
	const schedule = () => {
		if (timer) clearTimeout(timer);
		timer = null;
		if (stopped) return;
		const next = db.select({ at: min(polls.deadline) }).from(polls).where(and(eq(polls.state, 'open'))).get()?.at ?? null;
		if (next === null) return;
		const wait = Math.min(Math.max(0, next.getTime() - Date.now()), MAX_WAIT_MS);
		timer = setTimeout(run, wait + 5);
		// A pending deadline must not keep a stopping process alive.
		timer.unref();
	};
	const run = () => {
		settlePolls(db)
			.catch((error: unknown) => log().error({ err: error }, '[polls] closing or archiving at the deadline failed; the next read or deadline retries'))
			.finally(schedule);
	};
	holder[KEY] = { changed: schedule };
	run();
	return {
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			delete holder[KEY];
		}
	};
}
