import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '$lib/server/auth/policy';
import type { Db } from '$lib/server/db/client';
import { auditLog, motions, openBallots, secretChoices, secretVoters } from '$lib/server/db/schema';
import { isAppError } from '$lib/server/errors';
import { addAgendaItem } from '$lib/server/meetings/agenda';
import { createMeeting, updateMeeting } from '$lib/server/meetings/service';
import { addParticipant } from '$lib/server/meetings/participants';
import { listAttendance, setAttendance } from '$lib/server/meetings/attendance';
import { castBallot, castBallotNow } from '$lib/server/votes/ballots';
import { closeMotion, createMotion, deleteMotion, openMotion, updateMotion } from '$lib/server/votes/motions';
import { listProxies, setProxy, withdrawProxy } from '$lib/server/votes/proxies';
import { csvCell, motionResultsCsv } from '$lib/server/votes/results-csv';
import { endTurn, giveFloor, listSpeakers, moveSpeaker, requestToSpeak, speakersLiveState, withdrawSpeaker } from '$lib/server/meetings/speakers';
import type { MeetingEvents } from '$lib/server/context';
import { Coalescer } from '$lib/server/live/coalescer';
import { liveIntervalMs } from '$lib/server/live/writer';
import { getMotion, listMotionSummaries } from '$lib/server/votes/views';
import { buildUser, ctxOf, memoryDb } from './factories';

/** Records what the services ask the live room to show. */
function recorder(): MeetingEvents & { calls: string[] } {
	const calls: string[] = [];
	return {
		calls,
		attendanceChanged: (m) => calls.push(`attendance:${m}`),
		ballotCast: (_m, id) => calls.push(`ballot:${id}`),
		motionStateChanged: (_m, id) => calls.push(`state:${id}`),
		speakersChanged: (_m, item) => calls.push(`speakers:${item}`),
		sessionChanged: (m) => calls.push(`session:${m}`),
		userAccessChanged: () => {},
		roomAccessChanged: () => {}
	};
}

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		return isAppError(e) ? e.code : String(e);
	}
	return 'ok';
}

function setup() {
	const db = memoryDb();
	const secretary: Actor = buildUser(db, { role: 'secretary' });
	const chair: Actor = buildUser(db);
	const delegates: Actor[] = Array.from({ length: 5 }, () => buildUser(db));
	const noVote: Actor = buildUser(db);
	const observer: Actor = buildUser(db);
	const outsider: Actor = buildUser(db);
	const staff = ctxOf(secretary);
	const meeting = createMeeting(db, staff, { title: 'Kỳ họp thứ nhất', startsAt: '2026-12-04T01:00:00Z' });
	addParticipant(db, staff, meeting.id, { userId: chair.id, role: 'chair' });
	for (const d of delegates) addParticipant(db, staff, meeting.id, { userId: d.id, role: 'delegate' });
	addParticipant(db, staff, meeting.id, { userId: noVote.id, role: 'delegate', canVote: false });
	addParticipant(db, staff, meeting.id, { userId: observer.id, role: 'observer' });
	const item = addAgendaItem(db, staff, meeting.id, { title: 'Biểu quyết thông qua' }).id;
	const live = recorder();
	const as = (actor: Actor) => ctxOf(actor, live);
	const checkIn = (actor: Actor, status: 'present' | 'absent' = 'present') => setAttendance(db, as(actor), meeting.id, { status });
	const motion = (overrides: Record<string, unknown> = {}) =>
		createMotion(db, as(chair), meeting.id, { agendaItemId: item, title: 'Thông qua Nghị quyết', ballot: 'open', majority: 'simple', ...overrides });
	return { db, secretary, chair, delegates, noVote, observer, outsider, meetingId: meeting.id, item, live, as, checkIn, motion };
}

const auditActions = (db: Db) => db.select().from(auditLog).all().map((a) => a.action);

