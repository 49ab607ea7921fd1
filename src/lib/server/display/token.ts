import { createHash, randomBytes } from 'node:crypto';

/**
 * A display link's secret: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored, as for
 * sessions, so a copy of the database opens no hall display. Framework-free: the WebSocket edge reads it too.
 */
export function generateDisplayToken(): string {
	return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The stored hash of a token, or null for anything that cannot be one (looked up no further). */
export function displayTokenHash(token: string): string | null {
	if (!TOKEN_SHAPE.test(token)) return null;
	return createHash('sha256').update(token).digest('hex');
}

/**
 * The cookie the link's token is exchanged for, one per meeting (a browser may drive two halls). Named after the
 * meeting so the collab upgrade and the file route know which one to read from the room or the document.
 */
export const displayCookieName = (meetingId: string) => `quorum_display_${meetingId}`;

/** A hall display runs all day; past this the link is opened again (it stays valid until revoked). */
export const DISPLAY_COOKIE_MAX_AGE_S = 24 * 60 * 60;

/** The identity of a display connection in the collab hub: revoking the link closes its sockets by this id. */
export const displayConnectionId = (linkId: string) => `display:${linkId}`;
