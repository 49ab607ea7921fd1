import * as Y from 'yjs';
import { sortByName } from '$lib/collation';

/**
 * Annotations of one document version, as stored in its Yjs rooms (the shared layer and each user's private
 * layer have the same shape). Geometry is in PDF user-space units of the page (origin bottom-left, 1/72 inch), so
 * a mark sits on the same words at any zoom, on any screen.
 *
 * Marks are immutable JSON values in one Y.Map keyed by id: an edit replaces the value, so two people never
 * half-merge one mark. Replies to a note live in their own Y.Array so concurrent replies both survive.
 */
export const MARK_KINDS = ['highlight', 'ink', 'note', 'rect', 'arrow'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export interface Author {
	id: string;
	displayName: string;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

interface MarkBase {
	id: string;
	page: number;
	color: string;
	author: Author;
	/** Epoch milliseconds. */
	createdAt: number;
	updatedAt: number;
}

export type Mark =
	| (MarkBase & { kind: 'highlight'; rects: Rect[]; text: string })
	| (MarkBase & { kind: 'ink'; points: number[]; pressures: number[] | null; width: number })
	| (MarkBase & { kind: 'note'; x: number; y: number; text: string; resolved: boolean })
	| (MarkBase & { kind: 'rect'; rect: Rect; width: number })
	| (MarkBase & { kind: 'arrow'; from: [number, number]; to: [number, number]; width: number });

export interface Reply {
	id: string;
	author: Author;
	text: string;
	createdAt: number;
}

export type NewMark = Mark extends infer M ? (M extends Mark ? Omit<M, 'id' | 'author' | 'createdAt' | 'updatedAt'> : never) : never;

export const COLORS = ['#f7d94c', '#7bd389', '#6cb4ee', '#f28b82', '#c58af9'] as const;

const marksOf = (doc: Y.Doc) => doc.getMap<Mark>('marks');
const repliesOf = (doc: Y.Doc) => doc.getMap<Y.Array<Reply>>('replies');

function newMarkId(): string {
	return crypto.randomUUID();
}

export class AnnotationError extends Error {}

/** Adds a mark as `author`; returns it. */
export function addMark(doc: Y.Doc, author: Author, mark: NewMark, now = Date.now()): Mark {
	if (!Number.isInteger(mark.page) || mark.page < 1) throw new AnnotationError('page must be a positive integer');
	const full = { ...mark, id: newMarkId(), author, createdAt: now, updatedAt: now } as Mark;
	doc.transact(() => {
		marksOf(doc).set(full.id, full);
		// The thread exists from the note's birth: two tablets replying at once must append to one array, not each
		// create their own (one of which would lose).
		if (full.kind === 'note') repliesOf(doc).set(full.id, new Y.Array<Reply>());
	});
	return full;
}

/** Replaces fields of one's own mark (move, recolour, edit a note's text). */
export function updateMark(doc: Y.Doc, actorId: string, id: string, change: Partial<NewMark>, now = Date.now()): Mark {
	const current = marksOf(doc).get(id);
	if (!current) throw new AnnotationError('no such mark');
	if (current.author.id !== actorId) throw new AnnotationError('only the author changes a mark');
	const next = { ...current, ...change, id, author: current.author, kind: current.kind, createdAt: current.createdAt, updatedAt: now } as Mark;
	marksOf(doc).set(id, next);
	return next;
}

export function deleteMark(doc: Y.Doc, actorId: string, id: string): void {
	const current = marksOf(doc).get(id);
	if (!current) return;
	if (current.author.id !== actorId) throw new AnnotationError('only the author deletes a mark');
	doc.transact(() => {
		marksOf(doc).delete(id);
		repliesOf(doc).delete(id);
	});
}

/** Resolving a note is open to everyone who may write the layer: it is the thread's state, not the note. */
export function setResolved(doc: Y.Doc, id: string, resolved: boolean, now = Date.now()): void {
	const current = marksOf(doc).get(id);
	if (!current || current.kind !== 'note') throw new AnnotationError('no such note');
	marksOf(doc).set(id, { ...current, resolved, updatedAt: now });
}

export function addReply(doc: Y.Doc, noteId: string, author: Author, text: string, now = Date.now()): Reply {
	const note = marksOf(doc).get(noteId);
	if (!note || note.kind !== 'note') throw new AnnotationError('no such note');
	const reply: Reply = { id: newMarkId(), author, text: text.trim(), createdAt: now };
	if (!reply.text) throw new AnnotationError('empty reply');
	doc.transact(() => {
		let thread = repliesOf(doc).get(noteId);
		// A note brought back by undo comes without its thread (replies are not undone): start a new one.
		if (!thread) repliesOf(doc).set(noteId, (thread = new Y.Array<Reply>()));
		thread.push([reply]);
	});
	return reply;
}

export function repliesTo(doc: Y.Doc, noteId: string): Reply[] {
	return repliesOf(doc).get(noteId)?.toArray() ?? [];
}

export interface MarkFilter {
	page?: number;
	/** Only marks by these authors; all when absent. */
	authors?: ReadonlySet<string>;
}

export function listMarks(doc: Y.Doc, filter: MarkFilter = {}): Mark[] {
	const out: Mark[] = [];
	for (const mark of marksOf(doc).values()) {
		if (filter.page !== undefined && mark.page !== filter.page) continue;
		if (filter.authors && !filter.authors.has(mark.author.id)) continue;
		out.push(mark);
	}
	return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function authorsOf(doc: Y.Doc): Author[] {
	const seen = new Map<string, Author>();
	for (const mark of marksOf(doc).values()) seen.set(mark.author.id, mark.author);
	return sortByName([...seen.values()], (a) => a.id);
}

/**
 * Undo and redo of one's own marks only: other people's marks are never undone by me. Replies are messages, not
 * drawing, and are left out: undoing the deletion of a note would otherwise re-insert its thread with colleagues'
 * replies in my name, which the server refuses (annotation-guard.ts).
 */
export function createUndoManager(doc: Y.Doc, localOrigin: unknown): Y.UndoManager {
	return new Y.UndoManager([marksOf(doc)], { trackedOrigins: new Set([localOrigin]), captureTimeout: 400 });
}

export function observeMarks(doc: Y.Doc, onChange: () => void): () => void {
	const marks = marksOf(doc);
	const replies = repliesOf(doc);
	marks.observe(onChange);
	replies.observeDeep(onChange);
	return () => {
		marks.unobserve(onChange);
		replies.unobserveDeep(onChange);
	};
}
