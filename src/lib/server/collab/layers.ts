import { inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { listMarks, repliesTo, type Author, type Mark, type Reply } from '../../collab/annotations';
import { getDb } from '../db/client';
import { users } from '../db/schema';
import { getCollabHub } from './hub';

/**
 * The marks and reply threads of one annotation room, as committed (what a crash would keep). The names shown
 * with them come from the accounts, not from the room: a mark carries its author's id (which the server checked
 * when it was written, annotation-guard.ts) and the name the tablet put beside it, which is only a convenience.
 */
export function readMarkLayer(room: string): { marks: Mark[]; replies: Map<string, Reply[]> } {
	const doc = new Y.Doc();
	try {
		const state = getCollabHub(getDb).snapshot(room);
		if (state.byteLength > 0) Y.applyUpdate(doc, state);
		const marks = listMarks(doc);
		const replies = new Map(marks.filter((m) => m.kind === 'note').map((m) => [m.id, repliesTo(doc, m.id)]));
		const names = accountNames([...marks.map((m) => m.author.id), ...[...replies.values()].flat().map((r) => r.author.id)]);
		const named = (author: Author): Author => ({ id: author.id, displayName: names.get(author.id) ?? '?' });
		return {
			marks: marks.map((m) => ({ ...m, author: named(m.author) })),
			replies: new Map([...replies].map(([id, thread]) => [id, thread.map((r) => ({ ...r, author: named(r.author) }))]))
		};
	} finally {
		doc.destroy();
	}
}

function accountNames(ids: string[]): Map<string, string> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = getDb().select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, unique)).all();
	return new Map(rows.map((r) => [r.id, r.displayName]));
}
