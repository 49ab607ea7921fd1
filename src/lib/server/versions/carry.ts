import { createHash } from 'node:crypto';
import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import * as Y from 'yjs';
import { listMarks, repliesTo, type Mark, type Reply } from '../../collab/annotations';
import { parseRoomName, sharedAnnotationsRoom, privateAnnotationsRoom } from '../../collab/room-names';
import type { RoomDocs } from '../context';
import type { Db, Queryable } from '../db/client';
import { carriedMarks, documents, versionCarries, type DocumentRow } from '../db/schema';
import type { StoreOptions } from '../documents/files';
import { log } from '../log';
import { compareVersions, type VersionChanges } from './diff';
import { ensurePageLayouts } from './layouts';
import { placeMark, type VersionPages } from './place';
import { VersionText } from './text-index';

/**
 * Carrying a version's marks to the next one. When a new version of a document is uploaded, every mark of the
 * version before it (the shared layer, and each person's private layer into that person's own private layer of
 * the new version) is placed again by its words (place.ts); what cannot be placed with confidence is orphaned:
 * recorded with its old page and quote, listed to whoever may see it, and left where it was on the old version.
 *
 * Once per version: the `version_carries` row says it is done, and is written last. A carry cut short (a crash,
 * a failed read) is simply run again: each carried mark's id is derived from the new version and the old mark,
 * and a mark already in the new room is left as it is, so nothing is written twice. The rooms are written as the
 * server, like the minutes' record blocks: stored and relayed to anyone already reading the new version.
 */

export interface CarryOutcome {
	previousId: string;
	marksCarried: number;
	orphans: number;
	pagesChanged: number;
	elapsedMs: number;
}

/** The version just before `doc` in its series (the newest lower version: a withdrawn one leaves a gap). */
export function previousVersionOf(db: Queryable, doc: Pick<DocumentRow, 'seriesId' | 'version'>): DocumentRow | null {
	return (
		db
			.select()
			.from(documents)
			.where(and(eq(documents.seriesId, doc.seriesId), lt(documents.version, doc.version)))
			.orderBy(desc(documents.version))
			.limit(1)
			.get() ?? null
	);
}

