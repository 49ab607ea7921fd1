import * as Y from 'yjs';
import { minutesRoom } from '$lib/collab/room-names';
import { MINUTES_FRAGMENT, type MinutesBlock } from '$lib/minutes/blocks';
import type { RoomDocs } from '../context';
import { readBlocks } from './fragment';

/** The minutes as they stand in their room (pending edits committed first). */
export function readMinutesBlocks(rooms: RoomDocs, meetingId: string): MinutesBlock[] {
	const doc = new Y.Doc();
	try {
		const state = rooms.snapshot(minutesRoom(meetingId));
		if (state.byteLength > 0) Y.applyUpdate(doc, state);
		return readBlocks(doc.getXmlFragment(MINUTES_FRAGMENT));
	} finally {
		doc.destroy();
	}
}
