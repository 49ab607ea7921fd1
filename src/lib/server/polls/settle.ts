import type { Db } from '../db/client';
import { archivePoll, pendingArchiveIds } from './archive';
import { settleDuePolls } from './closing';

/**
 * Brings every poll up to date: closes those whose deadline passed and archives every closed poll that has no
 * archive record yet. Run by the deadline timer and before every read of polls, so neither a timer that did not
 * fire (the process was down at the deadline) nor a crash between closing and archiving leaves a poll behind.
 */
export async function settlePolls(db: Db, now = new Date()): Promise<void> {
	settleDuePolls(db, now);
	for (const id of pendingArchiveIds(db)) await archivePoll(db, id);
}
