import * as Y from 'yjs';
import { MARK_KINDS, type Mark } from '../../collab/annotations';

/**
 * Authorship in a shared annotation room, enforced by the server: a connection may add only marks and replies
 * whose author is itself, and may change or delete only its own. Everybody else's tablet enforces the same rules
 * in `src/lib/collab/annotations.ts`, but a tablet is not a trust boundary: a delegate with a console can write
 * any Y.Map entry. So every update is decoded against the room *before* it is applied (Yjs updates say what they
 * insert, with parent and key, and which ids they delete) and refused whole if any part of it breaks a rule.
 *
 * The two exceptions the app itself uses: anyone who may write the layer resolves or reopens a note (the thread's
 * state: the new value must equal the current one but for `resolved` and `updatedAt`), and the author of a note
 * deleting it takes the thread, colleagues' replies included, with it.
 */
/** `addedBytes`: the JSON of the marks and replies the update adds; `deletes`: whether it removes any. */
export type GuardVerdict = { ok: true; addedBytes: number; deletes: boolean } | { ok: false; reason: string; refusal: GuardRefusal };
/**
 * `not-yours`: a rule of authorship or shape; `over-quota`: a mark or reply too large; `gap`: the update builds on
 * an earlier one of the same tablet that the room does not have (refused), so Yjs could never integrate it.
 */
export type GuardRefusal = 'not-yours' | 'over-quota' | 'gap';

const MARKS = 'marks';
const REPLIES = 'replies';
/** A long ink stroke is ~20 KB of JSON; nothing a tablet draws comes near this. */
const MAX_MARK_JSON = 256 * 1024;
const MAX_REPLY_TEXT = 10_000;

type Place =
	| { at: 'mark'; key: string }
	| { at: 'thread'; key: string }
	| { at: 'reply'; noteId: string }
	| { at: 'elsewhere' };

type Struct = Y.Item | Y.GC | Y.Skip;
interface DecodedUpdate {
	structs: Struct[];
	ds: { clients: Map<number, { clock: number; len: number }[]> };
}

class Refusal extends Error {
	constructor(
		message: string,
		readonly refusal: GuardRefusal
	) {
		super(message);
	}
}
const refuse = (reason: string, refusal: GuardRefusal = 'not-yours'): never => {
	throw new Refusal(reason, refusal);
};

export function checkAnnotationUpdate(doc: Y.Doc, update: Uint8Array, userId: string): GuardVerdict {
	try {
		const check = new UpdateCheck(doc, update, userId);
		const addedBytes = check.run();
		return { ok: true, addedBytes, deletes: check.deletes };
	} catch (e) {
		if (e instanceof Refusal) return { ok: false, reason: e.message, refusal: e.refusal };
		// Whatever Yjs could not decode is malformed: the caller closes the connection.
		throw e;
	}
}

class UpdateCheck {
	readonly #store: Y.Doc['store'];
	readonly #marks: Y.Map<Mark>;
	readonly #replies: Y.Map<Y.Array<unknown>>;
	readonly #decoded: DecodedUpdate;
	/** The update's own new items by client, for parents and origins inside the update. */
	readonly #incoming = new Map<number, Y.Item[]>();
	readonly #places = new Map<Y.Item, Place>();
	/** Mark values this update writes, by key: what a deletion of the old value may be replaced by. */
	readonly #newMarks = new Map<string, Mark>();
	/** Whether the update deletes anything the room still shows. */
	deletes = false;

	constructor(
		doc: Y.Doc,
		update: Uint8Array,
		private readonly userId: string
	) {
		this.#store = doc.store;
		this.#marks = doc.getMap<Mark>(MARKS);
		this.#replies = doc.getMap<Y.Array<unknown>>(REPLIES);
		this.#decoded = Y.decodeUpdate(update) as unknown as DecodedUpdate;
	}

