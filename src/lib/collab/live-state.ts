import type { StoredMajority } from '../votes/majority';
import type { MotionResult } from '../votes/result';

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

/** Attendance and quorum (key `attendance`), rewritten after every check-in, check-out or correction. */
export interface AttendanceLiveState {
	/** Participants with voting right. */
	memberCount: number;
	/** Voting members checked in. */
	presentVoters: number;
	/** Absent voting members represented by a present proxy holder. */
	represented: number;
	/** presentVoters + represented: what the quorum is measured against. */
	presentCount: number;
	/** Present voters required. */
	quorum: number;
	quorumMet: boolean;
	/** Everyone checked in, observers included. */
	presentParticipants: number;
	/** Epoch milliseconds. */
	at: number;
}

/** The result of a closed motion, as stored: legacy shapes included (src/lib/votes/result.ts). */
export type MotionResultLive = MotionResult;

/**
 * One motion's live count (an entry of the nested Y.Map `votes`, keyed by motion id): "N of M have voted" while it
 * is open, the result the moment it closes. Counts per option are never here while the vote is open, and who has
 * voted never is: the chair reads that from GET /api/v1/motions/:id.
 */
export interface VoteLiveState {
	motionId: string;
	state: 'open' | 'closed';
	ballot: 'open' | 'secret';
	votedCount: number;
	eligibleCount: number;
	result: MotionResultLive | null;
	/** Epoch milliseconds of this count. */
	at: number;
}

/** The motion tablets should show (key `activeMotion`): set when a vote opens, kept after it closes. */
export interface ActiveMotionState {
	id: string;
	agendaItemId: string;
	title: string;
	text: string;
	ballot: 'open' | 'secret';
	/** A legacy alias string in a live room written before migration 0009. */
	majority: StoredMajority | null;
	options: string[];
	maxChoices: number;
	state: 'open' | 'closed';
	/** Epoch milliseconds. */
	openedAt: number;
	closesAt: number | null;
}

/** The list of speakers of one agenda item (an entry of the nested Y.Map `speakers`, keyed by agenda item id). */
export interface SpeakersLiveState {
	agendaItemId: string;
	/** The countdown runs from `startedAt` (epoch ms) for `timeLimitSeconds`, if the chair set one. */
	speaking: { id: string; userId: string; displayName: string; startedAt: number; timeLimitSeconds: number | null } | null;
	/** In the chair's order: the first is next. */
	waiting: { id: string; userId: string; displayName: string; requestedAt: number }[];
	at: number;
}

/** Where the session stands (key `session`), rewritten when the chair starts or ends it or the first check-in starts it. */
export interface SessionLiveState {
	status: 'draft' | 'scheduled' | 'in_progress' | 'closed';
	/** Epoch milliseconds, null until the session began / ended. */
	openedAt: number | null;
	closedAt: number | null;
	at: number;
}

/**
 * A closed result the chair shows again on the hall display (key `shownResult`). It carries the motion's header
 * because `activeMotion` names only the latest vote; the result is the stored one, never recomputed.
 */
export interface ShownResultState {
	motionId: string;
	agendaItemId: string;
	title: string;
	ballot: 'open' | 'secret';
	majority: MotionResultLive['majority'];
	options: string[];
	maxChoices: number;
	result: MotionResultLive;
	/** Epoch milliseconds: the display shows it while it is newer than the latest vote's own count. */
	at: number;
}

export interface LiveState {
	presenter: PresenterState | null;
	currentAgendaItemId: string | null;
	session: SessionLiveState | null;
	shownResult: ShownResultState | null;
	attendance: AttendanceLiveState | null;
	activeMotion: ActiveMotionState | null;
	/** Motion id → live count. Read it again on every change of the document (`doc.on('update')` or `observeDeep`). */
	votes: Record<string, VoteLiveState>;
	/** Agenda item id → its list of speakers. Nested like `votes`. */
	speakers: Record<string, SpeakersLiveState>;
}

/** Keys of the nested Y.Maps inside the state map. */
export const LIVE_VOTES_KEY = 'votes';
export const LIVE_SPEAKERS_KEY = 'speakers';

function readNested<T>(value: unknown): Record<string, T> {
	// A nested Y.Map in the document (toJSON), or a plain object when read from a JSON snapshot.
	if (value && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
		return value.toJSON() as Record<string, T>;
	}
	return (value as Record<string, T> | undefined) ?? {};
}

export function readLiveState(map: { get(key: string): unknown }): LiveState {
	return {
		presenter: (map.get('presenter') as PresenterState | undefined) ?? null,
		currentAgendaItemId: (map.get('currentAgendaItemId') as string | undefined) ?? null,
		session: (map.get('session') as SessionLiveState | undefined) ?? null,
		shownResult: (map.get('shownResult') as ShownResultState | undefined) ?? null,
		attendance: (map.get('attendance') as AttendanceLiveState | undefined) ?? null,
		activeMotion: (map.get('activeMotion') as ActiveMotionState | undefined) ?? null,
		votes: readNested<VoteLiveState>(map.get(LIVE_VOTES_KEY)),
		speakers: readNested<SpeakersLiveState>(map.get(LIVE_SPEAKERS_KEY))
	};
}
