import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import * as Y from 'yjs';
import { listMarks, type Mark, type MarkKind } from '../../collab/annotations';
import { privateAnnotationsRoom, sharedAnnotationsRoom } from '../../collab/room-names';
import type { Actor } from '../auth/policy';
import type { RoomDocs } from '../context';
import type { Db, Queryable } from '../db/client';
import { carriedMarks, users, versionCarries, type DocumentRow } from '../db/schema';
import { requireDocument } from '../documents/access';
import type { StoreOptions } from '../documents/files';
import { anchorOf } from './anchor';
import { carryMarks, previousVersionOf } from './carry';
import type { ChangeBar, PageChanges } from './diff';
import { readPageLayouts } from './layouts';
import { VersionText } from './text-index';

/**
 * What readers may see of a carry: the marks of one layer with where each came from, the marks that could not
 * be carried, and what changed. Access is the document's (`requireDocument`: whoever may not see the meeting gets
 * the document's 404), and a private layer is always the caller's own: OWASP Authorization Cheat Sheet, "deny by
 * default" — no parameter names another person's layer.
 */

export type Layer = 'shared' | 'private';

export interface MarkEntry {
	id: string;
	kind: MarkKind;
	page: number;
	quote: string;
	author: { id: string; displayName: string };
	carriedFrom: { documentId: string; markId: string; page: number } | null;
}

export interface OrphanEntry {
	markId: string;
	page: number;
	quote: string;
}

export interface ChangesView {
	previous: string | null;
	pages: PageChanges[];
}

const layerRoom = (documentId: string, layer: Layer, userId: string) =>
	layer === 'shared' ? sharedAnnotationsRoom(documentId) : privateAnnotationsRoom(documentId, userId);

/** The document, after finishing a carry a crash or a failure left undone (see carry.ts). */
async function readable(db: Db, rooms: RoomDocs, actor: Actor, documentId: string, options: StoreOptions): Promise<DocumentRow> {
	const { doc } = requireDocument(db, actor, documentId);
	await carryMarks(db, rooms, doc.id, options);
	return doc;
}

function marksOf(rooms: RoomDocs, room: string): Mark[] {
	const doc = new Y.Doc();
	try {
		const state = rooms.snapshot(room);
		if (state.byteLength > 0) Y.applyUpdate(doc, state);
		return listMarks(doc);
	} finally {
		doc.destroy();
	}
}

/** The words each mark is about, from this version's text (a highlight: its own words). */
function quotesOf(db: Queryable, doc: DocumentRow, marks: readonly Mark[]): Map<string, string> {
	const out = new Map<string, string>();
	const pages = [...new Set(marks.filter((m) => m.kind !== 'highlight').map((m) => m.page))];
	if (pages.length > 0) {
		const layouts = readPageLayouts(db, doc, Math.min(...pages), Math.max(...pages));
		const text = new VersionText(layouts);
		for (const mark of marks) {
			const layout = layouts[mark.page - 1];
			if (mark.kind !== 'highlight' && layout) out.set(mark.id, anchorOf(mark, layout, text)?.quote ?? '');
		}
	}
	for (const mark of marks) if (mark.kind === 'highlight') out.set(mark.id, mark.text);
	return out;
}

/** `GET /api/v1/documents/:id/annotations?layer=shared|private`. */
export async function annotationsView(
	db: Db,
	rooms: RoomDocs,
	actor: Actor,
	documentId: string,
	layer: Layer,
	options: StoreOptions = {}
): Promise<{ marks: MarkEntry[]; orphans: OrphanEntry[] }> {
	const doc = await readable(db, rooms, actor, documentId, options);
	const room = layerRoom(doc.id, layer, actor.id);
	const marks = marksOf(rooms, room);
	const records = db.select().from(carriedMarks).where(and(eq(carriedMarks.documentId, doc.id), eq(carriedMarks.room, room))).all();
	const byNewId = new Map(records.filter((r) => r.markId).map((r) => [r.markId!, r]));
	const quotes = quotesOf(db, doc, marks);
	const names = accountNames(db, marks.map((m) => m.author.id));
	return {
		marks: marks.map((m) => {
			const from = byNewId.get(m.id);
			return {
				id: m.id,
				kind: m.kind,
				page: m.page,
				quote: quotes.get(m.id) ?? '',
				// The name on the account, not the one the tablet wrote beside the mark (layers.ts says why).
				author: { id: m.author.id, displayName: names.get(m.author.id) ?? '?' },
				carriedFrom: from ? { documentId: from.fromDocumentId, markId: from.fromMarkId, page: from.fromPage } : null
			};
		}),
		orphans: records.filter((r) => r.page === null).map((r) => ({ markId: r.fromMarkId, page: r.fromPage, quote: r.quote }))
	};
}

