import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { onWritesRefused } from './refused-writes';
import { ROOM_REBUILT, type WritesRefusedReason } from './wire';
import { probeSession } from './session-ended.svelte';

/** What the UI says about a room: no network, reaching the server, exchanging changes, or up to date. */
export type RoomStatus = 'offline' | 'connecting' | 'syncing' | 'synced';

export interface RoomConnectionOptions {
	/** Keep the room in IndexedDB so it opens and takes edits offline (annotation layers); not for the live room. */
	persistLocally: boolean;
	/**
	 * The server closed the socket because it built the room afresh since this document was synced (the live
	 * room): this connection is finished; the owner opens a new one with an empty document.
	 */
	onRebuilt?: () => void;
	/**
	 * Called instead of asking whether the session ended when sockets keep being refused: a hall display holds no
	 * session, only a display link, and its page asks the server again itself (the link may have been revoked).
	 */
	onRefused?: () => void;
}

const REFUSAL_GRACE_MS = 1_500;

/**
 * One Yjs room in the browser: the document, its WebSocket to /collab/<room> (same origin, session cookie) and,
 * for layers the user edits, an IndexedDB copy that holds offline edits until the server has them.
 */
export class RoomConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly #persistence: IndexeddbPersistence | null;
	status = $state<RoomStatus>('connecting');
	/** True once the local IndexedDB copy is loaded (or at once when there is none). */
	localReady = $state(false);
	/**
	 * The server did not store changes this tablet sent: the room is read-only for this user now, and the tablet's
	 * copy holds writing the room lacks. Cleared only once a later connection has synced and a moment passed
	 * without the server saying it again, so a warning that still holds does not blink at every reconnect. Holds
	 * the server's reason (read-only, a colleague's marks, over quota), null when nothing was refused.
	 */
	writesRefused = $state<WritesRefusedReason | null>(null);
	#connection = 0;
	#refusedOn = -1;
	/** Attempts in a row that ended without a connection: a refused upgrade looks like this. */
	#failures = 0;
	readonly #onOnline = () => {
		// A socket that lived through the outage is often dead without knowing it (its close never arrived), and
		// y-websocket would notice only after 30 s of silence: back online, start a fresh one at once.
		if (this.provider.wsconnected || this.provider.wsconnecting) {
			this.provider.disconnect();
			this.provider.connect();
		}
		this.#update();
	};
	readonly #onOffline = () => this.#update();

	constructor(
		readonly room: string,
		options: RoomConnectionOptions
	) {
		this.#persistence = options.persistLocally ? new IndexeddbPersistence(`quorum:${room}`, this.doc) : null;
		if (this.#persistence) void this.#persistence.whenSynced.then(() => (this.localReady = true));
		else this.localReady = true;
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		this.provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, room, this.doc, {
			maxBackoffTime: 5_000,
			// y-websocket syncs providers of one room across tabs and pages by BroadcastChannel, synchronously within a
			// page. A room only the server writes gains nothing by it, and a copy of an earlier load (another tab that
			// has not reconnected yet) must never flow into a fresh document.
			disableBc: options.onRebuilt !== undefined
		});
		onWritesRefused(this.provider, (reason) => {
			this.writesRefused = reason;
			this.#refusedOn = this.#connection;
		});
		this.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected') {
				this.#connection++;
				this.#failures = 0;
			}
			this.#update();
		});
		this.provider.on('connection-close', (event: CloseEvent | null) => {
			// Called before y-websocket schedules its retry: the owner destroys this connection, which cancels it.
			if (event?.code === ROOM_REBUILT && options.onRebuilt) queueMicrotask(options.onRebuilt);
			else void this.#failed(options.onRefused);
		});
		this.provider.on('sync', (synced: boolean) => {
			this.#update();
			const connection = this.#connection;
			// The server answers the tablet's first sync message after its own: give it a moment to object.
			if (synced && this.writesRefused) setTimeout(() => this.#clearRefusal(connection), REFUSAL_GRACE_MS);
		});
		addEventListener('online', this.#onOnline);
		addEventListener('offline', this.#onOffline);
		this.#update();
	}

	/**
	 * Sockets closed or refused again and again with the network up may mean the session is over (the server
	 * closes a socket whose session ended, and refuses the upgrade with 401 after that): asked once, and if so this
	 * room stops retrying; the layout says why.
	 */
	async #failed(onRefused?: () => void): Promise<void> {
		if (this.provider.wsconnected) return;
		this.#failures++;
		if (this.#failures < 3 || !navigator.onLine) return;
		if (onRefused) onRefused();
		else if (await probeSession()) this.provider.disconnect();
	}

	#clearRefusal(connection: number): void {
		if (this.#connection === connection && this.#refusedOn !== connection && this.provider.synced) this.writesRefused = null;
	}

	#update(): void {
		if (!navigator.onLine) this.status = 'offline';
		else if (!this.provider.wsconnected) this.status = 'connecting';
		else this.status = this.provider.synced ? 'synced' : 'syncing';
	}

	/**
	 * Forgets the changes the server refused (a colleague's marks, over quota): they would be sent again at every
	 * connection and refused again, and every later change of this tablet builds on them. The local copy goes and
	 * the page loads the room afresh from the server.
	 */
	async discardLocalCopy(): Promise<void> {
		this.provider.disconnect();
		await this.#persistence?.clearData();
		location.reload();
	}

	destroy(): void {
		removeEventListener('online', this.#onOnline);
		removeEventListener('offline', this.#onOffline);
		this.provider.destroy();
		void this.#persistence?.destroy();
		this.doc.destroy();
	}
}
