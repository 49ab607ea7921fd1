import { SvelteSet } from 'svelte/reactivity';
import type * as Y from 'yjs';
import {
	addMark,
	addReply,
	authorsOf,
	COLORS,
	createUndoManager,
	deleteMark,
	listMarks,
	observeMarks,
	repliesTo,
	setResolved,
	updateMark,
	type Author,
	type Mark,
	type NewMark,
	type Reply
} from './annotations';
import { listMyMarks, type MyMark } from './my-marks';
import { sendOwnAwarenessOnly } from './own-awareness';
import { RoomConnection, type RoomStatus } from './room-connection.svelte';
import { privateAnnotationsRoom, sharedAnnotationsRoom } from './room-names';
import { UndoOrder } from './undo-order';
import type { WritesRefusedReason } from './wire';
import { oncePerFrame } from '$lib/once-per-frame';
import { sortByName } from '$lib/collation';

export type LayerKind = 'shared' | 'private';
export const LAYER_KINDS: readonly LayerKind[] = ['shared', 'private'];

export type Tool = 'select' | 'highlight' | 'ink' | 'note' | 'rect' | 'arrow' | 'eraser';
export const TOOLS: readonly Tool[] = ['select', 'highlight', 'ink', 'note', 'rect', 'arrow', 'eraser'];

/** A mark together with the layer it lives in (ids are unique per layer only). */
export interface MarkRef {
	layer: LayerKind;
	id: string;
}

/**
 * One annotation layer of a document version: its Yjs room (kept in IndexedDB too, so it opens and takes marks
 * offline), its marks by page for the page overlays, and an undo manager that only ever undoes my own edits.
 */
export class AnnotationLayer {
	readonly connection: RoomConnection;
	readonly undoManager: Y.UndoManager;
	/** The transaction origin of my edits: what the undo manager tracks, and nothing else uses. */
	readonly origin: { layer: LayerKind };
	visible = $state(true);
	marks = $state.raw<Mark[]>([]);
	byPage = $state.raw<Map<number, Mark[]>>(new Map());
	authors = $state.raw<Author[]>([]);
	/** Bumped on every change, reply threads included (they are not part of `marks`). */
	revision = $state(0);
	/** A burst of remote updates (a stroke arrives in pieces, a reconnect replays many) is read once per frame. */
	readonly #refreshes = oncePerFrame(() => this.#refresh());
	readonly #stopObserving: () => void;

	constructor(
		readonly kind: LayerKind,
		room: string,
		/** False for an observer's shared layer: the server drops their updates, so the UI offers no tools there. */
		readonly writable: boolean
	) {
		this.origin = { layer: kind };
		this.connection = new RoomConnection(room, { persistLocally: true });
		sendOwnAwarenessOnly(this.connection.provider);
		this.undoManager = createUndoManager(this.connection.doc, this.origin);
		this.#stopObserving = observeMarks(this.connection.doc, () => this.#refreshes.request());
		this.#refresh();
	}

	get doc(): Y.Doc {
		return this.connection.doc;
	}

	#refresh(): void {
		const marks = listMarks(this.doc);
		const byPage = new Map<number, Mark[]>();
		for (const mark of marks) {
			const list = byPage.get(mark.page);
			if (list) list.push(mark);
			else byPage.set(mark.page, [mark]);
		}
		this.marks = marks;
		this.byPage = byPage;
		this.authors = authorsOf(this.doc);
		this.revision++;
	}

	/** My edit: one transaction with my origin, so one undo step. */
	edit<T>(fn: (doc: Y.Doc) => T): T {
		if (!this.writable) throw new Error(`the ${this.kind} layer is read-only here`);
		let result!: T;
		this.doc.transact(() => (result = fn(this.doc)), this.origin);
		// The overlay shows my own mark at once rather than a frame later.
		this.#refresh();
		return result;
	}

	get(id: string): Mark | null {
		return this.doc.getMap<Mark>('marks').get(id) ?? null;
	}

	replies(noteId: string): Reply[] {
		void this.revision;
		return repliesTo(this.doc, noteId);
	}

	destroy(): void {
		this.#refreshes.cancel();
		this.#stopObserving();
		this.undoManager.destroy();
		this.connection.destroy();
	}
}

const STATUS_ORDER: RoomStatus[] = ['offline', 'connecting', 'syncing', 'synced'];

/**
 * Both layers of one document version as the viewer uses them: which tool and colour are in hand, where new marks
 * go, what is shown (layers, authors), what is selected, and undo/redo across the two layers in the order I made
 * my edits.
 */
export class DocumentAnnotations {
	readonly shared: AnnotationLayer;
	readonly private: AnnotationLayer;
	tool = $state<Tool>('select');
	color = $state<string>(COLORS[0]);
	/** Where new marks go; observers have only their private layer. */
	target = $state<LayerKind>('private');
	/** Authors whose marks are hidden (the author filter); empty shows everyone. */
	readonly hiddenAuthors = new SvelteSet<string>();
	selected = $state<MarkRef | null>(null);
	/** The note whose thread panel is open. */
	openNote = $state<MarkRef | null>(null);
	/** The "My notes" panel is open. */
	myNotesOpen = $state(false);
	/** A note being written: placed on the page, stored only once it has words. */
	noteDraft = $state<{ page: number; x: number; y: number } | null>(null);
	/** Set once a stylus has touched the page: from then on a finger scrolls and only the pen draws. */
	penSeen = $state(false);
	canUndo = $state(false);
	canRedo = $state(false);

