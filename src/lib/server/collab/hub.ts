import type Database from 'better-sqlite3';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { liveRoom, parseRoomName } from '../../collab/room-names';
import { config } from '../config';
import type { RoomDocs } from '../context';
import { getDb, type Db } from '../db/client';
import { buildLiveDoc } from '../live/snapshot';
import { DEFAULT_BUDGET } from './budget';
import { CLOSE, Connection, type ConnectionLimits } from './connection';
import { encodeAwareness } from './protocol';
import type { GroupCommit } from './group-commit';
import { Room, storeCommits, type RoomLimits } from './room';
import { UpdateStore } from './store';

export interface CollabOptions extends RoomLimits, ConnectionLimits {
	/** Largest accepted frame; bigger ones close the sender (ws maxPayload). */
	maxFrameBytes: number;
	/** Ping every connection this often; one that missed the previous pong is dropped. */
	pingIntervalMs: number;
	/**
	 * A live room its last tablet left stays loaded this long: a tablet back from a moment off the Wi-Fi, or from an
	 * "access changed" close, finds the same document rather than being told to start afresh (`ROOM_REBUILT`).
	 */
	liveLingerMs: number;
	/**
	 * How long updates wait to share one commit with other rooms' (group-commit.ts); 0: until the end of the
	 * event-loop turn they arrived in. docs/benchmarks.md compares the two.
	 */
	commitWindowMs: number;
}

export const DEFAULT_COLLAB_OPTIONS: CollabOptions = {
	...DEFAULT_BUDGET,
	maxFrameBytes: 2 * 1024 * 1024,
	compactAfterRows: 500,
	maxBufferedBytes: 4 * 1024 * 1024,
	awarenessIntervalMs: 100,
	pingIntervalMs: 15_000,
	liveLingerMs: 30_000,
	commitWindowMs: 0
};

/**
 * All loaded rooms of this process. The HTTP side (votes, presenter) and the WebSocket side must share one hub,
 * so it lives on globalThis: under `vite dev` the collab plugin and SvelteKit's routes load separate copies of
 * this module.
 */
export class CollabHub {
	readonly rooms = new Map<string, Room>();
	readonly store: UpdateStore;
	/** One transaction (one fsync) for the updates of every room in the same window. */
	readonly commits: GroupCommit;
	readonly #timer: NodeJS.Timeout;
	/** Live rooms with nobody connected, and the timer that drops each. */
	readonly #lingering = new Map<Room, NodeJS.Timeout>();

	constructor(
		sqlite: Database.Database,
		readonly options: CollabOptions = DEFAULT_COLLAB_OPTIONS,
		/** Fills a meeting's live room when it loads (`live/snapshot.ts` `buildLiveDoc`); empty without one. */
		private readonly buildLive: (meetingId: string, doc: Y.Doc) => void = () => {}
	) {
		this.store = new UpdateStore(sqlite);
		this.commits = storeCommits(this.store, options.commitWindowMs);
		// Live rooms are built from the database, never stored. Rows an earlier version stored go: they held when
		// each count rose during secret votes.
		this.store.dropLiveRooms();
		this.#timer = setInterval(() => this.#heartbeat(), options.pingIntervalMs);
		this.#timer.unref();
	}

