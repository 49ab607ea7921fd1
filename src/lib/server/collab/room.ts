import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './connection';
import { encodeAwareness, encodeUpdate } from './protocol';
import type { BudgetLimits } from './budget';
import { GroupCommit, type CommitBatch, type CommitParty } from './group-commit';
import type { UpdateStore } from './store';
import { WritePolicy, type WriteOutcome } from './write-policy';
import { log } from '../log';

export interface RoomLimits extends BudgetLimits {
	/** Merge a room's stored rows into one when it has this many. */
	compactAfterRows: number;
}

/**
 * Stored history this many times larger than the document is compacted (when it is also more than a 32nd of the
 * room's limit, 1 MiB by default: below that, compaction would cost more than it frees).
 */
const HISTORY_SLACK = 2;

/** Marks the writes that load a room (from the store, or built afresh): neither stored again nor relayed. */
const LOADING = Symbol('loading');
/** Origin of the server's own writes (the live room). */
export const SERVER_ORIGIN = Symbol('server');

type Origin = Connection | typeof LOADING | typeof SERVER_ORIGIN | unknown;

/** The author column of a stored update: the connection's user, none for the server's own writes. */
export function authorOf(origin: unknown): string | null {
	return origin instanceof Object && 'userId' in origin ? (origin as Connection).userId : null;
}

/**
 * Where a room's document comes from: its stored updates (rooms people write), or built afresh at every load from
 * what the database already holds (the live room, written by the server alone: storing its updates too would be a
 * second commit per count, and a timeline of when counts rose during a secret vote).
 *
 * Stored rooms commit through `commits`, shared by every room of the hub (group-commit.ts); a room given only a
 * store (unit tests) commits in a group of its own.
 */
export type RoomSource = { store: UpdateStore; commits?: GroupCommit } | { build: (doc: Y.Doc) => void };

/** A group commit for a store alone, at the end of each event-loop turn. */
export function storeCommits(store: UpdateStore, windowMs = 0): GroupCommit {
	return new GroupCommit((batches) => store.appendBatches(batches, authorOf), windowMs);
}

/**
 * One loaded Yjs document and the connections to it. Accepted updates are applied at once (so the next message
 * from the same client sees them) but relayed to others only after the transaction that holds them is committed to
 * SQLite (together with every other room's of the same window, group-commit.ts): no client ever sees an edit that
 * a crash could lose. A built room commits nothing and relays per turn.
 */
export class Room implements CommitParty<Origin> {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Set<Connection>();
	/** Applied, not yet committed (nor relayed): two parallel arrays, no object per update. */
	#updates: Uint8Array[] = [];
	#origins: Origin[] = [];
	/** In the group's queue (stored rooms) or waiting for its turn's relay (built rooms). */
	#queued = false;
	#storedRows: number;
	#storedBytes: number;
	/**
	 * The size of the document's state, exact when measured, then grown by each accepted update: an upper bound
	 * (deletions only shrink it), measured again when it says the room is full.
	 */
	#stateBytes: number;
	#stateMeasured = false;
	#failed = false;
	#snapshot: Y.Snapshot | null = null;
	readonly #policy: WritePolicy;
	/** Null for a room built at load: nothing of it is stored. */
	readonly #store: UpdateStore | null;
	readonly #commits: GroupCommit | null;

