import * as Y from 'yjs';
import { listMarks, repliesTo, type Mark, type Reply } from '../../collab/annotations';
import { getDb } from '../db/client';
import { getCollabHub } from './hub';

/** The marks and reply threads of one annotation room, as committed (what a crash would keep). */
export function readMarkLayer(room: string): { marks: Mark[]; replies: Map<string, Reply[]> } {
	const doc = new Y.Doc();
	try {
		const state = getCollabHub(() => getDb().$client).snapshot(room);
		if (state.byteLength > 0) Y.applyUpdate(doc, state);
		const marks = listMarks(doc);
		const replies = new Map(marks.filter((m) => m.kind === 'note').map((m) => [m.id, repliesTo(doc, m.id)]));
		return { marks, replies };
	} finally {
		doc.destroy();
	}
}
