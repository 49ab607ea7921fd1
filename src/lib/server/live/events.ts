import { accessMayHaveShrunk } from '../auth/access-epoch';
import { existingCollabHub } from '../collab/hub';
import type { MeetingEvents } from '../context';
import { getDb } from '../db/client';
import { writeSessionLive } from './session';
import { liveWriter } from './writer';

/**
 * The process's meeting events: figures go to the live writer (which opens the hub on first use), access changes
 * to the sockets of the hub if there is one (a process that never opened a room has no socket to close).
 */
export const meetingEvents: MeetingEvents = {
	attendanceChanged: (meetingId) => liveWriter().attendanceChanged(meetingId),
	ballotCast: (meetingId, motionId) => liveWriter().ballotCast(meetingId, motionId),
	motionStateChanged: (meetingId, motionId) => liveWriter().motionStateChanged(meetingId, motionId),
	speakersChanged: (meetingId, agendaItemId) => liveWriter().speakersChanged(meetingId, agendaItemId),
	sessionChanged: (meetingId) => writeSessionLive(getDb(), meetingId),
	userAccessChanged(userIds) {
		accessMayHaveShrunk();
		const hub = existingCollabHub();
		for (const id of userIds) hub?.reconsiderUser(id);
	},
	roomAccessChanged(rooms) {
		accessMayHaveShrunk();
		const hub = existingCollabHub();
		for (const room of rooms) hub?.reconsider(room);
	}
};
