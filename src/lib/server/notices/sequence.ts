import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { meetingCalendar } from '../db/schema';

/**
 * The SEQUENCE for the next calendar message about a meeting: 0 for the first, then one more each time. Every
 * message takes a new number, so whoever receives it (all participants after a move, one newcomer, one removed
 * member) always holds a lower number than the message that follows: a calendar applies an update or a
 * cancellation only over an older sequence (RFC 5546 §2.1.5).
 */
export function nextCalendarSequence(db: Queryable, meetingId: string, now = new Date()): number {
	const row = db
		.insert(meetingCalendar)
		.values({ meetingId, sequence: 0, updatedAt: now })
		.onConflictDoUpdate({ target: meetingCalendar.meetingId, set: { sequence: sql`${meetingCalendar.sequence} + 1`, updatedAt: now } })
		.returning({ sequence: meetingCalendar.sequence })
		.get();
	return row.sequence;
}

/** The sequence last sent, or null when no invitation has gone out yet. */
export function currentCalendarSequence(db: Queryable, meetingId: string): number | null {
	return db.select({ sequence: meetingCalendar.sequence }).from(meetingCalendar).where(eq(meetingCalendar.meetingId, meetingId)).get()?.sequence ?? null;
}
