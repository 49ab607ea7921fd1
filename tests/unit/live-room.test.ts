import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LIVE_STATE_MAP, readLiveState } from '$lib/collab/live-state';
import type { Actor } from '$lib/server/auth/policy';
import { setAttendance } from '$lib/server/meetings/attendance';
import { addAgendaItem } from '$lib/server/meetings/agenda';
import { addParticipant } from '$lib/server/meetings/participants';
import { createMeeting } from '$lib/server/meetings/service';
import { requestToSpeak } from '$lib/server/meetings/speakers';
import { buildLiveDoc, liveSnapshot } from '$lib/server/live/snapshot';
import { setPresenting } from '$lib/server/live/presenting';
import { castBallotNow } from '$lib/server/votes/ballots';
import { closeMotion, createMotion, openMotion } from '$lib/server/votes/motions';
import { buildUser, ctxOf, memoryDb } from './factories';

// The live room is built from the database when it loads (src/lib/server/live/snapshot.ts); the document it builds
// must show what the first paint shows, and nothing of an earlier load may survive in a tablet's copy.

let clock = Date.parse('2026-12-04T01:00:00Z');
const tick = () => vi.setSystemTime((clock += 1_000));

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	tick();
});
afterEach(() => vi.useRealTimers());

function meetingInSession() {
	const db = memoryDb();
	const secretary: Actor = buildUser(db, { role: 'secretary' });
	const chair: Actor = buildUser(db);
	const delegates: Actor[] = Array.from({ length: 4 }, () => buildUser(db));
	const staff = ctxOf(secretary);
	const meeting = createMeeting(db, staff, { title: 'Kỳ họp thứ hai', startsAt: '2026-12-04T01:00:00Z' });
	addParticipant(db, staff, meeting.id, { userId: chair.id, role: 'chair' });
	for (const d of delegates) addParticipant(db, staff, meeting.id, { userId: d.id, role: 'delegate' });
	const item = addAgendaItem(db, staff, meeting.id, { title: 'Biểu quyết' }).id;
	for (const p of [chair, ...delegates]) setAttendance(db, ctxOf(p), meeting.id, { status: 'present' });
	const motion = (title: string) => createMotion(db, ctxOf(chair), meeting.id, { agendaItemId: item, title, ballot: 'open', majority: 'simple' }).id;

	const first = motion('Thông qua chương trình');
	openMotion(db, ctxOf(chair), first);
	for (const d of delegates) castBallotNow(db, ctxOf(d), first, { choice: 'yes' });
	tick();
	closeMotion(db, ctxOf(chair), first);
	tick();
	const second = motion('Thông qua Nghị quyết');
	openMotion(db, ctxOf(chair), second);
	castBallotNow(db, ctxOf(delegates[0]!), second, { choice: 'no' });
	motion('Chưa biểu quyết');
	requestToSpeak(db, ctxOf(delegates[1]!), meeting.id, { agendaItemId: item });
	return { db, meetingId: meeting.id, item, first, second };
}

/** The live state without its clock readings (`at`), which say when it was read. */
const withoutTimes = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v) => (key === 'at' ? undefined : v)));

describe('the live room built from the database', () => {
	it('shows attendance, every motion put to the vote, the one last opened or closed, and the lists of speakers', () => {
		const m = meetingInSession();
		const live = liveSnapshot(m.db, m.meetingId);
		expect(live.attendance).toMatchObject({ memberCount: 5, presentVoters: 5, quorumMet: true });
		expect(Object.keys(live.votes).sort()).toEqual([m.first, m.second].sort());
		expect(live.votes[m.first]).toMatchObject({ state: 'closed', votedCount: 4, result: { counts: { yes: 4 } } });
		expect(live.votes[m.second]).toMatchObject({ state: 'open', votedCount: 1, eligibleCount: 5, result: null });
		expect(live.activeMotion).toMatchObject({ id: m.second, state: 'open' });
		expect(live.speakers[m.item]?.waiting).toHaveLength(1);
		expect(live.presenter).toBeNull();
	});

	it('builds a document that reads back as the first paint reads, the presenter included', () => {
		const m = meetingInSession();
		setPresenting(m.meetingId, { currentAgendaItemId: m.item });
		const doc = new Y.Doc();
		buildLiveDoc(m.db, m.meetingId, doc);
		expect(withoutTimes(readLiveState(doc.getMap(LIVE_STATE_MAP)))).toEqual(withoutTimes(liveSnapshot(m.db, m.meetingId)));
		expect(readLiveState(doc.getMap(LIVE_STATE_MAP)).currentAgendaItemId).toBe(m.item);
	});

	it('cannot be merged into a copy of an earlier load: the older writer can win a key (why ROOM_REBUILT exists)', () => {
		const m = meetingInSession();
		const earlier = new Y.Doc();
		earlier.clientID = 2 ** 31;
		earlier.getMap(LIVE_STATE_MAP).set('activeMotion', null);
		const rebuilt = new Y.Doc();
		rebuilt.clientID = 7;
		buildLiveDoc(m.db, m.meetingId, rebuilt);
		// A tablet holding `earlier` that y-websocket simply synced with `rebuilt`:
		Y.applyUpdate(earlier, Y.encodeStateAsUpdate(rebuilt));
		expect(readLiveState(earlier.getMap(LIVE_STATE_MAP)).activeMotion).toBeNull();
		expect(readLiveState(rebuilt.getMap(LIVE_STATE_MAP)).activeMotion?.id).toBe(m.second);
	});
});