	constructor(
		readonly name: string,
		source: RoomSource,
		private readonly limits: RoomLimits,
		/** Client awareness is relayed in ordinary rooms; the live room (hundreds of readers) keeps none. */
		readonly relaysAwareness: boolean,
		/** Annotation rooms check authorship and writers' shares (write-policy.ts). */
		annotations = false
	) {
		this.#store = 'store' in source ? source.store : null;
		this.#commits = 'store' in source ? (source.commits ?? storeCommits(source.store)) : null;
		const stored = this.#store?.load(name) ?? { state: null, rows: 0, bytes: 0 };
		if (stored.state) Y.applyUpdate(this.doc, stored.state, LOADING);
		if ('build' in source) this.doc.transact(() => source.build(this.doc), LOADING);
		this.#storedRows = stored.rows;
		this.#storedBytes = stored.bytes;
		this.#stateBytes = stored.bytes;
		this.#policy = new WritePolicy(annotations, limits);
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: Origin) => {
			this.#snapshot = null;
			this.#onUpdate(update, origin);
		});
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: Origin) => {
			const changed = [...added, ...updated, ...removed];
			const conn = origin as Connection | undefined;
			if (conn && this.connections.has(conn)) {
				for (const id of added) conn.awarenessIds.add(id);
				for (const id of removed) conn.awarenessIds.delete(id);
			}
			if (!this.relaysAwareness || changed.length === 0) return;
			const message = encodeAwareness(this.awareness, changed);
			for (const c of this.connections) c.send(message);
		});
	}

	/** Built afresh at every load (the live room): a client holding an earlier load's document must start again. */
	get rebuilt(): boolean {
		return this.#store === null;
	}

	get storedBytes(): number {
		return this.#storedBytes;
	}

	/**
	 * The document's state vector and delete set, kept until its next change: when a room's connections are all
	 * closed at once ("access changed"), every tablet's first message is checked against it (would-change.ts).
	 */
	snapshot(): Y.Snapshot {
		return (this.#snapshot ??= Y.snapshot(this.doc));
	}

	/**
	 * Applies a writer's update if the room's write policy admits it; otherwise drops it whole and says why, or
	 * how long to hold it. Throws if the update cannot be decoded (the connection closes it as malformed).
	 */
	applyClientUpdate(update: Uint8Array, from: Connection): WriteOutcome {
		const verdict = this.#policy.judge(this.doc, update, from.userId, (bytes) => this.#fits(bytes));
		if (typeof verdict !== 'function') return verdict;
		Y.applyUpdate(this.doc, update, from);
		verdict();
		return { applied: true };
	}

	/**
	 * Whether the document has room for `bytes` more. Judged on its current state, not its history: junk that was
	 * deleted does not count, so deleting it gives the room back; when the history has grown far past the state, it
	 * is compacted on the spot so loading the room and syncing a new tablet cost what the room holds.
	 */
	#fits(bytes: number): boolean {
		if (this.#stateBytes + bytes <= this.limits.maxDocumentBytes) return true;
		if (this.#stateMeasured) return false;
		this.flush();
		if (this.#failed) return false;
		const state = Y.encodeStateAsUpdate(this.doc);
		this.#stateBytes = state.byteLength;
		this.#stateMeasured = true;
		if (this.#historyOutgrew(state)) this.#compact(state);
		return this.#stateBytes + bytes <= this.limits.maxDocumentBytes;
	}

	#historyOutgrew(state: Uint8Array): boolean {
		return this.#storedBytes > HISTORY_SLACK * state.byteLength && this.#storedBytes > this.limits.maxDocumentBytes / 32;
	}

	#compact(state: Uint8Array): void {
		if (!this.#store) return;
		try {
			this.#storedBytes = this.#store.compact(this.name, state);
			this.#storedRows = 1;
		} catch (error) {
			log().error({ err: error, room: this.name }, '[collab] compaction failed; rows kept as they are');
		}
	}

	/** The server writes the live room and the minutes' record blocks; relayed (and stored, if the room is) like anyone's. */
	transactAsServer(fn: (doc: Y.Doc) => void): void {
		this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
	}

	#onUpdate(update: Uint8Array, origin: Origin): void {
		if (origin === LOADING) return;
		this.#updates.push(update);
		this.#origins.push(origin);
		this.#storedBytes += update.byteLength;
		this.#stateBytes += update.byteLength;
		this.#stateMeasured = false;
		if (this.#queued || this.#failed) return;
		this.#queued = true;
		if (this.#commits) this.#commits.enqueue(this);
		// A built room stores nothing: what arrives in this turn is relayed at its end.
		else setImmediate(() => this.flush());
	}

	/**
	 * Commits what is pending (every room's, in one transaction), then relays it. Called before answering a sync
	 * step 1, on unload, on a change of access and on shutdown.
	 */
	flush(): void {
		if (this.#commits) this.#commits.commit();
		else if (this.#queued) this.committed(this.takeBatch());
	}

	/** group-commit.ts: everything applied since the last commit, handed over once. */
	takeBatch(): CommitBatch<Origin> {
		const batch = { room: this.name, updates: this.#updates, origins: this.#origins };
		this.#updates = [];
		this.#origins = [];
		this.#queued = false;
		return batch;
	}

	/** group-commit.ts: the batch is on disk; now the others may see it. */
	committed({ updates, origins }: CommitBatch<Origin>): void {
		this.#storedRows += updates.length;
		for (let i = 0; i < updates.length; i++) {
			const message = encodeUpdate(updates[i]!);
			const origin = origins[i];
			for (const c of this.connections) if (c !== origin) c.send(message);
		}
	}

	/**
	 * group-commit.ts: the transaction failed, nothing of the batch is stored. The edits live on in their authors'
	 * documents (and IndexedDB): closing makes every client reconnect and send them again to a freshly loaded room,
	 * once the database accepts writes.
	 */
	notStored(batch: CommitBatch<Origin>, error: unknown): void {
		if (this.#failed) return;
		log().error({ err: error, room: this.name, updates: batch.updates.length }, '[collab] could not persist updates');
		this.#failed = true;
		this.#updates = [];
		this.#origins = [];
		for (const c of [...this.connections]) c.close(1011, 'storage failure');
	}

	join(conn: Connection): void {
		this.connections.add(conn);
	}

	/** Removes a connection and its awareness states; answers whether the room is now empty. */
	leave(conn: Connection): boolean {
		this.connections.delete(conn);
		if (conn.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
		}
		return this.connections.size === 0;
	}

	/** Flushes, compacts when the room has many rows or holds deleted content, and frees memory. */
	unload(): void {
		this.flush();
		if (this.#store && !this.#failed && (this.#storedRows >= this.limits.compactAfterRows || this.#storedBytes > this.limits.maxDocumentBytes / 32)) {
			const state = Y.encodeStateAsUpdate(this.doc);
			if (this.#storedRows >= this.limits.compactAfterRows || this.#historyOutgrew(state)) this.#compact(state);
		}
		this.awareness.destroy();
		this.doc.destroy();
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}
