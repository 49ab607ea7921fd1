import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { ACCESS_CHANGED, ROOM_REBUILT } from '$lib/collab/wire';
import { decodeClientMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeWritesRefused } from './protocol';
import type { Room } from './room';
import type { WriteOutcome, WriteRefusal } from './write-policy';
import { wouldChange } from './would-change';

export interface ConnectionLimits {
	/** A client whose unsent data grows past this is too slow to keep: it is dropped, not buffered for. */
	maxBufferedBytes: number;
	/** Awareness (cursors, presence) is applied at most once per interval per connection; the latest wins. */
	awarenessIntervalMs: number;
}

/**
 * Close codes a client (and a test) can tell apart. y-websocket treats 4400–4499 as final (it stops
 * reconnecting) and everything else, 4500–4599 included, as "try again": a slow tablet and a change of access
 * must come back, a malformed or oversized client must not loop.
 */
export const CLOSE = {
	malformed: 4400,
	slow: 4508,
	/** What this user may do in the room changed (minutes started, submitted, returned, approved): reconnect and be judged again. */
	accessChanged: ACCESS_CHANGED,
	/** The room was built afresh since this client's document was (the live room): drop it and reconnect. */
	roomRebuilt: ROOM_REBUILT
} as const;

/**
 * How many updates of a read-only connection are checked for writing the room lacks before it stops looking: a
 * tablet sends one when it syncs (and one per edit if its page still lets it write); past that, checking costs a
 * pass over the room's delete set per frame for nobody's benefit.
 */
const MAX_QUIET_CHECKS = 8;
const REFUSAL_NOTICE_MS = 2_000;

/** One WebSocket in one room. Read-only connections sync and receive; every update they send is dropped. */
export class Connection {
	readonly awarenessIds = new Set<number>();
	/** Updates dropped because this connection may only read (observers, everyone in the live room). */
	droppedUpdates = 0;
	alive = true;
	lastSentAt = Date.now();
	#pendingAwareness: Uint8Array | null = null;
	#awarenessTimer: NodeJS.Timeout | null = null;
	#lastAwarenessAt = 0;
	#closed = false;
	#toldNotStored = false;
	/** Read-only updates checked and found to change nothing: a tablet sends one when it syncs, more are junk. */
	#quietUpdates = 0;
	#lastRefusalAt = 0;
	#lastRefusal: WriteRefusal = 'not-yours';
	readonly #held: Uint8Array[] = [];
	#heldBytes = 0;
	#heldTimer: NodeJS.Timeout | null = null;

	constructor(
		readonly ws: WebSocket,
		readonly room: Room,
		readonly userId: string,
		readonly canWrite: boolean,
		private readonly limits: ConnectionLimits,
		private readonly onClose: (conn: Connection) => void
	) {}

	start(): void {
		this.ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
		this.ws.on('pong', () => (this.alive = true));
		this.ws.on('close', () => this.#closedByPeer());
		this.ws.on('error', () => this.ws.terminate());
		this.room.join(this);
		// The server opens the sync (step 1); the client answers with what we lack and asks for what it lacks.
		this.send(encodeSyncStep1(this.room.doc));
		const states = [...this.room.awareness.getStates().keys()];
		if (this.room.relaysAwareness && states.length > 0) this.send(encodeAwareness(this.room.awareness, states));
	}

	send(message: Uint8Array): void {
		if (this.ws.readyState !== WebSocket.OPEN) return;
		if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
			// A tablet on bad Wi-Fi must not make the server hold an ever-growing queue for it; it will reconnect
			// and catch up with one sync.
			this.close(CLOSE.slow, 'too slow');
			return;
		}
		this.lastSentAt = Date.now();
		this.ws.send(message, this.#afterSend);
	}

	/** One callback per connection, not a closure per message: the relay calls `send` for every update and socket. */
	readonly #afterSend = (error?: Error | null): void => {
		if (error) this.ws.terminate();
	};