	/** Returns the bytes of content the update adds (what counts against the writer's share). */
	run(): number {
		const fresh: Y.Item[] = [];
		let client = -1;
		for (const struct of this.#decoded.structs) {
			// Structs come grouped by tablet, in clock order: the first of each group must follow what the room has.
			if (struct.id.client !== client) {
				client = struct.id.client;
				if (struct.id.clock > Y.getState(this.#store, client)) refuse('builds on an update the room does not have', 'gap');
			}
			if (!(struct instanceof Y.Item)) continue; // GC and Skip carry no content
			// Already in the room (a tablet re-sending on reconnect): Yjs ignores it, so do we.
			if (struct.id.clock + struct.length <= Y.getState(this.#store, struct.id.client)) continue;
			const list = this.#incoming.get(struct.id.client) ?? [];
			list.push(struct);
			this.#incoming.set(struct.id.client, list);
			fresh.push(struct);
		}
		let added = 0;
		for (const item of fresh) added += this.#checkInsert(item);
		this.#checkDeletions();
		return added;
	}

	#checkInsert(item: Y.Item): number {
		const place = this.#placeOf(item);
		const content = item.content;
		if (content instanceof Y.ContentDeleted) {
			if (place.at === 'elsewhere') refuse('content outside the annotation layer');
			return 0;
		}
		switch (place.at) {
			case 'mark': {
				if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return refuse('a mark is one JSON value');
				const mark = content.arr[0] as unknown;
				const size = JSON.stringify(mark ?? null).length;
				if (size > MAX_MARK_JSON) refuse('mark too large', 'over-quota');
				if (!isMarkShaped(mark, place.key)) refuse('not a mark');
				const value = mark as Mark;
				if (value.author.id !== this.userId && !this.#isResolveToggle(place.key, value)) refuse("another person's mark");
				this.#newMarks.set(place.key, value);
				return size;
			}
			case 'thread': {
				if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Array)) return refuse('a thread is a list');
				const note = this.#marks.get(place.key) ?? this.#newMarks.get(place.key) ?? this.#incomingMark(place.key);
				if (!note || note.kind !== 'note') refuse('a thread belongs to a note');
				// A live thread holds colleagues' replies: replacing it would erase them.
				if (this.#replies.has(place.key)) refuse('the note already has a thread');
				return 0;
			}
			case 'reply': {
				if (!(content instanceof Y.ContentAny)) return refuse('a reply is a JSON value');
				let size = 0;
				for (const reply of content.arr as unknown[]) {
					const text = (reply as { text?: unknown } | null)?.text;
					if (typeof text === 'string' && text.length > MAX_REPLY_TEXT) refuse('reply too long', 'over-quota');
					if (!isReplyShaped(reply)) refuse('not a reply');
					if ((reply as { author: { id: string } }).author.id !== this.userId) refuse("another person's reply");
					size += JSON.stringify(reply).length;
				}
				return size;
			}
			case 'elsewhere':
				return refuse('content outside the annotation layer');
		}
	}

	/** A mark value earlier in this update's items for `key` (a note and its thread arrive together). */
	#incomingMark(key: string): Mark | undefined {
		for (const list of this.#incoming.values()) {
			for (const item of list) {
				const place = this.#placeOf(item);
				if (place.at === 'mark' && place.key === key && item.content instanceof Y.ContentAny) return item.content.arr[0] as Mark;
			}
		}
		return undefined;
	}

	/** Resolving or reopening a colleague's note: nothing but `resolved` and `updatedAt` may differ. */
	#isResolveToggle(key: string, next: Mark): boolean {
		const current = this.#marks.get(key);
		if (!current || current.kind !== 'note' || next.kind !== 'note') return false;
		const strip = ({ resolved: _r, updatedAt: _u, ...rest }: Mark & { resolved?: boolean }) => rest;
		return stableJson(strip(current)) === stableJson(strip(next));
	}

	#checkDeletions(): void {
		const deletedThreads = new Set<string>();
		const replyDeletions: { item: Y.Item; noteId: string }[] = [];
		for (const [client, ranges] of this.#decoded.ds.clients) {
			const structs = this.#store.clients.get(client);
			if (!structs) continue; // deleting what the room never held changes nothing
			const known = Y.getState(this.#store, client);
			for (const { clock, len } of ranges) {
				const end = Math.min(clock + len, known);
				if (clock >= end) continue;
				for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
					const item = structs[i];
					if (!(item instanceof Y.Item) || item.deleted) continue;
					this.deletes = true;
					const place = this.#placeOf(item);
					if (place.at === 'mark') this.#checkMarkDeletion(item, place.key);
					else if (place.at === 'thread') {
						const note = this.#marks.get(place.key);
						if (note && note.author.id !== this.userId) refuse("another person's thread");
						deletedThreads.add(place.key);
					} else if (place.at === 'reply') replyDeletions.push({ item, noteId: place.noteId });
				}
			}
		}
		for (const { item, noteId } of replyDeletions) {
			if (deletedThreads.has(noteId)) continue; // going with its note, by the note's author
			if (!(item.content instanceof Y.ContentAny)) continue;
			for (const reply of item.content.arr as { author?: { id?: string } }[]) {
				if (reply?.author?.id !== this.userId) refuse("another person's reply");
			}
		}
	}

