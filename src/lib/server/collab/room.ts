import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './connection';
import { encodeAwareness, encodeUpdate } from './protocol';
import type { PendingUpdate, UpdateStore } from './store';

export interface RoomLimits {
	/** A room whose stored updates exceed this refuses further updates. */
	maxDocumentBytes: number;
	/** Merge a room's stored rows into one when it has this many. */
	compactAfterRows: number;
}

/** Marks writes that must not be persisted again (loading from the store). */
const FROM_STORE = Symbol('from-store');
/** Origin of the server's own writes (the live room). */
export const SERVER_ORIGIN = Symbol('server');

type Origin = Connection | typeof FROM_STORE | typeof SERVER_ORIGIN | unknown;

/**
 * One loaded Yjs document and the connections to it. Accepted updates are applied at once (so the next message
 * from the same client sees them) but relayed to others only after the batch that holds them is committed to
 * SQLite: no client ever sees an edit that a crash could lose.
 */
export class Room {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Set<Connection>();
	#pending: PendingUpdate[] = [];
	#relay: { update: Uint8Array; origin: Origin }[] = [];
	#flushScheduled = false;
	#storedRows: number;
	#storedBytes: number;
	#failed = false;
	#snapshot: Y.Snapshot | null = null;

	constructor(
		readonly name: string,
		private readonly store: UpdateStore,
		private readonly limits: RoomLimits,
		/** Client awareness is relayed in ordinary rooms; the live room (hundreds of readers) keeps none. */
		readonly relaysAwareness: boolean
	) {
		const stored = store.load(name);
		if (stored.state) Y.applyUpdate(this.doc, stored.state, FROM_STORE);
		this.#storedRows = stored.rows;
		this.#storedBytes = stored.bytes;
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

	get storedBytes(): number {
		return this.#storedBytes;
	}

	wouldExceedLimit(update: Uint8Array): boolean {
		return this.#storedBytes + update.byteLength > this.limits.maxDocumentBytes;
	}

	/**
	 * The document's state vector and delete set, kept until its next change: when a room's connections are all
	 * closed at once ("access changed"), every tablet's first message is checked against it (would-change.ts).
	 */
	snapshot(): Y.Snapshot {
		return (this.#snapshot ??= Y.snapshot(this.doc));
	}

	/** Applies an update that passed the connection's checks. Throws if Yjs cannot read it. */
	applyClientUpdate(update: Uint8Array, from: Connection): void {
		Y.applyUpdate(this.doc, update, from);
	}

	/** The server writes the live room; its changes are persisted and relayed like anyone's. */
	transactAsServer(fn: (doc: Y.Doc) => void): void {
		this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
	}

	#onUpdate(update: Uint8Array, origin: Origin): void {
		if (origin === FROM_STORE) return;
		const userId = origin instanceof Object && 'userId' in origin ? (origin as Connection).userId : null;
		this.#pending.push({ room: this.name, update, userId });
		this.#relay.push({ update, origin });
		this.#storedBytes += update.byteLength;
		if (!this.#flushScheduled) {
			this.#flushScheduled = true;
			// Everything that arrives in this turn of the event loop goes into one transaction (one fsync).
			setImmediate(() => this.flush());
		}
	}

	/** Commits pending updates, then relays them. Called before answering a sync step 1, on unload and on shutdown. */
	flush(): void {
		this.#flushScheduled = false;
		if (this.#pending.length === 0 || this.#failed) return;
		const batch = this.#pending;
		const relay = this.#relay;
		this.#pending = [];
		this.#relay = [];
		try {
			this.store.append(batch);
		} catch (error) {
			// The edits live on in their authors' documents (and IndexedDB): closing makes every client reconnect
			// and send them again to a freshly loaded room, once the database accepts writes.
			console.error(`[collab] could not persist ${batch.length} update(s) of ${this.name}`, error);
			this.#failed = true;
			for (const c of [...this.connections]) c.close(1011, 'storage failure');
			return;
		}
		this.#storedRows += batch.length;
		for (const { update, origin } of relay) {
			const message = encodeUpdate(update);
			for (const c of this.connections) if (c !== origin) c.send(message);
		}
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

	/** Flushes, compacts when the room has many rows, and frees memory. */
	unload(): void {
		this.flush();
		if (!this.#failed && this.#storedRows >= this.limits.compactAfterRows) {
			try {
				this.store.compact(this.name);
			} catch (error) {
				console.error(`[collab] compaction of ${this.name} failed; rows kept as they are`, error);
			}
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
