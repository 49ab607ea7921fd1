/**
 * What the collab server and the browser agree on beyond y-websocket's own protocol (server side:
 * src/lib/server/collab/connection.ts and protocol.ts).
 */

/**
 * Close code: what this user may do in the room changed (minutes started, submitted, returned, approved; a meeting
 * archived). Outside y-websocket's 4400–4499 "do not reconnect" range: the client reconnects and is judged again.
 */
export const ACCESS_CHANGED = 4509;

/**
 * Close code: the room is built afresh from the database whenever it loads (the live room), and this tablet holds
 * the document of an earlier load (the server restarted, or the room was unloaded while the tablet was away). The
 * two documents would merge into something neither server wrote, so the tablet drops its copy and connects again
 * with an empty one (`server-written-room.svelte.ts`). Outside 4400–4499, so stock y-websocket retries.
 */
export const ROOM_REBUILT = 4510;

/**
 * The reasons in y-websocket's "permission denied" message when the server did not store what a tablet sent: the
 * room is read-only for this user, the update touched a colleague's marks, or the writer is over its quota.
 */
export const WRITES_REFUSED = 'read-only';
export const WRITES_REFUSED_REASONS = [WRITES_REFUSED, 'not-yours', 'over-quota'] as const;
export type WritesRefusedReason = (typeof WRITES_REFUSED_REASONS)[number];