describe('attendance', () => {
	it('members check themselves in and out; the secretariat marks and corrects anyone; each change is audited once', () => {
		const s = setup();
		const [d1, d2] = s.delegates;
		expect(s.checkIn(d1!).summary).toMatchObject({ memberCount: 6, presentVoters: 1, quorum: 4, quorumMet: false });
		// The same status again changes nothing and writes nothing.
		const before = auditActions(s.db).length;
		expect(s.checkIn(d1!).previous).toBe('present');
		expect(auditActions(s.db).length).toBe(before);
		setAttendance(s.db, s.as(s.secretary), s.meetingId, { status: 'excused', userId: d2!.id });
		setAttendance(s.db, s.as(s.secretary), s.meetingId, { status: 'present', userId: d2!.id });
		s.checkIn(d1!, 'absent');
		const entries = s.db.select().from(auditLog).where(eq(auditLog.subjectId, s.meetingId)).all().filter((a) => a.action.startsWith('attendance.'));
		expect(entries.map((e) => [e.action, e.data?.status, e.data?.previous])).toEqual([
			['attendance.self', 'present', null],
			['attendance.mark', 'excused', null],
			['attendance.mark', 'present', 'excused'],
			['attendance.self', 'absent', 'present']
		]);
		expect(s.live.calls.filter((c) => c.startsWith('attendance:'))).toHaveLength(4);
		const view = listAttendance(s.db, s.observer, s.meetingId);
		expect(view.participants.find((p) => p.userId === d2!.id)?.status).toBe('present');
		expect(view.participants.find((p) => p.userId === d1!.id)?.status).toBe('absent');
		expect(view.summary.presentVoters).toBe(1);
	});

	it('refuses what members may not do, and hides the meeting from outsiders', () => {
		const s = setup();
		const [d1, d2] = s.delegates;
		expect(codeOf(() => setAttendance(s.db, s.as(d1!), s.meetingId, { status: 'present', userId: d2!.id }))).toBe('forbidden');
		expect(codeOf(() => setAttendance(s.db, s.as(d1!), s.meetingId, { status: 'excused' }))).toBe('forbidden');
		expect(codeOf(() => setAttendance(s.db, s.as(s.outsider), s.meetingId, { status: 'present' }))).toBe('not_found');
		expect(codeOf(() => setAttendance(s.db, s.as(s.secretary), s.meetingId, { status: 'present' }))).toBe('forbidden');
		expect(codeOf(() => setAttendance(s.db, s.as(s.secretary), s.meetingId, { status: 'present', userId: s.outsider.id }))).toBe('not_found');
		expect(codeOf(() => setAttendance(s.db, s.as(d1!), s.meetingId, { status: 'here' }))).toBe('validation_failed');
		expect(codeOf(() => listAttendance(s.db, s.outsider, s.meetingId))).toBe('not_found');
	});

	it('quorum: the meeting’s own figure replaces the default', () => {
		const s = setup();
		for (const d of s.delegates.slice(0, 3)) s.checkIn(d);
		expect(listAttendance(s.db, s.chair, s.meetingId).summary).toMatchObject({ presentVoters: 3, quorum: 4, quorumMet: false });
		updateMeeting(s.db, ctxOf(s.secretary), s.meetingId, { quorum: 3 });
		expect(listAttendance(s.db, s.chair, s.meetingId).summary).toMatchObject({ quorum: 3, quorumMet: true });
	});
});

