import { eq } from 'drizzle-orm';
import { parseRoomName } from '../../src/lib/collab/room-names';
import { roomAccess, type Actor, type RoomAccess } from '../../src/lib/server/auth/policy';
import type { Queryable } from '../../src/lib/server/db/client';
import { documents, meetings } from '../../src/lib/server/db/schema';
import { recordState } from '../../src/lib/server/minutes/state';
import { findParticipation } from '../../src/lib/server/meetings/access';

export type RoomDecision =
	| { ok: true; room: string; access: Exclude<RoomAccess, 'none'>; relaysAwareness: boolean; meetingId: string }
	| { ok: false; status: 404 };

/**
 * Decides, from the database and the shared policy, what an actor may do in a room. A malformed name, a room of a
 * meeting the actor is not in, a meeting or document that does not exist, and someone else's private room all
 * answer the same 404: nothing about a meeting leaks to someone outside it.
 */
export function decideRoom(db: Queryable, actor: Actor, rawName: string): RoomDecision {
	const room = parseRoomName(rawName);
	if (!room) return { ok: false, status: 404 };
	let meetingId: string | undefined;
	if (room.kind === 'live' || room.kind === 'minutes') {
		meetingId = db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, room.meetingId)).get()?.id;
	} else {
		meetingId = db.select({ meetingId: documents.meetingId }).from(documents).where(eq(documents.id, room.documentId)).get()?.meetingId;
	}
	if (!meetingId) return { ok: false, status: 404 };
	const participation = findParticipation(db, meetingId, actor.id);
	const access = roomAccess(actor, participation, room.kind, room.kind === 'private' ? room.userId : undefined, recordState(db, meetingId));
	if (access === 'none') return { ok: false, status: 404 };
	return { ok: true, room: rawName, access, relaysAwareness: room.kind !== 'live', meetingId };
}
