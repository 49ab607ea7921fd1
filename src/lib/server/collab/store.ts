import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { CommitBatch } from './group-commit';

export interface StoredRoom {
	/** All stored updates merged into one, or null when the room has never been written. */
	state: Uint8Array | null;
	rows: number;
	bytes: number;
}

/**
 * Durable storage of room updates in SQLite (table collab_updates). Prepared statements on the raw connection:
 * this is the hot path of every keystroke and ink stroke.
 */
export class UpdateStore {
	readonly #insert: Database.Statement<[string, Buffer, string | null, string | null, number]>;
	readonly #load: Database.Statement<[string], { id: number; update: Buffer; user_id: string | null; authors: string | null }>;
	readonly #authors: Database.Statement<[string], { id: number; user_id: string | null; authors: string | null }>;
	readonly #deleteUpTo: Database.Statement<[string, number]>;
	readonly #writeBatches: (batches: CommitBatch[], authorOf: (origin: unknown) => string | null) => void;
	readonly #compact: (room: string, state: Uint8Array) => number;
	readonly #dropLive: Database.Statement<[]>;

	constructor(private readonly sqlite: Database.Database) {
		this.#insert = sqlite.prepare('insert into collab_updates (room, "update", user_id, authors, created_at) values (?, ?, ?, ?, ?)');
		this.#load = sqlite.prepare('select id, "update", user_id, authors from collab_updates where room = ? order by id');
		this.#deleteUpTo = sqlite.prepare('delete from collab_updates where room = ? and id <= ?');
		this.#writeBatches = sqlite.transaction((batches: CommitBatch[], authorOf: (origin: unknown) => string | null) => {
			const now = Date.now();
			for (const { room, updates, origins } of batches) {
				for (let i = 0; i < updates.length; i++) {
					const u = updates[i]!;
					// A view on the update's bytes, not a copy: SQLite copies them into the row.
					this.#insert.run(room, Buffer.from(u.buffer, u.byteOffset, u.byteLength), authorOf(origins[i]), null, now);
				}
			}
		});
		// The range keeps it on the room index; `like` alone would scan the table.
		this.#dropLive = sqlite.prepare("delete from collab_updates where room >= 'meeting:' and room < 'meeting;' and room like 'meeting:%:live'");
		this.#authors = sqlite.prepare('select id, user_id, authors from collab_updates where room = ? order by id');
		this.#compact = sqlite.transaction((room: string, state: Uint8Array) => {
			const rows = this.#authors.all(room);
			if (rows.length === 0) return 0;
			const authors = new Set<string>();
			for (const r of rows) {
				if (r.user_id) authors.add(r.user_id);
				if (r.authors) for (const a of JSON.parse(r.authors) as string[]) authors.add(a);
			}
			this.#deleteUpTo.run(room, rows.at(-1)!.id);
			this.#insert.run(room, Buffer.from(state.buffer, state.byteOffset, state.byteLength), null, JSON.stringify([...authors].sort()), Date.now());
			return state.byteLength;
		});
	}

	/**
	 * Writes the batches of any number of rooms in one transaction: one fsync for all of them (group-commit.ts).
	 * Throws, having written nothing, if the write fails.
	 */
	appendBatches(batches: CommitBatch[], authorOf: (origin: unknown) => string | null): void {
		if (batches.length > 0) this.#writeBatches(batches, authorOf);
	}

	/** Deletes whatever is stored of live rooms (built from the database since; see hub.ts). */
	dropLiveRooms(): void {
		this.#dropLive.run();
	}

	load(room: string): StoredRoom {
		const rows = this.#load.all(room);
		if (rows.length === 0) return { state: null, rows: 0, bytes: 0 };
		const updates = rows.map((r) => new Uint8Array(r.update));
		const bytes = updates.reduce((n, u) => n + u.byteLength, 0);
		return { state: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), rows: rows.length, bytes };
	}

	/**
	 * Replaces a room's rows by one row holding `state`, the loaded document encoded whole (call it right after a
	 * flush, so the document holds exactly what is stored). Encoding the document, not merging the rows
	 * (Y.mergeUpdates), is what frees space: the document has already dropped the content of deleted items, the
	 * merged rows would keep every byte ever written. Keeps the list of who wrote what it holds.
	 */
	compact(room: string, state: Uint8Array): number {
		return this.#compact(room, state);
	}
}