	close(code: number, reason: string): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#cleanup();
		this.ws.close(code, reason);
		// A peer that never answers the close handshake is cut off.
		setTimeout(() => this.ws.terminate(), 5_000).unref();
	}

	#closedByPeer(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#cleanup();
	}

	#cleanup(): void {
		if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
		if (this.#heldTimer) clearTimeout(this.#heldTimer);
		this.onClose(this);
	}

	#onMessage(data: WebSocket.RawData, isBinary: boolean): void {
		if (this.#closed) return;
		try {
			if (!isBinary) throw new Error('text frame');
			const frame = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(new Uint8Array(data));
			const message = decodeClientMessage(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
			switch (message.type) {
				case 'sync-step-1':
					// Checked before anything is sent: handed this load's state, the client would merge it into the old.
					if (this.room.rebuilt && holdsMoreThan(message.stateVector, this.room.doc)) {
						this.close(CLOSE.roomRebuilt, 'room rebuilt');
						return;
					}
					// Commit what is pending first, so the state we hand out is state we could restore after a crash.
					this.room.flush();
					this.send(encodeSyncStep2(this.room.doc, message.stateVector));
					return;
				case 'update':
					if (!this.canWrite) {
						// Not an error: a y-websocket client always answers sync step 1 with its own state.
						this.droppedUpdates++;
						// But if that state holds writing the room lacks (typed offline, or as the minutes were
						// submitted), the writer must hear that it was not stored: once per connection.
						if (!this.#toldNotStored && this.#quietUpdates < MAX_QUIET_CHECKS) {
							if (wouldChange(this.room.snapshot(), message.update)) {
								this.#toldNotStored = true;
								this.send(encodeWritesRefused());
							} else this.#quietUpdates++;
						}
						return;
					}
					this.#held.push(message.update);
					this.#heldBytes += message.update.byteLength;
					if (this.#heldBytes > this.limits.maxBufferedBytes) {
						// Writing much faster than the rate for long: the tablet reconnects and syncs the rest.
						this.close(CLOSE.slow, 'writing too fast');
						return;
					}
					if (!this.#heldTimer) this.#applyHeld();
					return;
				case 'awareness':
					this.#receiveAwareness(message.update);
					return;
				case 'query-awareness':
					if (this.room.relaysAwareness) this.send(encodeAwareness(this.room.awareness, [...this.room.awareness.getStates().keys()]));
					return;
			}
		} catch {
			// Whatever it was, it was not the protocol: this connection goes, the room and everyone else stay.
			this.close(CLOSE.malformed, 'malformed message');
		}
	}

	/**
	 * A writer's updates in the order they came; one over the writer's rate is held with those behind it and tried
	 * again when the allowance allows (write-policy.ts).
	 */
	#applyHeld(): void {
		this.#heldTimer = null;
		while (this.#held.length > 0 && !this.#closed) {
			const update = this.#held[0]!;
			let outcome: WriteOutcome;
			try {
				outcome = this.room.applyClientUpdate(update, this);
			} catch {
				this.close(CLOSE.malformed, 'malformed update');
				return;
			}
			if ('waitMs' in outcome) {
				this.#heldTimer = setTimeout(() => this.#applyHeld(), outcome.waitMs);
				return;
			}
			this.#held.shift();
			this.#heldBytes -= update.byteLength;
			if ('refused' in outcome) this.#tellRefused(outcome.refused);
		}
	}

	/**
	 * A writer whose update was dropped (someone else's marks, over quota) hears why, at most every few seconds:
	 * its tablet keeps the change and warns; a script hammering the room gets no echo storm. An update refused for
	 * building on a refused one repeats the reason of that one.
	 */
	#tellRefused(reason: WriteRefusal | 'gap'): void {
		if (reason !== 'gap') this.#lastRefusal = reason;
		const now = Date.now();
		if (now - this.#lastRefusalAt < REFUSAL_NOTICE_MS) return;
		this.#lastRefusalAt = now;
		this.send(encodeWritesRefused(reason === 'gap' ? this.#lastRefusal : reason));
	}

	#receiveAwareness(update: Uint8Array): void {
		if (!this.room.relaysAwareness) return;
		const own = this.#ownAwarenessOnly(update);
		if (!own) return;
		this.#pendingAwareness = own;
		const wait = this.#lastAwarenessAt + this.limits.awarenessIntervalMs - Date.now();
		if (wait <= 0) this.#applyAwareness();
		else this.#awarenessTimer ??= setTimeout(() => this.#applyAwareness(), wait);
	}

	#applyAwareness(): void {
		this.#awarenessTimer = null;
		const update = this.#pendingAwareness;
		this.#pendingAwareness = null;
		if (!update || this.#closed) return;
		this.#lastAwarenessAt = Date.now();
		awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, this);
	}

	/**
	 * A client speaks for its own awareness ids only, never to clear or fake another tablet's presence. A
	 * y-websocket client re-sends every awareness change it hears, other tablets' included, so entries for ids that
	 * another connection owns are dropped (not an error); what is left is re-encoded. Null when nothing is left.
	 * Throws on anything malformed (the caller closes the connection).
	 */
	#ownAwarenessOnly(update: Uint8Array): Uint8Array | null {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const kept: { clientId: number; clock: number; state: string }[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const state = decoding.readVarString(decoder);
			JSON.parse(state); // must at least be JSON
			if (!this.#ownedByAnother(clientId)) kept.push({ clientId, clock, state });
		}
		if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
		if (kept.length === 0) return null;
		if (kept.length === count) return update;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, kept.length);
		for (const entry of kept) {
			encoding.writeVarUint(encoder, entry.clientId);
			encoding.writeVarUint(encoder, entry.clock);
			encoding.writeVarString(encoder, entry.state);
		}
		return encoding.toUint8Array(encoder);
	}

	#ownedByAnother(clientId: number): boolean {
		if (this.awarenessIds.has(clientId)) return false;
		for (const other of this.room.connections) if (other !== this && other.awarenessIds.has(clientId)) return true;
		return false;
	}
}

/**
 * Whether a client's state vector counts anything the room's document lacks. In a room only the server writes,
 * that can only be an earlier load's document.
 */
function holdsMoreThan(stateVector: Uint8Array, doc: Y.Doc): boolean {
	const ours = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const [client, clock] of Y.decodeStateVector(stateVector)) if (clock > (ours.get(client) ?? 0)) return true;
	return false;
}
