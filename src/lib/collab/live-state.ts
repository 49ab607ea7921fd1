/**
 * The shape of a meeting's live room (`meeting:<id>:live`), written only by the server and read by every tablet.
 * Everything sits in one Y.Map named `state`.
 */
export const LIVE_STATE_MAP = 'state';

export interface PresenterState {
	documentId: string;
	/** 1-based page number. */
	page: number;
	/** The presenter's zoom (scale factor, 1 = 100 %), a hint: each tablet still fits the page to its screen. */
	zoom: number | null;
	by: { id: string; displayName: string };
	/** Epoch milliseconds. */
	at: number;
}

export interface LiveState {
	presenter: PresenterState | null;
	currentAgendaItemId: string | null;
}

export function readLiveState(map: { get(key: string): unknown }): LiveState {
	return {
		presenter: (map.get('presenter') as PresenterState | undefined) ?? null,
		currentAgendaItemId: (map.get('currentAgendaItemId') as string | undefined) ?? null
	};
}