describe('motions: states and who may run them', () => {
	it('draft → open → closed; a closed motion is never reopened or changed', () => {
		const s = setup();
		const m = s.motion();
		expect(m.state).toBe('draft');
		expect(m.options).toEqual(['yes', 'no', 'abstain']);
		expect(updateMotion(s.db, s.as(s.secretary), m.id, { title: 'Thông qua Nghị quyết (sửa)' }).title).toBe('Thông qua Nghị quyết (sửa)');
		expect(codeOf(() => closeMotion(s.db, s.as(s.chair), m.id))).toBe('vote_not_open');
		openMotion(s.db, s.as(s.chair), m.id);
		expect(codeOf(() => openMotion(s.db, s.as(s.chair), m.id))).toBe('motion_not_draft');
		expect(codeOf(() => updateMotion(s.db, s.as(s.chair), m.id, { title: 'x' }))).toBe('motion_not_draft');
		closeMotion(s.db, s.as(s.secretary), m.id);
		expect(codeOf(() => openMotion(s.db, s.as(s.chair), m.id))).toBe('motion_closed');
		expect(codeOf(() => closeMotion(s.db, s.as(s.chair), m.id))).toBe('motion_closed');
		expect(codeOf(() => updateMotion(s.db, s.as(s.chair), m.id, { title: 'x' }))).toBe('motion_closed');
		expect(codeOf(() => deleteMotion(s.db, s.as(s.chair), m.id))).toBe('motion_closed');
		expect(s.live.calls.filter((c) => c === `state:${m.id}`)).toHaveLength(2);
		expect(auditActions(s.db)).toEqual(expect.arrayContaining(['motion.create', 'motion.update', 'motion.open', 'motion.close']));
	});

	it('only the chair and the secretariat create, open and close; drafts are invisible to the others', () => {
		const s = setup();
		const [d1] = s.delegates;
		expect(codeOf(() => createMotion(s.db, s.as(d1!), s.meetingId, { agendaItemId: s.item, title: 'x', ballot: 'open', majority: 'simple' }))).toBe('forbidden');
		expect(codeOf(() => createMotion(s.db, s.as(s.outsider), s.meetingId, { agendaItemId: s.item, title: 'x', ballot: 'open', majority: 'simple' }))).toBe('not_found');
		const m = s.motion();
		expect(codeOf(() => getMotion(s.db, d1!, m.id))).toBe('not_found');
		expect(listMotionSummaries(s.db, d1!, s.meetingId)).toHaveLength(0);
		expect(listMotionSummaries(s.db, s.chair, s.meetingId)).toHaveLength(1);
		expect(codeOf(() => openMotion(s.db, s.as(d1!), m.id))).toBe('not_found');
		openMotion(s.db, s.as(s.chair), m.id);
		expect(codeOf(() => closeMotion(s.db, s.as(d1!), m.id))).toBe('forbidden');
		expect(codeOf(() => getMotion(s.db, s.outsider, m.id))).toBe('not_found');
		expect(getMotion(s.db, d1!, m.id).state).toBe('open');
	});

	it('one open vote per meeting', () => {
		const s = setup();
		const a = s.motion();
		const b = s.motion({ title: 'Thứ hai' });
		openMotion(s.db, s.as(s.chair), a.id);
		expect(codeOf(() => openMotion(s.db, s.as(s.chair), b.id))).toBe('another_motion_open');
		closeMotion(s.db, s.as(s.chair), a.id);
		expect(openMotion(s.db, s.as(s.chair), b.id).state).toBe('open');
	});

	it('validates options, rule and references', () => {
		const s = setup();
		const make = (body: Record<string, unknown>) => codeOf(() => createMotion(s.db, s.as(s.chair), s.meetingId, { agendaItemId: s.item, title: 'x', ballot: 'open', ...body }));
		// A yes/no motion without a rule gets its body's default (this meeting's body is "other": more yes than no).
		expect(make({})).toBe('ok');
		expect(listMotionSummaries(s.db, s.chair, s.meetingId).at(-1)!.majority).toEqual({ threshold: 'more_than_half', of: 'yes_no' });
		expect(make({ majority: { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' }, ballot: 'secret' })).toBe('validation_failed');
		expect(make({ majority: { threshold: 'two_thirds', of: 'members', tieBreak: 'chair' } })).toBe('validation_failed');
		expect(make({ majority: { threshold: 'more_than_half', of: 'everyone' } })).toBe('validation_failed');
		expect(make({ majority: 'simple', options: ['A', 'A'] })).toBe('validation_failed');
		expect(make({ majority: 'simple', maxChoices: 2 })).toBe('validation_failed');
		expect(make({ options: ['A', 'B'], maxChoices: 3 })).toBe('validation_failed');
		expect(make({ majority: 'simple', agendaItemId: 'nope' })).toBe('validation_failed');
		expect(make({ majority: 'quorate' })).toBe('validation_failed');
		expect(make({ options: ['A', 'B', 'C'], maxChoices: 2 })).toBe('ok');
		const custom = listMotionSummaries(s.db, s.chair, s.meetingId).at(-1)!;
		expect(custom).toMatchObject({ majority: null, maxChoices: 2 });
	});
});

describe('ballots', () => {
	it('checks, in order: visible (404), eligible (403), checked in (403), open (409), choice (400), once (409)', () => {
		const s = setup();
		const [d1, d2] = s.delegates;
		const m = s.motion();
		const vote = (actor: Actor, body: Record<string, unknown> = { choice: 'yes' }) => codeOf(() => castBallotNow(s.db, s.as(actor), m.id, body));
		s.checkIn(d1!);
		s.checkIn(s.observer);
		s.checkIn(s.noVote);
		expect(vote(d1!)).toBe('not_found'); // a draft does not exist for a delegate
		expect(vote(s.chair)).toBe('not_checked_in');
		s.checkIn(s.chair);
		expect(vote(s.chair)).toBe('vote_not_open');
		openMotion(s.db, s.as(s.chair), m.id);
		expect(vote(s.outsider)).toBe('not_found');
		expect(codeOf(() => castBallotNow(s.db, s.as(d1!), 'nope', { choice: 'yes' }))).toBe('not_found');
		expect(vote(s.observer)).toBe('not_eligible');
		expect(vote(s.noVote)).toBe('not_eligible');
		expect(vote(s.secretary)).toBe('not_eligible');
		expect(vote(d2!)).toBe('not_checked_in');
		expect(vote(d1!, { choice: 'maybe' })).toBe('validation_failed');
		expect(vote(d1!, { choice: ['yes', 'no'] })).toBe('validation_failed');
		expect(castBallotNow(s.db, s.as(d1!), m.id, { choice: 'yes' })).toMatchObject({ id: d1!.id, voterId: d1!.id, castBy: d1!.id, votedCount: 1 });
		expect(vote(d1!, { choice: 'no' })).toBe('already_voted');
		expect(vote(s.chair, { choice: 'no' })).toBe('ok');
		closeMotion(s.db, s.as(s.chair), m.id);
		s.checkIn(d2!);
		expect(vote(d2!)).toBe('vote_not_open');
		expect(s.live.calls.filter((c) => c === `ballot:${m.id}`)).toHaveLength(2);
		// Open ballots are named: who voted what, with an audit entry each.
		expect(s.db.select().from(openBallots).all().map((b) => [b.voterId, b.choices])).toEqual(
			expect.arrayContaining([
				[d1!.id, ['yes']],
				[s.chair.id, ['no']]
			])
		);
		expect(auditActions(s.db).filter((a) => a === 'ballot.cast')).toHaveLength(2);
	});

	it('the result is stored at close with the rule that decided it; named ballots are shown once closed', () => {
		const s = setup();
		const m = s.motion({ majority: 'two_thirds' });
		const voters = [s.chair, ...s.delegates];
		for (const v of voters) s.checkIn(v);
		openMotion(s.db, s.as(s.chair), m.id);
		const choices = ['yes', 'yes', 'yes', 'yes', 'no', 'abstain'];
		voters.forEach((v, i) => castBallotNow(s.db, s.as(v), m.id, { choice: choices[i] }));
		const running = getMotion(s.db, s.chair, m.id);
		expect(running).toMatchObject({ state: 'open', votedCount: 6, eligibleCount: 6 });
		expect(running.voters).toHaveLength(6);
		expect(running.ballots).toBeUndefined();
		expect(getMotion(s.db, s.delegates[0]!, m.id).voters).toBeUndefined();
		const closed = closeMotion(s.db, s.as(s.chair), m.id);
		expect(closed.result).toEqual({
			counts: { yes: 4, no: 1, abstain: 1 },
			passed: true,
			majorityMet: true,
			quorumMet: true,
			majority: { threshold: 'two_thirds', of: 'yes_no' },
			quorum: 4,
			votedCount: 6,
			eligibleCount: 6,
			presentCount: 6,
			memberCount: 6,
			ranking: null,
			base: { of: 'yes_no', count: 5 },
			bodyType: 'other',
			reason: {
				vi: '4 phiếu tán thành, 1 phiếu không tán thành, đạt hai phần ba số phiếu tán thành và không tán thành',
				en: '4 for, 1 against: at least two thirds of the votes for and against'
			}
		});
		const view = getMotion(s.db, s.delegates[0]!, m.id);
		expect(view.result?.passed).toBe(true);
		expect(view.ballots?.map((b) => b.choices[0]).sort()).toEqual(['abstain', 'no', 'yes', 'yes', 'yes', 'yes']);
	});

	it('secret: who voted and what was chosen are stored apart, and nothing is audited per ballot', () => {
		const s = setup();
		const m = s.motion({ ballot: 'secret' });
		for (const v of [s.chair, ...s.delegates]) s.checkIn(v);
		openMotion(s.db, s.as(s.chair), m.id);
		const before = s.db.select().from(auditLog).all().length;
		for (const [i, v] of [s.chair, ...s.delegates].entries()) castBallotNow(s.db, s.as(v), m.id, { choice: i % 2 ? 'no' : 'yes' });
		expect(s.db.select().from(auditLog).all().length).toBe(before);
		expect(s.db.select().from(secretVoters).all()).toHaveLength(6);
		const choices = s.db.select().from(secretChoices).all();
		expect(choices).toHaveLength(6);
		for (const c of choices) expect(Object.keys(c).sort()).toEqual(['choices', 'id', 'motionId']);
		expect(s.db.select().from(openBallots).all()).toHaveLength(0);
		expect(codeOf(() => castBallotNow(s.db, s.as(s.chair), m.id, { choice: 'no' }))).toBe('already_voted');
		const closed = closeMotion(s.db, s.as(s.chair), m.id);
		expect(closed.result?.counts).toEqual({ yes: 3, no: 3, abstain: 0 });
		expect(closed.result?.passed).toBe(false);
		const view = getMotion(s.db, s.chair, m.id);
		expect(view.ballots).toBeUndefined();
		expect(view.voters).toBeUndefined();
		// The close is audited, with totals only.
		const close = s.db.select().from(auditLog).all().find((a) => a.action === 'motion.close');
		expect(close?.data).toMatchObject({ counts: { yes: 3, no: 3, abstain: 0 }, votedCount: 6 });
	});

	it('an election: several choices, counted per candidate, ranked, no passed', () => {
		const s = setup();
		const m = s.motion({ options: ['An', 'Bình', 'Chi'], maxChoices: 2, ballot: 'secret' });
		const [d1, d2, d3] = s.delegates;
		for (const v of [d1!, d2!, d3!]) s.checkIn(v);
		openMotion(s.db, s.as(s.chair), m.id);
		castBallotNow(s.db, s.as(d1!), m.id, { choice: ['An', 'Bình'] });
		castBallotNow(s.db, s.as(d2!), m.id, { choice: ['Bình'] });
		expect(codeOf(() => castBallotNow(s.db, s.as(d3!), m.id, { choice: ['An', 'Bình', 'Chi'] }))).toBe('validation_failed');
		castBallotNow(s.db, s.as(d3!), m.id, { choice: ['Chi', 'Bình'] });
		const result = closeMotion(s.db, s.as(s.chair), m.id).result!;
		expect(result.counts).toEqual({ An: 1, Bình: 3, Chi: 1 });
		expect(result.passed).toBeNull();
		expect(result.ranking?.map((r) => [r.option, r.rank])).toEqual([
			['Bình', 1],
			['An', 2],
			['Chi', 2]
		]);
		expect(result.quorumMet).toBe(false);
	});

	it('a countdown: ballots after closesAt are refused and the motion closes itself', () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const s = setup();
			const [d1, d2] = s.delegates;
			s.checkIn(d1!);
			s.checkIn(d2!);
			const m = s.motion();
			openMotion(s.db, s.as(s.chair), m.id, { durationSeconds: 60 });
			castBallotNow(s.db, s.as(d1!), m.id, { choice: 'yes' });
			vi.setSystemTime(Date.now() + 61_000);
			expect(codeOf(() => castBallotNow(s.db, s.as(d2!), m.id, { choice: 'yes' }))).toBe('vote_not_open');
			const row = s.db.select().from(motions).where(eq(motions.id, m.id)).get()!;
			expect(row.state).toBe('closed');
			expect(row.closedBy).toBeNull();
			expect(row.result?.votedCount).toBe(1);
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('group commit', () => {
	it('ballots of one moment share a transaction; each is refused or recorded on its own', async () => {
		const s = setup();
		const [d1, d2, d3] = s.delegates;
		for (const v of [d1!, d2!, s.observer]) s.checkIn(v);
		const m = s.motion({ ballot: 'secret' });
		openMotion(s.db, s.as(s.chair), m.id);
		const outcome = (p: Promise<unknown>) =>
			p.then(
				() => 'ok',
				(e: unknown) => (isAppError(e) ? e.code : String(e))
			);
		const sameVoter = Array.from({ length: 20 }, () => outcome(castBallot(s.db, s.as(d1!), m.id, { choice: 'yes' })));
		const others = [d2!, d3!, s.observer].map((v) => outcome(castBallot(s.db, s.as(v), m.id, { choice: 'no' })));
		const results = await Promise.all([...sameVoter, ...others]);
		expect(results.slice(0, 20).filter((r) => r === 'ok')).toHaveLength(1);
		expect(results.slice(0, 20).filter((r) => r === 'already_voted')).toHaveLength(19);
		expect(results.slice(20)).toEqual(['ok', 'not_checked_in', 'not_eligible']);
		expect(s.db.select().from(secretVoters).all()).toHaveLength(2);
		expect(s.db.select().from(secretChoices).all()).toHaveLength(2);
		// Input errors are thrown before anything is queued.
		expect(codeOf(() => castBallot(s.db, s.as(d2!), m.id, { choice: 7 }))).toBe('validation_failed');
	});

	it('the (motion, voter) key refuses a second row even if every check before it were skipped', () => {
		const s = setup();
		const m = s.motion({ ballot: 'secret' });
		s.db.insert(secretVoters).values({ motionId: m.id, voterId: s.chair.id, castBy: s.chair.id }).run();
		expect(() => s.db.insert(secretVoters).values({ motionId: m.id, voterId: s.chair.id, castBy: s.chair.id }).run()).toThrow();
		s.db.insert(openBallots).values({ motionId: m.id, voterId: s.chair.id, choices: ['yes'], castBy: s.chair.id, castAt: new Date() }).run();
		expect(() => s.db.insert(openBallots).values({ motionId: m.id, voterId: s.chair.id, choices: ['no'], castBy: s.chair.id, castAt: new Date() }).run()).toThrow();
	});
});

describe('proxies', () => {
	it('the holder casts the absent member’s ballot as a separate action, within the limit, until withdrawn', () => {
		const s = setup();
		const [d1, d2, d3, d4] = s.delegates;
		const staff = s.as(s.secretary);
		expect(setProxy(s.db, staff, s.meetingId, { principalId: d2!.id, holderId: d1!.id })).toMatchObject({ principalId: d2!.id, holderId: d1!.id });
		expect(codeOf(() => setProxy(s.db, staff, s.meetingId, { principalId: d3!.id, holderId: d1!.id }))).toBe('proxy_limit_reached');
		expect(codeOf(() => setProxy(s.db, staff, s.meetingId, { principalId: d1!.id, holderId: d1!.id }))).toBe('validation_failed');
		expect(codeOf(() => setProxy(s.db, staff, s.meetingId, { principalId: d3!.id, holderId: d2!.id }))).toBe('validation_failed'); // no chains
		expect(codeOf(() => setProxy(s.db, staff, s.meetingId, { principalId: s.observer.id, holderId: d3!.id }))).toBe('validation_failed');
		expect(codeOf(() => setProxy(s.db, s.as(d1!), s.meetingId, { principalId: d3!.id, holderId: d4!.id }))).toBe('forbidden');
		setProxy(s.db, staff, s.meetingId, { principalId: d4!.id, holderId: d3!.id });
		expect(listProxies(s.db, d1!, s.meetingId)).toHaveLength(2);

		s.checkIn(d1!);
		expect(listAttendance(s.db, s.chair, s.meetingId).summary).toMatchObject({ presentVoters: 1, represented: 1, presentCount: 2 });
		const m = s.motion();
		openMotion(s.db, s.as(s.chair), m.id);
		expect(getMotion(s.db, d1!, m.id).me.proxies).toEqual([expect.objectContaining({ principalId: d2!.id, present: false, hasVoted: false })]);
		expect(castBallotNow(s.db, s.as(d1!), m.id, { choice: 'yes' }).voterId).toBe(d1!.id);
		expect(castBallotNow(s.db, s.as(d1!), m.id, { choice: 'no', onBehalfOf: d2!.id })).toMatchObject({ voterId: d2!.id, castBy: d1!.id, votedCount: 2 });
		expect(codeOf(() => castBallotNow(s.db, s.as(d1!), m.id, { choice: 'no', onBehalfOf: d2!.id }))).toBe('already_voted');
		// d3 carries d4 but is not checked in; d1 carries no proxy for d4.
		expect(codeOf(() => castBallotNow(s.db, s.as(d3!), m.id, { choice: 'no', onBehalfOf: d4!.id }))).toBe('not_checked_in');
		expect(codeOf(() => castBallotNow(s.db, s.as(d1!), m.id, { choice: 'no', onBehalfOf: d4!.id }))).toBe('not_eligible');
		// The principal came back: they vote in person, the proxy sleeps.
		s.checkIn(d3!);
		s.checkIn(d4!);
		expect(codeOf(() => castBallotNow(s.db, s.as(d3!), m.id, { choice: 'no', onBehalfOf: d4!.id }))).toBe('not_eligible');
		s.checkIn(d4!, 'absent');
		withdrawProxy(s.db, staff, s.meetingId, d4!.id);
		expect(codeOf(() => castBallotNow(s.db, s.as(d3!), m.id, { choice: 'no', onBehalfOf: d4!.id }))).toBe('not_eligible');
		expect(codeOf(() => withdrawProxy(s.db, staff, s.meetingId, d4!.id))).toBe('not_found');
		const result = closeMotion(s.db, s.as(s.chair), m.id).result!;
		expect(result).toMatchObject({ counts: { yes: 1, no: 1, abstain: 0 }, votedCount: 2, presentCount: 3 });
		expect(s.db.select().from(openBallots).all().find((b) => b.voterId === d2!.id)?.castBy).toBe(d1!.id);
		expect(auditActions(s.db)).toEqual(expect.arrayContaining(['proxy.set', 'proxy.withdraw']));
	});
});

describe('list of speakers', () => {
	it('members ask and withdraw; the chair orders, gives the floor with a time, ends the turn; all audited and live', () => {
		const s = setup();
		const [d1, d2, d3] = s.delegates;
		const ask = (actor: Actor, body: Record<string, unknown> = {}) => requestToSpeak(s.db, s.as(actor), s.meetingId, { agendaItemId: s.item, ...body });
		const a = ask(d1!);
		const b = ask(d2!);
		const c = ask(s.secretary, { userId: d3!.id });
		expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
		expect(codeOf(() => ask(d1!))).toBe('already_on_speakers_list');
		expect(codeOf(() => ask(s.observer))).toBe('forbidden');
		expect(codeOf(() => ask(d1!, { userId: d2!.id }))).toBe('forbidden');
		expect(codeOf(() => ask(s.outsider))).toBe('not_found');
		expect(codeOf(() => ask(d1!, { agendaItemId: 'nope' }))).toBe('validation_failed');

		// The chair puts the third first.
		expect(codeOf(() => moveSpeaker(s.db, s.as(d1!), s.meetingId, c.id, { position: 0 }))).toBe('forbidden');
		expect(moveSpeaker(s.db, s.as(s.chair), s.meetingId, c.id, { position: 0 }).map((x) => x.userId)).toEqual([d3!.id, d1!.id, d2!.id]);
		// d2 withdraws; someone else may not withdraw d1's request.
		expect(codeOf(() => withdrawSpeaker(s.db, s.as(d2!), s.meetingId, a.id))).toBe('forbidden');
		withdrawSpeaker(s.db, s.as(d2!), s.meetingId, b.id);
		expect(codeOf(() => withdrawSpeaker(s.db, s.as(d2!), s.meetingId, b.id))).toBe('conflict');

		expect(codeOf(() => giveFloor(s.db, s.as(d3!), s.meetingId, c.id))).toBe('forbidden');
		expect(giveFloor(s.db, s.as(s.chair), s.meetingId, c.id, { timeLimitSeconds: 120 })).toMatchObject({ state: 'speaking', timeLimitSeconds: 120 });
		let live = speakersLiveState(s.db, s.meetingId, s.item);
		expect(live.speaking).toMatchObject({ userId: d3!.id, timeLimitSeconds: 120 });
		expect(live.waiting.map((w) => w.userId)).toEqual([d1!.id]);
		// Giving the floor to the next ends the current turn.
		giveFloor(s.db, s.as(s.chair), s.meetingId, a.id);
		expect(listSpeakers(s.db, s.observer, s.meetingId, s.item).map((x) => [x.userId, x.state])).toEqual(
			expect.arrayContaining([
				[d3!.id, 'done'],
				[d1!.id, 'speaking'],
				[d2!.id, 'withdrawn']
			])
		);
		expect(codeOf(() => endTurn(s.db, s.as(d2!), s.meetingId, a.id))).toBe('forbidden');
		expect(endTurn(s.db, s.as(d1!), s.meetingId, a.id).state).toBe('done'); // the speaker yields
		live = speakersLiveState(s.db, s.meetingId, s.item);
		expect(live).toMatchObject({ speaking: null, waiting: [] });
		// After a turn one may ask again.
		expect(ask(d1!).position).toBe(0);
		expect(s.live.calls.filter((x) => x === `speakers:${s.item}`).length).toBe(9);
		expect(auditActions(s.db).filter((x) => x.startsWith('speaker.'))).toEqual([
			'speaker.request',
			'speaker.request',
			'speaker.request',
			'speaker.move',
			'speaker.withdraw',
			'speaker.floor',
			'speaker.floor',
			'speaker.end',
			'speaker.request'
		]);
	});
});

describe('results CSV', () => {
	it('BOM, one header row, a row per option, Vietnamese kept, formulas defused', () => {
		const s = setup();
		const m = s.motion({ title: '=Thông qua "Nghị quyết", số 1' });
		s.checkIn(s.chair);
		openMotion(s.db, s.as(s.chair), m.id);
		expect(codeOf(() => motionResultsCsv(s.db, s.chair, m.id))).toBe('motion_not_closed');
		castBallotNow(s.db, s.as(s.chair), m.id, { choice: 'yes' });
		closeMotion(s.db, s.as(s.chair), m.id);
		const { body, filename } = motionResultsCsv(s.db, s.delegates[0]!, m.id);
		expect(filename).toBe(`motion-${m.id}-results.csv`);
		expect(body.startsWith('\uFEFFmotion_id,motion,agenda_item,ballot,majority,option,votes,rank,passed,')).toBe(true);
		const lines = body.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[1]).toContain(`${m.id},"'=Thông qua ""Nghị quyết"", số 1",Biểu quyết thông qua,open,more_than_half/yes_no,yes,1,1,false,true,false,4,1,1,1,6,`);
		// The stored reason, word for word, in both languages, after the base and its number.
		expect(lines[1]).toMatch(/,yes_no,1,,"1 phiếu tán thành, 0 phiếu không tán thành, đạt quá nửa số phiếu tán thành và không tán thành; không đủ túc số: 1 có mặt, cần 4","1 for, 0 against: more than half of the votes for and against; no quorum: 1 present, 4 required"$/);
		expect(csvCell('-1+2')).toBe("'-1+2");
		expect(csvCell(3)).toBe('3');
		expect(csvCell(null)).toBe('');
	});
});

describe('Coalescer', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('writes the first change at once, then at most once per interval, and always the last', () => {
		const c = new Coalescer();
		let writes = 0;
		const run = () => writes++;
		c.schedule('k', run, 25);
		expect(writes).toBe(1);
		for (let i = 0; i < 100; i++) c.schedule('k', run, 25);
		expect(writes).toBe(1);
		vi.advanceTimersByTime(25);
		expect(writes).toBe(2);
		vi.advanceTimersByTime(100);
		expect(writes).toBe(2);
		c.schedule('k', run, 25);
		expect(writes).toBe(3);
		c.schedule('k', run, 25);
		c.schedule('k', run, 25, true);
		expect(writes).toBe(4);
		vi.advanceTimersByTime(100);
		expect(writes).toBe(4);
	});
});

describe('liveIntervalMs', () => {
	it.each([
		[0, 1000],
		[1, 25],
		[200, 25],
		[500, 33],
		[1000, 67],
		[1500, 100],
		[5000, 100]
	])('%i connections → one count every %i ms', (connections, ms) => expect(liveIntervalMs(connections)).toBe(ms));
});

describe('migration 0009: stored aliases become rules, frozen results stay as they were', () => {
	it('maps each alias by state, leaves every result untouched, and the old shapes still read and export', () => {
		const s = setup();
		const draft = s.motion({ title: 'Bản nháp' });
		const open = s.motion({ title: 'Đang mở' });
		const closed = s.motion({ title: 'Đã đóng' });
		const twoThirds = s.motion({ title: 'Hai phần ba' });
		s.checkIn(s.chair);
		openMotion(s.db, s.as(s.chair), closed.id);
		castBallotNow(s.db, s.as(s.chair), closed.id, { choice: 'yes' });
		closeMotion(s.db, s.as(s.chair), closed.id);
		openMotion(s.db, s.as(s.chair), open.id);
		// Put the rows back as a database from before 0009 holds them: alias strings, and a legacy result.
		const legacyResult = { counts: { yes: 1, no: 0, abstain: 0 }, passed: false, quorumMet: false, majorityMet: true, majority: 'absolute', quorum: 4, votedCount: 1, eligibleCount: 1, presentCount: 1, memberCount: 6, ranking: null };
		const raw = s.db.$client;
		raw.prepare("update motions set majority = 'absolute' where id in (?, ?, ?)").run(draft.id, open.id, closed.id);
		raw.prepare("update motions set majority = 'two_thirds' where id = ?").run(twoThirds.id);
		raw.prepare('update motions set result = ? where id = ?').run(JSON.stringify(legacyResult), closed.id);
		const before = (raw.prepare('select result from motions where id = ?').get(closed.id) as { result: string }).result;

		const sql = fs.readFileSync(path.resolve('drizzle/0009_majority_rule.sql'), 'utf8');
		for (const statement of sql.split('--> statement-breakpoint')) raw.exec(statement);

		const rule = (id: string) => s.db.select({ majority: motions.majority }).from(motions).where(eq(motions.id, id)).get()!.majority;
		expect(rule(draft.id)).toEqual({ threshold: 'more_than_half', of: 'members' });
		expect(rule(open.id)).toEqual({ threshold: 'more_than_half', of: 'members' });
		// The closed motion keeps the rule that decided its frozen result: "absolute" counted those present then.
		expect(rule(closed.id)).toEqual({ threshold: 'more_than_half', of: 'present' });
		expect(rule(twoThirds.id)).toEqual({ threshold: 'two_thirds', of: 'yes_no' });
		expect((raw.prepare('select result from motions where id = ?').get(closed.id) as { result: string }).result).toBe(before);

		// Readers take the legacy result as stored.
		expect(getMotion(s.db, s.chair, closed.id).result).toMatchObject({ majority: 'absolute', passed: false });
		const csv = motionResultsCsv(s.db, s.chair, closed.id).body.slice(1).split('\r\n');
		expect(csv[1]).toContain(',open,absolute,yes,1,');
		expect(csv[1]!.endsWith(',,,,,')).toBe(true);
	});
});
