/**
 * What the collab server and the browser agree on beyond y-websocket's own protocol (server side:
 * src/lib/server/collab/connection.ts and protocol.ts).
 */

/**
 * Close code: what this user may do in the room changed (minutes started, submitted, returned, approved; a meeting
 * archived). Outside y-websocket's 4400–4499 "do not reconnect" range: the client reconnects and is judged again.
 */
export const ACCESS_CHANGED = 4509;

/** The reason in y-websocket's "permission denied" message when the server did not store what a tablet sent. */
export const WRITES_REFUSED = 'read-only';
