import { eq, sql } from 'drizzle-orm';
import { parseRoomName } from '../../src/lib/collab/room-names';
import { roomAccess, type Actor, type RoomAccess } from '../../src/lib/server/auth/policy';
import type { Queryable } from '../../src/lib/server/db/client';
import { prepared } from '../../src/lib/server/db/prepared';
import { documents, meetings } from '../../src/lib/server/db/schema';
import { recordState } from '../../src/lib/server/minutes/state';
import { findParticipation } from '../../src/lib/server/meetings/access';
import { findDisplayGrant } from '../../src/lib/server/display/links';
import { displayCookieName } from '../../src/lib/server/display/token';

export type RoomDecision =
	| { ok: true; room: string; access: Exclude<RoomAccess, 'none'>; relaysAwareness: boolean; meetingId: string }
	| { ok: false; status: 404 };

const meetingQuery = (db: Queryable) => db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, sql.placeholder('id'))).prepare();
const documentMeetingQuery = (db: Queryable) =>
	db.select({ meetingId: documents.meetingId }).from(documents).where(eq(documents.id, sql.placeholder('id'))).prepare();

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
		meetingId = prepared(db, 'meeting-exists', meetingQuery).get({ id: room.meetingId })?.id;
	} else {
		meetingId = prepared(db, 'document-meeting', documentMeetingQuery).get({ id: room.documentId })?.meetingId;
	}
	if (!meetingId) return { ok: false, status: 404 };
	const participation = findParticipation(db, meetingId, actor.id);
	const access = roomAccess(actor, participation, room.kind, room.kind === 'private' ? room.userId : undefined, recordState(db, meetingId));
	if (access === 'none') return { ok: false, status: 404 };
	return { ok: true, room: rawName, access, relaysAwareness: room.kind !== 'live', meetingId };
}

export type DisplayRoomDecision = { ok: true; room: string; linkId: string; meetingId: string } | { ok: false; status: 401 };

/**
 * A hall display without a session: its display cookie for the room's meeting opens that meeting's live room,
 * read-only, and no other room. Everything else is the 401 of a request without a session (minutes, annotations,
 * another meeting's live room, a revoked link): a token says nothing about any room it does not open.
 */
export function decideDisplayRoom(db: Queryable, cookieOf: (name: string) => string | null, rawName: string): DisplayRoomDecision {
	const room = parseRoomName(rawName);
	if (!room || room.kind !== 'live') return { ok: false, status: 401 };
	const token = cookieOf(displayCookieName(room.meetingId));
	if (!token) return { ok: false, status: 401 };
	const grant = findDisplayGrant(db, token);
	if (grant.state !== 'valid' || grant.meetingId !== room.meetingId) return { ok: false, status: 401 };
	return { ok: true, room: rawName, linkId: grant.linkId, meetingId: room.meetingId };
}
