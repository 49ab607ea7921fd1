import { eq } from 'drizzle-orm';
import { LIVE_STATE_MAP, type SessionLiveState } from '../../collab/live-state';
import { getCollabHub } from '../collab/hub';
import { getDb } from '../db/client';
import { setPresenting } from './presenting';
import type { Db, Queryable } from '../db/client';
import { meetings, type Meeting } from '../db/schema';
import { log } from '../log';

type SessionRow = Pick<Meeting, 'status' | 'openedAt' | 'closedAt'>;

export function sessionLiveState(row: SessionRow, now = Date.now()): SessionLiveState {
	return { status: row.status, openedAt: row.openedAt?.getTime() ?? null, closedAt: row.closedAt?.getTime() ?? null, at: now };
}

/** The meeting's session figures and current item as the database has them, for a first paint. */
export function sessionFromDb(db: Queryable, meetingId: string): { session: SessionLiveState; currentAgendaItemId: string | null } | null {
	const row = db
		.select({ status: meetings.status, openedAt: meetings.openedAt, closedAt: meetings.closedAt, currentAgendaItemId: meetings.currentAgendaItemId })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get();
	return row ? { session: sessionLiveState(row), currentAgendaItemId: row.currentAgendaItemId } : null;
}

/**
 * Writes the status and the current agenda item into the live room, read from the database after the change
 * committed, so every tablet and the hall display follow without a reload.
 */
export function writeSessionLive(db: Db, meetingId: string): void {
	try {
		const now = sessionFromDb(db, meetingId);
		if (!now) return;
		setPresenting(meetingId, { currentAgendaItemId: now.currentAgendaItemId });
		getCollabHub(getDb).writeLive(meetingId, (doc) => {
			const map = doc.getMap(LIVE_STATE_MAP);
			map.set('session', now.session);
			map.set('currentAgendaItemId', now.currentAgendaItemId);
		});
	} catch (error) {
		// The change is committed and answered; tablets catch up at the next write or reload.
		log().error({ err: error }, '[live] session write failed');
	}
}
