import type * as Y from 'yjs';
import {
	LIVE_STATE_MAP,
	readLiveState,
	type ActiveMotionState,
	type AttendanceLiveState,
	type LiveState,
	type PresenterState,
	type SessionLiveState,
	type ShownResultState,
	type SpeakersLiveState,
	type VoteLiveState
} from '$lib/collab/live-state';
import type { RoomStatus } from '$lib/collab/room-connection.svelte';
import { liveRoom } from '$lib/collab/room-names';
import { ServerWrittenRoom } from '$lib/collab/server-written-room.svelte';

const CLOCK_TOLERANCE_MS = 5_000;

/**
 * The meeting in session as every tablet sees it: attendance and quorum, the vote on screen with its count or
 * result, and the lists of speakers. It starts from the state the page was loaded with (so the screen is complete
 * before any WebSocket) and follows the live room once that has synced. The server alone writes the live room;
 * this class only reads it, so nothing is cached locally (yesterday's open vote must never reappear from a
 * tablet's storage).
 */
export class LiveMeeting {
	#room = $state.raw<ServerWrittenRoom | null>(null);
	attendance = $state.raw<AttendanceLiveState | null>(null);
	activeMotion = $state.raw<ActiveMotionState | null>(null);
	votes = $state.raw<Record<string, VoteLiveState>>({});
	speakers = $state.raw<Record<string, SpeakersLiveState>>({});
	currentAgendaItemId = $state.raw<string | null>(null);
	session = $state.raw<SessionLiveState | null>(null);
	shownResult = $state.raw<ShownResultState | null>(null);
	presenter = $state.raw<PresenterState | null>(null);

	/** Server clock minus this tablet's: countdowns end when the server says, whatever the tablet's clock. */
	readonly #clockOffset: number;

	constructor(
		readonly meetingId: string,
		initial: LiveState,
		serverNow: number = Date.now()
	) {
		// The measure includes the page's way to the tablet (up to a few seconds on a slow network), so a small
		// difference is that, not a wrong clock: only a tablet clearly off is corrected.
		const offset = serverNow - Date.now();
		this.#clockOffset = Math.abs(offset) > CLOCK_TOLERANCE_MS ? offset : 0;
		this.#apply(initial);
	}

	/** The server's time now, as well as this tablet can tell (epoch milliseconds). */
	now(): number {
		return Date.now() + this.#clockOffset;
	}

	get status(): RoomStatus {
		return this.#room?.connection.status ?? 'connecting';
	}

	/** The live count of one motion, if the server has written one. */
	vote(motionId: string | undefined): VoteLiveState | null {
		return motionId ? (this.votes[motionId] ?? null) : null;
	}

	/**
	 * Browser only: joins the live room; the returned function leaves it. `onRefused`: see RoomConnectionOptions
	 * (the hall display, which has no session to ask about).
	 */
	connect(onRefused?: () => void): () => void {
		const room = new ServerWrittenRoom(liveRoom(this.meetingId), (connection) => {
			// A reader has no presence to share. Stock y-websocket also relays other clients' awareness, which our
			// collab server refuses (it closes the socket), so the relay is switched off before the socket opens.
			const provider = connection.provider;
			provider.awareness.off('update', provider._awarenessUpdateHandler);
			const map = connection.doc.getMap(LIVE_STATE_MAP);
			// Until the first full sync the document is empty or partial: reading it then would blank the loaded
			// state. Counts and lists live in nested maps that a shallow observe of `state` misses, so every update
			// re-reads.
			const read = () => {
				if (provider.synced) this.#read(map);
			};
			connection.doc.on('update', read);
			provider.on('sync', read);
			return () => {
				connection.doc.off('update', read);
				provider.off('sync', read);
			};
		}, onRefused);
		this.#room = room;
		return () => {
			room.destroy();
			if (this.#room === room) this.#room = null;
		};
	}

	#read(map: Y.Map<unknown>): void {
		const live = readLiveState(map);
		// A room nobody has checked in to yet has no attendance, and one whose session never moved has no status:
		// the figures the page was loaded with still hold.
		// Once the session has been written, the room's current item is the truth (null included).
		this.#apply({
			...live,
			attendance: live.attendance ?? this.attendance,
			session: live.session ?? this.session,
			currentAgendaItemId: live.session ? live.currentAgendaItemId : (live.currentAgendaItemId ?? this.currentAgendaItemId)
		});
	}

	#apply(live: LiveState): void {
		this.attendance = live.attendance;
		this.activeMotion = live.activeMotion;
		this.votes = live.votes;
		this.speakers = live.speakers;
		this.currentAgendaItemId = live.currentAgendaItemId;
		this.session = live.session;
		this.shownResult = live.shownResult;
		this.presenter = live.presenter;
	}
}
