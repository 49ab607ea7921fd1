import type * as Y from 'yjs';
import { LIVE_STATE_MAP, readLiveState, type PresenterState } from './live-state';
import { sendOwnAwarenessOnly } from './own-awareness';
import type { RoomConnection } from './room-connection.svelte';
import { liveRoom } from './room-names';
import { ServerWrittenRoom } from './server-written-room.svelte';

/**
 * A meeting's live room as the document viewer reads it: only who presents what. Written by the server alone,
 * so nothing is kept locally (a stale presenter from yesterday's cache would send tablets to the wrong page).
 */
export class MeetingLiveRoom {
	readonly #room: ServerWrittenRoom;
	presenter = $state.raw<PresenterState | null>(null);
	readonly #presenterListeners = new Set<(previous: PresenterState | null, next: PresenterState | null) => void>();

	constructor(meetingId: string) {
		this.#room = new ServerWrittenRoom(liveRoom(meetingId), (connection) => {
			sendOwnAwarenessOnly(connection.provider);
			const map = connection.doc.getMap(LIVE_STATE_MAP);
			const onChange = (event: Y.YMapEvent<unknown>) => {
				if (event.keysChanged.has('presenter')) this.#read(map);
			};
			map.observe(onChange);
			// A fresh document is empty: the presenter shown so far stays until the room has synced.
			if (map.has('presenter')) this.#read(map);
			return () => map.unobserve(onChange);
		});
	}

	get connection(): RoomConnection {
		return this.#room.connection;
	}

	#read(map: Y.Map<unknown>): void {
		const presenter = readLiveState(map).presenter;
		const previous = this.presenter;
		this.presenter = isPresenter(presenter) ? presenter : null;
		for (const listener of this.#presenterListeners) listener(previous, this.presenter);
	}

	/**
	 * Called with each presenter the room reports, after the room has synced: unlike reading `presenter`, this
	 * tells a presentation that ended apart from a room not loaded yet (both read as null).
	 */
	onPresenterChange(listener: (previous: PresenterState | null, next: PresenterState | null) => void): () => void {
		this.#presenterListeners.add(listener);
		return () => this.#presenterListeners.delete(listener);
	}

	destroy(): void {
		this.#presenterListeners.clear();
		this.#room.destroy();
	}
}

function isPresenter(value: unknown): value is PresenterState {
	if (!value || typeof value !== 'object') return false;
	const v = value as Record<string, unknown>;
	return typeof v.documentId === 'string' && typeof v.page === 'number' && v.page >= 1 && !!v.by && typeof v.by === 'object';
}

/** `PUT /api/v1/meetings/:id/presenter`: every following tablet goes to this page. Throws on refusal. */
export async function presentPage(meetingId: string, documentId: string, page: number, zoom: number | null): Promise<void> {
	const res = await fetch(`/api/v1/meetings/${meetingId}/presenter`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ documentId, page, zoom })
	});
	if (!res.ok) throw new Error(`present: ${res.status}`);
}

export async function stopPresenting(meetingId: string): Promise<void> {
	const res = await fetch(`/api/v1/meetings/${meetingId}/presenter`, { method: 'DELETE' });
	if (!res.ok) throw new Error(`stop presenting: ${res.status}`);
}
