import * as Y from 'yjs';

/**
 * Whether applying `update` to `doc` would change it: content the document has not seen, or the deletion of
 * something it still holds. A y-websocket client sends its whole delete set with every sync, so an update that
 * merely carries deletions is not yet a change. Used for the updates a read-only connection sends: those that
 * would have changed the room are the ones its writer must be told were not stored.
 */
export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
	const have = Y.decodeStateVector(Y.encodeStateVector(doc));
	// Where each client's content in the update ends (not encodeStateVectorFromUpdate: that counts a client only if
	// its content starts at clock 0, and a writer's second session starts where the first one stopped).
	for (const [client, end] of Y.parseUpdateMeta(update).to) {
		if (end > (have.get(client) ?? 0)) return true;
	}
	const { ds } = Y.decodeUpdate(update);
	if (ds.clients.size === 0) return false;
	const deleted = Y.createDeleteSetFromStructStore(doc.store);
	for (const [client, ranges] of ds.clients) {
		// Only what the document holds can be deleted from it; ids past its state come with content (checked above).
		const known = have.get(client) ?? 0;
		const done = deleted.clients.get(client) ?? [];
		for (const { clock, len } of ranges) {
			const end = Math.min(clock + len, known);
			if (clock < end && !covers(done, clock, end)) return true;
		}
	}
	return false;
}

/** Whether sorted, merged ranges cover every clock of [start, end). */
function covers(ranges: readonly { clock: number; len: number }[], start: number, end: number): boolean {
	let reached = start;
	for (const { clock, len } of ranges) {
		if (clock + len <= reached) continue;
		if (clock > reached) return false;
		reached = clock + len;
		if (reached >= end) return true;
	}
	return reached >= end;
}