	#checkMarkDeletion(item: Y.Item, key: string): void {
		const current = item.content instanceof Y.ContentAny ? (item.content.arr[0] as Mark | undefined) : undefined;
		if (!current || current.author?.id === this.userId) return;
		// Overwriting a colleague's note to resolve it deletes the old value: allowed only with its replacement.
		const replacement = this.#newMarks.get(key);
		if (replacement && replacement.author.id === current.author.id && this.#marks.get(key) === current) return;
		refuse("another person's mark");
	}

	/** Where an item sits: in the marks map, the replies map, a reply thread, or anywhere else. */
	#placeOf(item: Y.Item): Place {
		const known = this.#places.get(item);
		if (known) return known;
		// Guard against cycles in a hostile update: provisionally "elsewhere" while resolving.
		this.#places.set(item, { at: 'elsewhere' });
		const place = this.#resolve(item);
		this.#places.set(item, place);
		return place;
	}

	#resolve(item: Y.Item): Place {
		const parent = item.parent as Y.AbstractType<unknown> | Y.ID | string | null;
		if (typeof parent === 'string') return rootPlace(parent, item.parentSub);
		if (parent instanceof Y.AbstractType) {
			if (parent === this.#marks) return rootPlace(MARKS, item.parentSub);
			if (parent === this.#replies) return rootPlace(REPLIES, item.parentSub);
			return parent._item ? threadChild(this.#placeOf(parent._item), item.parentSub) : { at: 'elsewhere' };
		}
		if (parent !== null) {
			const holder = this.#find(parent);
			return holder ? threadChild(this.#placeOf(holder), item.parentSub) : { at: 'elsewhere' };
		}
		// No parent written: the item sits next to its origin (left) or right origin, under the same parent.
		for (const neighbour of [item.origin, item.rightOrigin]) {
			if (!neighbour) continue;
			const next = this.#find(neighbour);
			if (next) return this.#placeOf(next);
		}
		return { at: 'elsewhere' };
	}

	/** The item holding `id`, in this update or in the room; null if unknown or garbage-collected. */
	#find(id: Y.ID): Y.Item | null {
		for (const item of this.#incoming.get(id.client) ?? []) {
			if (item.id.clock <= id.clock && id.clock < item.id.clock + item.length) return item;
		}
		if (Y.getState(this.#store, id.client) <= id.clock) return null;
		const found = Y.getItem(this.#store, id);
		return found instanceof Y.Item ? found : null;
	}
}

function rootPlace(root: string, key: string | null): Place {
	if (key === null) return { at: 'elsewhere' };
	if (root === MARKS) return { at: 'mark', key };
	if (root === REPLIES) return { at: 'thread', key };
	return { at: 'elsewhere' };
}

function threadChild(holder: Place, key: string | null): Place {
	return holder.at === 'thread' && key === null ? { at: 'reply', noteId: holder.key } : { at: 'elsewhere' };
}

function isAuthor(value: unknown): value is { id: string; displayName: string } {
	const a = value as { id?: unknown; displayName?: unknown } | null;
	return typeof a === 'object' && a !== null && typeof a.id === 'string' && typeof a.displayName === 'string' && a.displayName.length <= 200;
}

function isMarkShaped(value: unknown, key: string): boolean {
	const m = value as Partial<Record<keyof Mark, unknown>> | null;
	return (
		typeof m === 'object' &&
		m !== null &&
		!Array.isArray(m) &&
		m.id === key &&
		(MARK_KINDS as readonly unknown[]).includes(m.kind) &&
		Number.isInteger(m.page) &&
		(m.page as number) >= 1 &&
		isAuthor(m.author)
	);
}

function isReplyShaped(value: unknown): boolean {
	const r = value as { id?: unknown; author?: unknown; text?: unknown } | null;
	return typeof r === 'object' && r !== null && typeof r.id === 'string' && isAuthor(r.author) && typeof r.text === 'string' && r.text.length <= MAX_REPLY_TEXT;
}

/** JSON with sorted keys: two tablets may serialise the same mark with its fields in another order. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * The bytes (as JSON) of the marks and replies each author has in an annotation room now: what the writer's
 * share limit counts. One pass over the room; the room keeps the answer until something is deleted.
 */
export function authorShares(doc: Y.Doc): Map<string, number> {
	const shares = new Map<string, number>();
	const add = (author: unknown, value: unknown) => {
		const id = (author as { id?: unknown } | undefined)?.id;
		if (typeof id === 'string') shares.set(id, (shares.get(id) ?? 0) + JSON.stringify(value).length);
	};
	for (const mark of doc.getMap<Mark>(MARKS).values()) add(mark?.author, mark);
	for (const thread of doc.getMap<unknown>(REPLIES).values()) {
		if (thread instanceof Y.Array) for (const reply of thread.toArray() as { author?: unknown }[]) add(reply?.author, reply);
	}
	return shares;
}
