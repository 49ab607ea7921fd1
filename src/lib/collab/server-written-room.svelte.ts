import { RoomConnection } from './room-connection.svelte';

/**
 * A room only the server writes (the live room), followed by a tablet. The server builds such a room afresh from
 * the database whenever it loads it, so a tablet that reconnects after a restart holds a document the new one
 * cannot merge with: the server says so (`ROOM_REBUILT`) and this class opens a new connection on an empty
 * document. `bind` attaches the reader to each connection's document and returns what detaches it.
 */
export class ServerWrittenRoom {
	connection = $state.raw<RoomConnection>(null!);
	#unbind: () => void = () => {};
	#destroyed = false;

	constructor(
		readonly room: string,
		private readonly bind: (connection: RoomConnection) => () => void,
		/** See RoomConnectionOptions.onRefused (the hall display, which has no session to ask about). */
		private readonly onRefused?: () => void
	) {
		this.#open();
	}

	#open(): void {
		const connection: RoomConnection = new RoomConnection(this.room, {
			persistLocally: false,
			onRefused: this.onRefused,
			onRebuilt: () => {
				if (this.#destroyed || this.connection !== connection) return;
				this.#close();
				this.#open();
			}
		});
		this.connection = connection;
		this.#unbind = this.bind(connection);
	}

	#close(): void {
		this.#unbind();
		this.connection.destroy();
	}

	destroy(): void {
		this.#destroyed = true;
		this.#close();
	}
}