	readonly #undoOrder: UndoOrder<LayerKind>;

	constructor(
		readonly documentId: string,
		readonly me: Author,
		readonly canAnnotateShared: boolean
	) {
		this.shared = new AnnotationLayer('shared', sharedAnnotationsRoom(documentId), canAnnotateShared);
		this.private = new AnnotationLayer('private', privateAnnotationsRoom(documentId, me.id), true);
		this.target = canAnnotateShared ? 'shared' : 'private';
		this.#undoOrder = new UndoOrder(
			new Map(this.layers.map((layer) => [layer.kind, layer.undoManager])),
			() => {
				this.canUndo = this.#undoOrder.canUndo;
				this.canRedo = this.#undoOrder.canRedo;
			}
		);
	}

	get layers(): readonly AnnotationLayer[] {
		return [this.shared, this.private];
	}

	layer(kind: LayerKind): AnnotationLayer {
		return kind === 'shared' ? this.shared : this.private;
	}

	/** The least settled of the two rooms: offline if either is, up to date only when both are. */
	get status(): RoomStatus {
		const a = STATUS_ORDER.indexOf(this.shared.connection.status);
		const b = STATUS_ORDER.indexOf(this.private.connection.status);
		return STATUS_ORDER[Math.min(a, b)]!;
	}

	/**
	 * The server did not store marks this tablet sent, and why: a layer became read-only for this user, or the
	 * change touched a colleague's marks, or the writer is over its quota (see RoomConnection).
	 */
	get writesRefused(): WritesRefusedReason | null {
		return this.shared.connection.writesRefused ?? this.private.connection.writesRefused;
	}

	/** Drops the refused changes of whichever layer holds them and loads it afresh. */
	async discardRefused(): Promise<void> {
		const refused = [this.shared.connection, this.private.connection].find((c) => c.writesRefused && c.writesRefused !== 'read-only');
		await refused?.discardLocalCopy();
	}

	/** Everyone with a mark in a visible layer, me included, for the author filter. */
	get authors(): Author[] {
		const seen = new Map<string, Author>();
		for (const layer of this.layers) if (layer.visible) for (const a of layer.authors) seen.set(a.id, a);
		return sortByName([...seen.values()], (a) => a.id);
	}

	/** The marks of a page that are shown (layer on, author not filtered out), in drawing order. */
	shownOnPage(layer: AnnotationLayer, page: number): Mark[] {
		if (!layer.visible) return [];
		const marks = layer.byPage.get(page) ?? [];
		return this.hiddenAuthors.size === 0 ? marks : marks.filter((m) => !this.hiddenAuthors.has(m.author.id));
	}

	/** My own marks in both layers, shown or not, in reading order (the "My notes" panel). */
	get myMarks(): MyMark[] {
		return listMyMarks(
			this.layers.map((layer) => ({ kind: layer.kind, marks: layer.marks })),
			this.me.id
		);
	}

	/** Makes one of my marks visible again (its layer on, my marks not filtered out) and selects it. */
	reveal(ref: MarkRef): void {
		this.layer(ref.layer).visible = true;
		this.hiddenAuthors.delete(this.me.id);
		this.selected = ref;
	}

	get targetLayer(): AnnotationLayer {
		return this.layer(this.target);
	}

	/** Adds a mark to the target layer (shown again if it was hidden: a mark drawn into a hidden layer is lost to the eye). */
	add(mark: NewMark): MarkRef {
		const layer = this.targetLayer;
		layer.visible = true;
		this.hiddenAuthors.delete(this.me.id);
		const added = layer.edit((doc) => addMark(doc, this.me, mark));
		return { layer: layer.kind, id: added.id };
	}

	update(ref: MarkRef, change: Partial<NewMark>): void {
		this.layer(ref.layer).edit((doc) => updateMark(doc, this.me.id, ref.id, change));
	}

	remove(ref: MarkRef): void {
		if (this.selected?.id === ref.id) this.selected = null;
		if (this.openNote?.id === ref.id) this.openNote = null;
		this.layer(ref.layer).edit((doc) => deleteMark(doc, this.me.id, ref.id));
	}

	resolve(ref: MarkRef, resolved: boolean): void {
		this.layer(ref.layer).edit((doc) => setResolved(doc, ref.id, resolved));
	}

	reply(ref: MarkRef, text: string): void {
		this.layer(ref.layer).edit((doc) => addReply(doc, ref.id, this.me, text));
	}

	get(ref: MarkRef | null): Mark | null {
		if (!ref) return null;
		void this.layer(ref.layer).revision;
		return this.layer(ref.layer).get(ref.id);
	}

	/** Mine to move and delete: my mark, in a layer I may write. */
	isMine(ref: MarkRef): boolean {
		const mark = this.get(ref);
		return mark !== null && mark.author.id === this.me.id && this.layer(ref.layer).writable;
	}

	/** Whether I may reply to or resolve notes of this layer. */
	canWrite(kind: LayerKind): boolean {
		return this.layer(kind).writable;
	}

	/** Takes back my last edit, in whichever layer I made it. */
	undo(): void {
		this.#undoOrder.undo();
	}

	redo(): void {
		this.#undoOrder.redo();
	}

	destroy(): void {
		this.#undoOrder.destroy();
		for (const layer of this.layers) layer.destroy();
	}
}