/** A carried mark's id: the same for the same new version and old mark, so running the carry again adds nothing. */
export function carriedMarkId(documentId: string, room: string, fromMarkId: string): string {
	const h = createHash('sha256').update(`${documentId}\u0000${room}\u0000${fromMarkId}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The previous version's annotation rooms that hold anything: its shared room and each private room written. */
function layerRooms(db: Db, previousId: string): { from: string; ownerId: string | null }[] {
	const prefix = `document:${previousId}:private:`;
	// A range on the room index ( ';' follows ':' ), not a scan of every update.
	const rows = db.$client.prepare('select distinct room from collab_updates where room >= ? and room < ?').all(prefix, `document:${previousId}:private;`) as { room: string }[];
	const privates = rows.flatMap(({ room }) => {
		const parsed = parseRoomName(room);
		return parsed?.kind === 'private' && parsed.documentId === previousId ? [{ from: room, ownerId: parsed.userId }] : [];
	});
	return [{ from: sharedAnnotationsRoom(previousId), ownerId: null }, ...privates];
}

function readLayer(rooms: RoomDocs, room: string): { marks: Mark[]; replies: Map<string, Reply[]> } {
	const doc = new Y.Doc();
	try {
		const state = rooms.snapshot(room);
		if (state.byteLength > 0) Y.applyUpdate(doc, state);
		const marks = listMarks(doc);
		return { marks, replies: new Map(marks.filter((m) => m.kind === 'note').map((m) => [m.id, repliesTo(doc, m.id)])) };
	} finally {
		doc.destroy();
	}
}

type CarriedRow = typeof carriedMarks.$inferInsert;

/** Places one layer's marks in the new version's room; returns what was recorded for each. */
function carryLayer(rooms: RoomDocs, doc: DocumentRow, previous: DocumentRow, layer: { from: string; ownerId: string | null }, pages: { previous: VersionPages; next: VersionPages; map: readonly number[] }): CarriedRow[] {
	const { marks, replies } = readLayer(rooms, layer.from);
	if (marks.length === 0) return [];
	const to = layer.ownerId ? privateAnnotationsRoom(doc.id, layer.ownerId) : sharedAnnotationsRoom(doc.id);
	const rows: CarriedRow[] = [];
	const placed: { mark: Mark; thread: Reply[] }[] = [];
	for (const mark of marks) {
		const placement = placeMark(mark, pages.previous, pages.next, pages.map);
		const base = { documentId: doc.id, room: to, fromMarkId: mark.id, ownerId: layer.ownerId, fromDocumentId: previous.id, fromPage: mark.page, kind: mark.kind, quote: placement.quote, authorId: mark.author.id };
		if ('orphan' in placement) {
			rows.push({ ...base, markId: null, page: null });
			continue;
		}
		const id = carriedMarkId(doc.id, to, mark.id);
		placed.push({ mark: { ...placement.mark, id }, thread: replies.get(mark.id) ?? [] });
		rows.push({ ...base, markId: id, page: placement.mark.page });
	}
	if (placed.length > 0) {
		rooms.writeAsServer(to, (ydoc) => {
			const marksMap = ydoc.getMap<Mark>('marks');
			const threads = ydoc.getMap<Y.Array<Reply>>('replies');
			for (const { mark, thread } of placed) {
				if (marksMap.has(mark.id)) continue;
				marksMap.set(mark.id, mark);
				// Replies travel with their note, in their authors' names and order.
				if (mark.kind === 'note' && !threads.has(mark.id)) {
					const array = new Y.Array<Reply>();
					array.push(thread);
					threads.set(mark.id, array);
				}
			}
		});
	}
	return rows;
}

function record(db: Db, doc: DocumentRow, previous: DocumentRow, rows: CarriedRow[], changes: VersionChanges, elapsedMs: number): CarryOutcome {
	const sharedOrphans = rows.filter((r) => r.ownerId === null && r.page === null).length;
	const marksCarried = rows.filter((r) => r.page !== null).length;
	const pagesChanged = changes.pages.length;
	db.transaction((tx) => {
		for (let i = 0; i < rows.length; i += 200) tx.insert(carriedMarks).values(rows.slice(i, i + 200)).onConflictDoNothing().run();
		tx.insert(versionCarries)
			.values({
				documentId: doc.id,
				previousId: previous.id,
				changes: JSON.stringify({ pages: changes.pages, bars: changes.bars }),
				pagesChanged,
				marksCarried,
				sharedOrphans,
				elapsedMs: Math.round(elapsedMs),
				createdAt: new Date()
			})
			.onConflictDoNothing()
			.run();
	});
	return { previousId: previous.id, marksCarried, orphans: rows.length - marksCarried, pagesChanged, elapsedMs };
}

/** Carries cut short in this process, by document: a second caller waits for the first rather than racing it. */
const running = new Map<string, Promise<CarryOutcome | null>>();

/**
 * Carries the marks of the version before `documentId` into it, once. Null when the document is a first version.
 * Called right after an upload commits; read paths call it too, so a carry a crash interrupted is finished the
 * next time anyone looks.
 */
export function carryMarks(db: Db, rooms: RoomDocs, documentId: string, options: StoreOptions = {}): Promise<CarryOutcome | null> {
	const pending = running.get(documentId);
	if (pending) return pending;
	const task = carry(db, rooms, documentId, options).finally(() => running.delete(documentId));
	running.set(documentId, task);
	return task;
}

async function carry(db: Db, rooms: RoomDocs, documentId: string, options: StoreOptions): Promise<CarryOutcome | null> {
	const doc = db.select().from(documents).where(eq(documents.id, documentId)).get();
	if (!doc) return null;
	const done = db.select().from(versionCarries).where(eq(versionCarries.documentId, documentId)).get();
	if (done) {
		const orphans = db.select({ n: count() }).from(carriedMarks).where(and(eq(carriedMarks.documentId, documentId), isNull(carriedMarks.page))).get()?.n ?? 0;
		return { previousId: done.previousId, marksCarried: done.marksCarried, orphans, pagesChanged: done.pagesChanged, elapsedMs: done.elapsedMs };
	}
	const previous = previousVersionOf(db, doc);
	if (!previous) return null;
	const [oldLayouts, newLayouts] = [await ensurePageLayouts(db, previous, options), await ensurePageLayouts(db, doc, options)];
	// Timed from here: reading a legacy file again is the upload's cost, not the carry's. CPU time beside the
	// wall-clock time, which on a busy machine is mostly waiting for a core.
	const began = performance.now();
	const cpu = process.cpuUsage();
	const outcome = carryWithLayouts(db, rooms, doc, previous, oldLayouts, newLayouts, began);
	const used = process.cpuUsage(cpu);
	log().info(
		{ documentId, ...outcome, elapsedMs: Math.round(outcome.elapsedMs), cpuMs: Math.round((used.user + used.system) / 1000) },
		'[versions] marks carried to the new version'
	);
	return outcome;
}

function carryWithLayouts(db: Db, rooms: RoomDocs, doc: DocumentRow, previous: DocumentRow, oldLayouts: VersionPages['layouts'], newLayouts: VersionPages['layouts'], began: number): CarryOutcome {
	const texts = { previous: new VersionText(oldLayouts), next: new VersionText(newLayouts) };
	const changes = compareVersions(oldLayouts, newLayouts, texts);
	const pages = {
		previous: { layouts: oldLayouts, text: texts.previous },
		next: { layouts: newLayouts, text: texts.next },
		map: changes.pageMap
	};
	const rows = layerRooms(db, previous.id).flatMap((layer) => carryLayer(rooms, doc, previous, layer, pages));
	return record(db, doc, previous, rows, changes, performance.now() - began);
}

/**
 * The upload's call: the new version is recorded whatever happens here. A carry that fails is logged and left to
 * the next read of the version's annotations or changes (`carryMarks` from views.ts), which runs it again.
 */
export async function carryAfterUpload(db: Db, rooms: RoomDocs, documentId: string, options: StoreOptions = {}): Promise<void> {
	try {
		await carryMarks(db, rooms, documentId, options);
	} catch (error) {
		log().error({ err: error, documentId }, '[versions] carrying marks to the new version failed; retried at the next read');
	}
}
