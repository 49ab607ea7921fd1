import * as Y from 'yjs';
import { LIVE_STATE_MAP, readLiveState, type LiveState } from '../../collab/live-state';
import { liveRoom } from '../../collab/room-names';
import { getCollabHub } from '../collab/hub';
import type { Db } from '../db/client';
import { attendanceLiveState } from './state';

/**
 * The meeting's live room as it stands, for the first paint of the session screen: a tablet shows this at once and
 * the live room takes over once its WebSocket has synced. No access check here: the caller has already decided
 * that the actor sees the meeting (everything in the live room is readable by every participant).
 *
 * Attendance is computed from the database when the room has none yet (nobody has checked in since the room was
 * created), so the quorum line is there from the start rather than after the first check-in.
 */
export function liveSnapshot(db: Db, meetingId: string): LiveState {
	const update = getCollabHub(() => db.$client).snapshot(liveRoom(meetingId));
	const doc = new Y.Doc();
	try {
		if (update.length > 0) Y.applyUpdate(doc, update);
		const state = readLiveState(doc.getMap(LIVE_STATE_MAP));
		return { ...state, attendance: state.attendance ?? attendanceLiveState(db, meetingId) };
	} finally {
		doc.destroy();
	}
}
