import type * as Y from 'yjs';
import {
	LIVE_STATE_MAP,
	readLiveState,
	type ActiveMotionState,
	type AttendanceLiveState,
	type SpeakersLiveState,
	type VoteLiveState
} from '$lib/collab/live-state';
import { RoomConnection, type RoomStatus } from '$lib/collab/room-connection.svelte';
import { liveRoom } from '$lib/collab/room-names';

/**
 * The meeting in session as every tablet sees it: attendance and quorum, the vote on screen with its count or
 * result, and the lists of speakers. The server alone writes the live room; this class only reads it, so nothing
 * is cached locally (yesterday's open vote must never reappear from a tablet's storage).
 */
export class LiveMeeting {
	readonly #connection: RoomConnection;
	readonly #map: Y.Map<unknown>;
	attendance = $state.raw<AttendanceLiveState | null>(null);
	activeMotion = $state.raw<ActiveMotionState | null>(null);
	votes = $state.raw<Record<string, VoteLiveState>>({});
	speakers = $state.raw<Record<string, SpeakersLiveState>>({});
	currentAgendaItemId = $state.raw<string | null>(null);
	// Counts and lists live in nested maps: a shallow observe of `state` would miss them, so every update re-reads.
	readonly #onUpdate = () => this.#read();

	constructor(meetingId: string) {
		this.#connection = new RoomConnection(liveRoom(meetingId), { persistLocally: false });
		// A reader has no presence to share. Stock y-websocket also relays other clients' awareness, which our
		// collab server refuses (it closes the socket), so the relay is switched off before the socket opens.
		const provider = this.#connection.provider;
		provider.awareness.off('update', provider._awarenessUpdateHandler);
		this.#map = this.#connection.doc.getMap(LIVE_STATE_MAP);
		this.#connection.doc.on('update', this.#onUpdate);
		this.#read();
	}

	get status(): RoomStatus {
		return this.#connection.status;
	}

	/** The live count of one motion, if the server has written one. */
	vote(motionId: string | undefined): VoteLiveState | null {
		return motionId ? (this.votes[motionId] ?? null) : null;
	}

	#read(): void {
		const live = readLiveState(this.#map);
		this.attendance = live.attendance;
		this.activeMotion = live.activeMotion;
		this.votes = live.votes;
		this.speakers = live.speakers;
		this.currentAgendaItemId = live.currentAgendaItemId;
	}

	destroy(): void {
		this.#connection.doc.off('update', this.#onUpdate);
		this.#connection.destroy();
	}
}
