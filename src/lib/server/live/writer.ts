import type Database from 'better-sqlite3';
import { and, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { LIVE_STATE_MAP, LIVE_SPEAKERS_KEY, LIVE_VOTES_KEY, type SpeakersLiveState, type VoteLiveState } from '../../collab/live-state';
import { liveRoom } from '../../collab/room-names';
import { getCollabHub, type CollabHub } from '../collab/hub';
import { getDb, type Db } from '../db/client';
import { motions, type Motion } from '../db/schema';
import { speakersLiveState } from '../meetings/speakers';
import { syncMinutesRecords } from '../minutes/sync';
import { readRoster, type Roster } from '../votes/roster';
import { Coalescer } from './coalescer';
import { nestedMap } from './snapshot';
import { activeMotionState, attendanceLiveState, voteLiveState } from './state';
import { log } from '../log';

const votesMap = (doc: Y.Doc) => nestedMap<VoteLiveState>(doc, LIVE_VOTES_KEY);

const ROSTER_TTL_MS = 2_000;
/** Minutes are read by people, not counted: a quarter second of coalescing costs nothing and saves rewrites. */
const MINUTES_SYNC_MS = 250;

/**
 * At most one count per motion per interval. Each write costs one send per connected tablet (a syscall each), so
 * the interval grows with the room: about 15 sends per millisecond at most, from 25 ms for a small room to 100 ms
 * for 1,500 tablets. Nobody connected: the room is not loaded and nothing is written (it is built from the database
 * when someone connects), so once a second is plenty; open and close are always written at once.
 */
export function liveIntervalMs(connections: number): number {
	if (connections === 0) return 1_000;
	return Math.min(100, Math.max(25, Math.round(connections / 15)));
}

/**
 * Writes attendance and vote counts into `meeting:<id>:live` through the collab hub while the room is loaded (how
 * it is built when it loads: `buildLiveDoc` in snapshot.ts). Ballots arrive hundreds per
 * second; each write is relayed to every tablet in the room, so counts are coalesced per motion: 1,500 ballots in
 * a second become about 30 writes, not 1,500 (each of which would go to 1,500 tablets).
 */
export class LiveWriter {
	readonly #coalescer = new Coalescer();
	/**
	 * Who counts in a meeting, kept between count writes: during a vote only ballots change, and reading 1,500
	 * participants 40 times a second would cost more than the write. Every attendance, proxy or participant change
	 * drops it; the short lifetime covers changes made where no one tells this writer.
	 */
	readonly #rosters = new Map<string, { roster: Roster; at: number }>();

	// Prepared once: a count is written up to 40 times a second per open vote.
	readonly #motionById;
	readonly #voters: Record<Motion['ballot'], Database.Statement<[string], string>>;

	constructor(
		private readonly db: Db,
		private readonly hub: CollabHub
	) {
		this.#motionById = db.select().from(motions).where(eq(motions.id, sql.placeholder('id'))).prepare();
		this.#voters = {
			open: db.$client.prepare<[string], string>('select voter_id from open_ballots where motion_id = ?').pluck(),
			secret: db.$client.prepare<[string], string>('select voter_id from secret_voters where motion_id = ?').pluck()
		};
	}

	#interval(meetingId: string): number {
		return liveIntervalMs(this.hub.rooms.get(liveRoom(meetingId))?.connections.size ?? 0);
	}

	#roster(meetingId: string): Roster {
		const cached = this.#rosters.get(meetingId);
		if (cached && performance.now() - cached.at < ROSTER_TTL_MS) return cached.roster;
		const roster = readRoster(this.db, meetingId);
		this.#rosters.set(meetingId, { roster, at: performance.now() });
		return roster;
	}

	attendanceChanged(meetingId: string): void {
		this.#rosters.delete(meetingId);
		this.#coalescer.schedule(`attendance:${meetingId}`, () => this.#guard(() => this.#writeAttendance(meetingId)), this.#interval(meetingId));
		this.#minutes(meetingId);
	}

	/** The draft minutes carry attendance and results as record blocks: rewritten after the live room, coalesced. */
	#minutes(meetingId: string): void {
		this.#coalescer.schedule(`minutes:${meetingId}`, () => this.#guard(() => syncMinutesRecords(this.db, this.hub, meetingId)), MINUTES_SYNC_MS);
	}

	ballotCast(meetingId: string, motionId: string): void {
		this.#coalescer.schedule(`motion:${motionId}`, () => this.#guard(() => this.#writeMotion(meetingId, motionId, false)), this.#interval(meetingId));
	}

	motionStateChanged(meetingId: string, motionId: string): void {
		const key = `motion:${motionId}`;
		this.#coalescer.schedule(key, () => this.#guard(() => this.#writeMotion(meetingId, motionId, true)), 0, true);
		const motion = this.db.select({ state: motions.state }).from(motions).where(eq(motions.id, motionId)).get();
		if (motion?.state === 'closed') this.#coalescer.forget(key);
		this.#minutes(meetingId);
	}

	speakersChanged(meetingId: string, agendaItemId: string): void {
		this.#guard(() => {
			if (!this.hub.liveLoaded(meetingId)) return;
			const view = speakersLiveState(this.db, meetingId, agendaItemId);
			this.hub.writeLive(meetingId, (doc) => nestedMap<SpeakersLiveState>(doc, LIVE_SPEAKERS_KEY).set(agendaItemId, view));
		});
	}

	/** Writes every pending count now. */
	flush(): void {
		this.#coalescer.flush();
	}

	#writeAttendance(meetingId: string): void {
		if (!this.hub.liveLoaded(meetingId)) return;
		const now = Date.now();
		const summary = attendanceLiveState(this.db, meetingId, now);
		const open = this.db.select().from(motions).where(and(eq(motions.meetingId, meetingId), eq(motions.state, 'open'))).all();
		const roster = this.#roster(meetingId);
		const counts = open.map((m) => voteLiveState(this.db, m, now, roster));
		this.hub.writeLive(meetingId, (doc) => {
			doc.getMap(LIVE_STATE_MAP).set('attendance', summary);
			if (counts.length > 0) {
				const votes = votesMap(doc);
				for (const c of counts) if (c) votes.set(c.motionId, c);
			}
		});
	}

	#writeMotion(meetingId: string, motionId: string, withHeader: boolean): void {
		if (!this.hub.liveLoaded(meetingId)) return;
		const motion = this.#motionById.get({ id: motionId });
		const voted = motion?.state === 'open' ? new Set(this.#voters[motion.ballot].all(motionId)) : undefined;
		const view = motion ? voteLiveState(this.db, motion, Date.now(), this.#roster(meetingId), voted) : null;
		if (!motion || !view) return;
		const header = withHeader ? activeMotionState(motion) : null;
		this.hub.writeLive(meetingId, (doc) => {
			votesMap(doc).set(motionId, view);
			if (header) doc.getMap(LIVE_STATE_MAP).set('activeMotion', header);
		});
	}

	#guard(write: () => void): void {
		try {
			write();
		} catch (error) {
			// The ballot or check-in is committed and answered; a failed live write only delays what tablets show,
			// and the next change rewrites the whole value.
			log().error({ err: error }, '[votes] live room write failed');
		}
	}
}

const KEY = Symbol.for('quorum.vote-live');
type Holder = { [KEY]?: LiveWriter };

/** The process-wide live writer, on the one collab hub (see hub.ts for why it lives on globalThis). */
export function liveWriter(): LiveWriter {
	const holder = globalThis as Holder;
	holder[KEY] ??= new LiveWriter(getDb(), getCollabHub(getDb));
	return holder[KEY];
}
