import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { LIVE_SPEAKERS_KEY, LIVE_STATE_MAP, LIVE_VOTES_KEY, type LiveState, type SpeakersLiveState, type VoteLiveState } from '../../collab/live-state';
import type { Queryable } from '../db/client';
import { motions, speakers, type Motion } from '../db/schema';
import { speakersLiveState } from '../meetings/speakers';
import { readRoster } from '../votes/roster';
import { presentingOf } from './presenting';
import { sessionFromDb } from './session';
import { activeMotionState, attendanceLiveState, voteLiveState } from './state';

/**
 * The live room as it stands, read from the database (and who presents what, from memory: `presenting.ts`). The
 * session screen paints this first; the live room is built from it when it loads (`buildLiveDoc`). No access
 * check here: the caller has decided that the actor sees the meeting (everything in the live room is readable by
 * every participant).
 *
 * A new key of the live room goes here (and into `LiveState`), so that a rebuilt room has it too.
 */
export function liveSnapshot(db: Queryable, meetingId: string, now = Date.now()): LiveState {
	const all = db.select().from(motions).where(eq(motions.meetingId, meetingId)).all();
	const put = all.filter((m) => m.state !== 'draft');
	const roster = put.some((m) => m.state === 'open') ? readRoster(db, meetingId) : undefined;
	const votes: Record<string, VoteLiveState> = {};
	for (const motion of put) {
		const view = voteLiveState(db, motion, now, roster);
		if (view) votes[motion.id] = view;
	}
	const itemsWithSpeakers = db.selectDistinct({ id: speakers.agendaItemId }).from(speakers).where(eq(speakers.meetingId, meetingId)).all();
	const lists: Record<string, SpeakersLiveState> = {};
	for (const { id } of itemsWithSpeakers) lists[id] = speakersLiveState(db, meetingId, id, now);
	const shown = lastPutToTheVote(put);
	const pointers = presentingOf(meetingId);
	const session = sessionFromDb(db, meetingId);
	return {
		...pointers,
		// A restart forgets what was presented last, not the item the chair put on the floor.
		currentAgendaItemId: pointers.currentAgendaItemId ?? session?.currentAgendaItemId ?? null,
		session: session?.session ?? null,
		attendance: attendanceLiveState(db, meetingId, now),
		activeMotion: shown ? activeMotionState(shown) : null,
		votes,
		speakers: lists
	};
}

/** The motion tablets show: the one whose vote opened or closed last (it stays on screen after its close). */
function lastPutToTheVote(put: Motion[]): Motion | null {
	const changedAt = (m: Motion) => (m.closedAt ?? m.openedAt)?.getTime() ?? 0;
	return put.reduce<Motion | null>((last, m) => (!last || changedAt(m) >= changedAt(last) ? m : last), null);
}

/** A nested map of the state map (live counts, lists of speakers), created on first use. */
export function nestedMap<T>(doc: Y.Doc, key: string): Y.Map<T> {
	const state = doc.getMap(LIVE_STATE_MAP);
	const existing = state.get(key);
	if (existing instanceof Y.Map) return existing as Y.Map<T>;
	const created = new Y.Map<T>();
	state.set(key, created);
	return created;
}

/**
 * Fills a new document with the meeting's live room as the database has it: how the hub loads `meeting:<id>:live`.
 * The room is never stored; a tablet still holding the document of an earlier load is told to start afresh
 * (`ROOM_REBUILT`, collab/connection.ts), since two loads' documents do not merge into either.
 */
export function buildLiveDoc(db: Queryable, meetingId: string, doc: Y.Doc): void {
	const { votes, speakers: lists, ...flat } = liveSnapshot(db, meetingId);
	const state = doc.getMap(LIVE_STATE_MAP);
	for (const [key, value] of Object.entries(flat)) state.set(key, value);
	const voteMap = nestedMap<VoteLiveState>(doc, LIVE_VOTES_KEY);
	for (const [id, view] of Object.entries(votes)) voteMap.set(id, view);
	const speakerMap = nestedMap<SpeakersLiveState>(doc, LIVE_SPEAKERS_KEY);
	for (const [id, view] of Object.entries(lists)) speakerMap.set(id, view);
}
