import type * as Y from 'yjs';
import { LIVE_STATE_MAP, readLiveState, type PresenterState } from './live-state';
import { sendOwnAwarenessOnly } from './own-awareness';
import { RoomConnection } from './room-connection.svelte';
import { liveRoom } from './room-names';

/**
 * A meeting's live room as the document viewer reads it: only who presents what. Written by the server alone,
 * so nothing is kept locally (a stale presenter from yesterday's cache would send tablets to the wrong page).
 */
export class MeetingLiveRoom {
	readonly connection: RoomConnection;
	presenter = $state.raw<PresenterState | null>(null);
	readonly #map: Y.Map<unknown>;
	readonly #onChange = (event: Y.YMapEvent<unknown>) => {
		if (event.keysChanged.has('presenter')) this.#read();
	};

	constructor(meetingId: string) {
		this.connection = new RoomConnection(liveRoom(meetingId), { persistLocally: false });
		sendOwnAwarenessOnly(this.connection.provider);
		this.#map = this.connection.doc.getMap(LIVE_STATE_MAP);
		this.#map.observe(this.#onChange);
		this.#read();
	}

	#read(): void {
		const presenter = readLiveState(this.#map).presenter;
		this.presenter = isPresenter(presenter) ? presenter : null;
	}

	destroy(): void {
		this.#map.unobserve(this.#onChange);
		this.connection.destroy();
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
