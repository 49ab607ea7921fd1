import * as Y from 'yjs';

/**
 * Whether applying `update` to the document `snapshot` was taken of would change it: content the document has
 * not seen, or the deletion of something it still holds. A y-websocket client sends its whole delete set with
 * every sync, so an update that merely carries deletions is not yet a change. Used for the updates a read-only
 * connection sends: those that would have changed the room are the ones its writer must be told were not stored.
 *
 * Linear in the update and the snapshot (Yjs merges the two delete sets once); the room keeps its snapshot until
 * its next change, so a room of tablets reconnecting at once computes it once. Writing typed and erased again
 * offline counts as a change too (the room never saw it), though nothing visible is missing.
 */
export function wouldChange(snapshot: Y.Snapshot, update: Uint8Array): boolean {
	// The empty update ([0 structs, 0 deletions]): what a fresh tablet answers the server's first sync message with.
	if (update.byteLength <= 2) return false;
	return !Y.snapshotContainsUpdate(snapshot, update);
}