	#room(name: string, relaysAwareness: boolean): Room {
		let room = this.rooms.get(name);
		if (room) this.#stopLingering(room);
		else {
			const parsed = parseRoomName(name);
			const source = parsed?.kind === 'live' ? { build: (doc: Y.Doc) => this.buildLive(parsed.meetingId, doc) } : { store: this.store, commits: this.commits };
			room = new Room(name, source, this.options, relaysAwareness, parsed?.kind === 'shared' || parsed?.kind === 'private');
			this.rooms.set(name, room);
		}
		return room;
	}

	/** Hands an accepted socket to its room. `canWrite` was decided before the upgrade. */
	connect(ws: WebSocket, roomName: string, userId: string, canWrite: boolean, relaysAwareness = true): Connection {
		const room = this.#room(roomName, relaysAwareness);
		const conn = new Connection(ws, room, userId, canWrite, this.options, (c) => this.#left(c));
		conn.start();
		return conn;
	}

	#left(conn: Connection): void {
		const room = conn.room;
		if (!room.leave(conn) || this.rooms.get(room.name) !== room) return;
		if (!room.rebuilt) return this.#unload(room);
		const timer = setTimeout(() => {
			this.#lingering.delete(room);
			if (room.connections.size === 0 && this.rooms.get(room.name) === room) this.#unload(room);
		}, this.options.liveLingerMs);
		timer.unref();
		this.#lingering.set(room, timer);
	}

	#stopLingering(room: Room): void {
		clearTimeout(this.#lingering.get(room));
		this.#lingering.delete(room);
	}

	#unload(room: Room): void {
		this.rooms.delete(room.name);
		room.unload();
	}

	/**
	 * Whether a meeting's live room is loaded (someone is in it, or left less than `liveLingerMs` ago). If not, there
	 * is nothing to write: the next load builds it from the database.
	 */
	liveLoaded(meetingId: string): boolean {
		return this.rooms.has(liveRoom(meetingId));
	}

	/**
	 * Writes into a meeting's live room as the server, relayed like any update. A room nobody has open is not
	 * loaded for it: it is built from the database when someone connects.
	 */
	writeLive(meetingId: string, fn: (doc: Y.Doc) => void): void {
		const room = this.rooms.get(liveRoom(meetingId));
		room?.transactAsServer(fn);
	}

	/**
	 * Writes into any room as the server (the live room, the record blocks of the minutes): loaded if nobody is
	 * connected, persisted and relayed like anyone's update, unloaded again if nobody is there.
	 */
	writeAsServer(name: string, fn: (doc: Y.Doc) => void, relaysAwareness = true): void {
		const room = this.#room(name, relaysAwareness);
		room.transactAsServer(fn);
		if (room.connections.size === 0) this.#unload(room);
	}

	/**
	 * Access to a room changed for the people in it (the minutes were submitted, returned or approved; a meeting
	 * was archived): commit what is pending, then close every connection so each client reconnects and is judged
	 * again before its first byte of sync. Read-only is decided at the upgrade, never guessed here.
	 */
	reconsider(name: string): void {
		const room = this.rooms.get(name);
		if (!room) return;
		room.flush();
		for (const conn of [...room.connections]) conn.close(CLOSE.accessChanged, 'access changed');
	}

	/**
	 * What one person may do changed (removed from a meeting, a new role, account deactivated, password reset):
	 * every connection of theirs, in every room, is closed like `reconsider` does, so each reconnects and is judged
	 * again at the upgrade (a removed participant then gets 404 and nothing more). Access is decided when a socket
	 * opens; without this, a socket opened before the change would go on receiving the meeting.
	 */
	reconsiderUser(userId: string): void {
		for (const room of this.rooms.values()) {
			const theirs = [...room.connections].filter((c) => c.userId === userId);
			if (theirs.length === 0) continue;
			room.flush();
			for (const conn of theirs) conn.close(CLOSE.accessChanged, 'access changed');
		}
	}

	/** Reads a stored room's current state (from the store if nobody is connected). */
	snapshot(roomName: string): Uint8Array {
		const loaded = this.rooms.get(roomName);
		if (loaded) {
			loaded.flush();
		}
		return this.store.load(roomName).state ?? new Uint8Array();
	}

	stats(): { rooms: number; connections: number; roomBytes: number } {
		let connections = 0;
		let roomBytes = 0;
		for (const room of this.rooms.values()) {
			connections += room.connections.size;
			roomBytes += room.storedBytes;
		}
		return { rooms: this.rooms.size, connections, roomBytes };
	}

	#heartbeat(): void {
		const quietSince = Date.now() - this.options.pingIntervalMs * 0.8;
		for (const room of this.rooms.values()) {
			for (const conn of room.connections) {
				if (!conn.alive) {
					conn.ws.terminate();
					continue;
				}
				conn.alive = false;
				conn.ws.ping();
				// y-websocket clients reconnect after 30 s without a message, and WebSocket pings are invisible to
				// them: a reader who hears nothing else gets an empty awareness message.
				if (conn.lastSentAt < quietSince) conn.send(encodeAwareness(room.awareness, []));
			}
		}
	}

	/** Shutdown: commit everything, say goodbye to every client, free the rooms. */
	close(): void {
		clearInterval(this.#timer);
		for (const room of [...this.rooms.values()]) {
			room.flush();
			for (const conn of [...room.connections]) conn.close(1001, 'server shutting down');
		}
		for (const room of [...this.#lingering.keys()]) this.#stopLingering(room);
		for (const room of this.rooms.values()) room.unload();
		this.rooms.clear();
	}
}

const KEY = Symbol.for('quorum.collab-hub');
type Holder = { [KEY]?: CollabHub };

export function getCollabHub(db: () => Db, options?: CollabOptions): CollabHub {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const d = db();
		const chosen = options ?? { ...DEFAULT_COLLAB_OPTIONS, commitWindowMs: config().collabCommitWindowMs };
		holder[KEY] = new CollabHub(d.$client, chosen, (meetingId, doc) => buildLiveDoc(d, meetingId, doc));
	}
	return holder[KEY];
}

export function existingCollabHub(): CollabHub | undefined {
	return (globalThis as Holder)[KEY];
}

/** The process's `RoomDocs` (context.ts): the rooms of the one hub, opened on first use. */
export const collabRooms: RoomDocs = {
	snapshot: (room) => getCollabHub(getDb).snapshot(room),
	writeAsServer: (room, fn) => getCollabHub(getDb).writeAsServer(room, fn)
};
