import type * as Y from 'yjs';
import type { Actor } from './auth/policy';

/**
 * What the services tell the rest of the process after a change committed: the live room's figures to rewrite,
 * the sockets whose access must be judged again. Services call this port and never the collab hub, so they run
 * without one (unit tests, the demo seed) and import nothing of the live room. The process-wide implementation
 * is `meetingEvents()` in `live/events.ts`; unit tests pass a recorder or `noEvents`.
 */
export interface MeetingEvents {
	/** Attendance, proxies, participants or the quorum setting changed: attendance and the open votes' "of M". */
	attendanceChanged(meetingId: string): void;
	/** A ballot was accepted: the count is rewritten, coalesced. */
	ballotCast(meetingId: string, motionId: string): void;
	/** A motion opened or closed: written at once, with the motion tablets should show. */
	motionStateChanged(meetingId: string, motionId: string): void;
	/** The list of speakers of an agenda item changed: written at once. */
	speakersChanged(meetingId: string, agendaItemId: string): void;
	/** The session's status or the current agenda item changed: written at once. */
	sessionChanged(meetingId: string): void;
	/** What these users may do in rooms changed (role, account, participation): their sockets are judged again. */
	userAccessChanged(userIds: readonly string[]): void;
	/** Who may write these rooms changed (minutes state, archive): their sockets are judged again. */
	roomAccessChanged(rooms: readonly string[]): void;
}

export const noEvents: MeetingEvents = {
	attendanceChanged() {},
	ballotCast() {},
	motionStateChanged() {},
	speakersChanged() {},
	sessionChanged() {},
	userAccessChanged() {},
	roomAccessChanged() {}
};

/**
 * The stored collaborative documents as services read and write them (the minutes draft, the shared annotations
 * the archive keeps). The process's implementation is `collabRooms` in `collab/hub.ts`, the rooms the sockets
 * read; a service never reaches for the hub itself.
 */
export interface RoomDocs {
	/** A room's state as it stands (edits still pending committed first); empty if it was never written. */
	snapshot(room: string): Uint8Array;
	/** Writes into a room as the server: stored and relayed like anyone's update. */
	writeAsServer(room: string, fn: (doc: Y.Doc) => void): void;
}

/**
 * Who acts, from where, whom to tell afterwards and where the collaborative documents are: the first argument of
 * every service that changes something.
 */
export interface ServiceCtx {
	actor: Actor;
	/** For the audit log; null where the client address is unknown (scripts, adapter-node giving up). */
	ip: string | null;
	events: MeetingEvents;
	rooms: RoomDocs;
}
