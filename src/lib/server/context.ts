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

/** Who acts, from where, and whom to tell afterwards: the first argument of every service that changes something. */
export interface ServiceCtx {
	actor: Actor;
	/** For the audit log; null where the client address is unknown (scripts, adapter-node giving up). */
	ip: string | null;
	events: MeetingEvents;
}
