import { eq, sql } from 'drizzle-orm';
import type { RecordState } from '../auth/policy';
import type { Queryable } from '../db/client';
import { prepared } from '../db/prepared';
import { minutes, type MinutesRow } from '../db/schema';
import { isArchived } from '../meetings/access';

export function findMinutes(db: Queryable, meetingId: string): MinutesRow | null {
	return db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get() ?? null;
}

/** What the rooms of a meeting allow, from the database: asked again at every collab upgrade. */
const minutesStateQuery = (db: Queryable) =>
	db.select({ state: minutes.state }).from(minutes).where(eq(minutes.meetingId, sql.placeholder('meetingId'))).prepare();

export function recordState(db: Queryable, meetingId: string): RecordState {
	const row = prepared(db, 'minutes-state', minutesStateQuery).get({ meetingId });
	return { minutesDraft: row?.state === 'draft', archived: row?.state === 'approved' || isArchived(db, meetingId) };
}