function accountNames(db: Queryable, ids: string[]): Map<string, string> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	return new Map(db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique)).all().map((r) => [r.id, r.name]));
}

interface StoredChanges {
	pages: PageChanges[];
	bars: ChangeBar[];
}

function storedChanges(db: Queryable, documentId: string): (StoredChanges & { previousId: string }) | null {
	const row = db.select({ previousId: versionCarries.previousId, changes: versionCarries.changes }).from(versionCarries).where(eq(versionCarries.documentId, documentId)).get();
	return row ? { previousId: row.previousId, ...(JSON.parse(row.changes) as StoredChanges) } : null;
}

/** `GET /api/v1/documents/:id/changes`: against the version before it; a first version has none. */
export async function changesView(db: Db, rooms: RoomDocs, actor: Actor, documentId: string, options: StoreOptions = {}): Promise<ChangesView> {
	const doc = await readable(db, rooms, actor, documentId, options);
	const stored = storedChanges(db, doc.id);
	if (!stored) return { previous: previousVersionOf(db, doc)?.id ?? null, pages: [] };
	return { previous: stored.previousId, pages: stored.pages };
}

/** An orphan as the viewer lists it: its layer, the old version's page and words, and a note's own text. */
export interface ViewerOrphan {
	markId: string;
	layer: Layer;
	kind: MarkKind;
	page: number;
	quote: string;
	/** A note's text (what the reader wrote), empty for other kinds. */
	note: string;
	fromDocumentId: string;
}

/** What the viewer shows of a new version: the change bars and list, and the reader's orphans (both layers). */
export interface ViewerChanges {
	previous: { id: string; version: number } | null;
	pages: PageChanges[];
	bars: ChangeBar[];
	orphans: ViewerOrphan[];
}

export async function viewerChanges(db: Db, rooms: RoomDocs, actor: Actor, documentId: string, options: StoreOptions = {}): Promise<ViewerChanges> {
	const doc = await readable(db, rooms, actor, documentId, options);
	const stored = storedChanges(db, doc.id);
	const previous = previousVersionOf(db, doc);
	if (!stored || !previous) return { previous: previous ? { id: previous.id, version: previous.version } : null, pages: [], bars: [], orphans: [] };
	const records = db
		.select()
		.from(carriedMarks)
		.where(and(eq(carriedMarks.documentId, doc.id), isNull(carriedMarks.page), or(isNull(carriedMarks.ownerId), eq(carriedMarks.ownerId, actor.id))))
		.all();
	const notes = new Map<string, string>();
	for (const layer of ['shared', 'private'] as const) {
		if (!records.some((r) => (r.ownerId === null) === (layer === 'shared'))) continue;
		for (const m of marksOf(rooms, layerRoom(previous.id, layer, actor.id))) if (m.kind === 'note') notes.set(m.id, m.text);
	}
	return {
		previous: { id: previous.id, version: previous.version },
		pages: stored.pages,
		bars: stored.bars,
		orphans: records.map((r) => ({
			markId: r.fromMarkId,
			layer: r.ownerId === null ? 'shared' : 'private',
			kind: r.kind as MarkKind,
			page: r.fromPage,
			quote: r.quote,
			note: notes.get(r.fromMarkId) ?? '',
			fromDocumentId: r.fromDocumentId
		}))
	};
}

/** The document card's line: pages changed, and the marks of the shared layer and the reader's own that found no place. */
export interface VersionSummary {
	pagesChanged: number;
	uncarried: number;
}

export function versionSummaries(db: Queryable, userId: string, documentIds: readonly string[]): Map<string, VersionSummary> {
	if (documentIds.length === 0) return new Map();
	const rows = db.select().from(versionCarries).where(inArray(versionCarries.documentId, [...documentIds])).all();
	if (rows.length === 0) return new Map();
	const mine = db
		.select({ documentId: carriedMarks.documentId })
		.from(carriedMarks)
		.where(
			and(
				inArray(
					carriedMarks.documentId,
					rows.map((r) => r.documentId)
				),
				isNull(carriedMarks.page),
				eq(carriedMarks.ownerId, userId)
			)
		)
		.all();
	const privateOrphans = new Map<string, number>();
	for (const r of mine) privateOrphans.set(r.documentId, (privateOrphans.get(r.documentId) ?? 0) + 1);
	return new Map(rows.map((r) => [r.documentId, { pagesChanged: r.pagesChanged, uncarried: r.sharedOrphans + (privateOrphans.get(r.documentId) ?? 0) }]));
}
