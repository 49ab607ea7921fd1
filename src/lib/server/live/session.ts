import { eq } from 'drizzle-orm';
import { LIVE_STATE_MAP, type LiveState, type SessionLiveState } from '../../collab/live-state';
import { getCollabHub } from '../collab/hub';
import type { Db, Queryable } from '../db/client';
import { meetings, type Meeting } from '../db/schema';

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
		getCollabHub(() => db.$client).writeLive(meetingId, (doc) => {
			const map = doc.getMap(LIVE_STATE_MAP);
			map.set('session', now.session);
			map.set('currentAgendaItemId', now.currentAgendaItemId);
		});
	} catch (error) {
		// The change is committed and answered; tablets catch up at the next write or reload.
		console.error('[live] session write failed', error);
	}
}

/** A first paint's live state with the session filled from the database when the room has none written yet. */
export function withSessionFromDb(db: Queryable, meetingId: string, live: LiveState): LiveState {
	if (live.session) return live;
	const stored = sessionFromDb(db, meetingId);
	if (!stored) return live;
	return { ...live, session: stored.session, currentAgendaItemId: live.currentAgendaItemId ?? stored.currentAgendaItemId };
}
