import { sendOwnAwarenessOnly } from '$lib/collab/own-awareness';
import { RoomConnection, type RoomStatus } from '$lib/collab/room-connection.svelte';
import { minutesRoom } from '$lib/collab/room-names';
import { ACCESS_CHANGED } from '$lib/collab/wire';
import { MINUTES_FRAGMENT } from '../blocks';
import { colorFor, othersIn, type MinutesUser } from './writers';

/**
 * The minutes room `meeting:<id>:minutes` in the browser: the Yjs document the editor binds to, who else has the
 * minutes open (from awareness), and whether the text on screen can be written on yet.
 */
export class MinutesRoom {
	readonly connection: RoomConnection;
	readonly me: MinutesUser;
	others = $state.raw<MinutesUser[]>([]);
	#everSynced = $state(false);
	#hasText = $state(false);
	readonly #onAwareness = () => (this.others = othersIn(this.connection.provider.awareness, this.me.id));
	readonly #onSync = (synced: boolean) => {
		if (synced) this.#everSynced = true;
	};
	readonly #onUpdate = () => (this.#hasText = this.connection.doc.getXmlFragment(MINUTES_FRAGMENT).length > 0);
	readonly #onClose = (event: CloseEvent | null) => {
		if (event?.code === ACCESS_CHANGED) this.onAccessChanged();
	};

	constructor(
		meetingId: string,
		user: { id: string; displayName: string },
		/** Writers keep the room in IndexedDB, so what they type offline reaches the server on reconnect. */
		persistLocally: boolean,
		/** The minutes changed state on the server (someone submitted, returned, approved): re-read it. */
		private readonly onAccessChanged: () => void = () => {}
	) {
		this.me = { id: user.id, name: user.displayName, color: colorFor(user.id) };
		this.connection = new RoomConnection(minutesRoom(meetingId), { persistLocally });
		sendOwnAwarenessOnly(this.connection.provider);
		this.connection.provider.on('sync', this.#onSync);
		this.connection.provider.on('connection-close', this.#onClose);
		this.connection.provider.awareness.on('change', this.#onAwareness);
		this.connection.doc.on('update', this.#onUpdate);
	}

	get status(): RoomStatus {
		return this.connection.status;
	}

	/**
	 * Whether typing is safe: the server's text has arrived at least once (or a local copy of it has). Typing into
	 * an empty document before that would put a stray paragraph next to the template when the two merge.
	 */
	get ready(): boolean {
		return this.#everSynced || (this.connection.localReady && this.#hasText);
	}

	destroy(): void {
		this.connection.provider.off('sync', this.#onSync);
		this.connection.provider.off('connection-close', this.#onClose);
		this.connection.provider.awareness.off('change', this.#onAwareness);
		this.connection.doc.off('update', this.#onUpdate);
		this.connection.destroy();
	}
}
