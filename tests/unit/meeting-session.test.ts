import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '$lib/server/auth/policy';
import type { MeetingEvents } from '$lib/server/context';
import { auditLog, displayLinks, MEETING_STATUSES, meetings, type MeetingStatus } from '$lib/server/db/schema';
import { createDisplayLink, findDisplayGrant, listDisplayLinks, revokeDisplayLink, activeDisplayLinkIds } from '$lib/server/display/links';
import { displayTokenHash } from '$lib/server/display/token';
import { isAppError } from '$lib/server/errors';
import { addAgendaItem } from '$lib/server/meetings/agenda';
import { setAttendance } from '$lib/server/meetings/attendance';
import { addParticipant } from '$lib/server/meetings/participants';
import { createMeeting } from '$lib/server/meetings/service';
import { endSession, setCurrentAgendaItem, startSession } from '$lib/server/meetings/session';
import { sessionTransition, type SessionEvent } from '$lib/server/meetings/session-rules';
import { createMotion, openMotion } from '$lib/server/votes/motions';
import { buildUser, ctxOf, memoryDb } from './factories';

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		return isAppError(e) ? e.code : String(e);
	}
	return 'ok';
}

describe('sessionTransition', () => {
	// from → [start, check_in, end]
	const table: Record<MeetingStatus, Record<SessionEvent, string>> = {
		draft: { start: 'in_progress', check_in: 'same', end: 'meeting_not_started' },
		scheduled: { start: 'in_progress', check_in: 'in_progress', end: 'meeting_not_started' },
		in_progress: { start: 'same', check_in: 'same', end: 'closed' },
		closed: { start: 'meeting_closed', check_in: 'same', end: 'same' }
	};
	for (const from of MEETING_STATUSES) {
		for (const event of ['start', 'check_in', 'end'] as const) {
			it(`${from} + ${event} → ${table[from][event]}`, () => {
				const step = sessionTransition(from, event);
				const got = 'to' in step ? step.to : 'same' in step ? 'same' : step.refused;
				expect(got).toBe(table[from][event]);
			});
		}
	}
});

function recorder(): MeetingEvents & { calls: string[] } {
	const calls: string[] = [];
	return {
		calls,
		attendanceChanged: () => {},
		ballotCast: () => {},
		motionStateChanged: () => {},
		speakersChanged: () => {},
		sessionChanged: (m) => calls.push(`session:${m}`),
		userAccessChanged: (ids) => calls.push(...ids.map((id) => `access:${id}`)),
		roomAccessChanged: () => {}
	};
}

function setup(status: MeetingStatus = 'scheduled') {
	const db = memoryDb();
	const secretary: Actor = buildUser(db, { role: 'secretary' });
	const chair: Actor = buildUser(db);
	const delegate: Actor = buildUser(db);
	const outsider: Actor = buildUser(db);
	const live = recorder();
	const as = (actor: Actor) => ctxOf(actor, live);
	const meeting = createMeeting(db, as(secretary), { title: 'Kỳ họp thứ hai', startsAt: '2026-12-04T01:00:00Z', status });
	addParticipant(db, as(secretary), meeting.id, { userId: chair.id, role: 'chair' });
	addParticipant(db, as(secretary), meeting.id, { userId: delegate.id, role: 'delegate' });
	const item = addAgendaItem(db, as(secretary), meeting.id, { title: 'Báo cáo' }).id;
	const statusOf = () => db.select().from(meetings).where(eq(meetings.id, meeting.id)).get()!;
	const actions = () => db.select().from(auditLog).where(eq(auditLog.subjectId, meeting.id)).all().map((a) => a.action);
	return { db, secretary, chair, delegate, outsider, live, as, meetingId: meeting.id, item, statusOf, actions };
}

describe('the session', () => {
	it('the chair sets the current item; delegates may not, strangers learn nothing, other meetings’ items are refused', () => {
		const s = setup();
		expect(setCurrentAgendaItem(s.db, s.as(s.chair), s.meetingId, { agendaItemId: s.item }).currentAgendaItemId).toBe(s.item);
		expect(s.statusOf().currentAgendaItemId).toBe(s.item);
		expect(s.live.calls).toEqual([`session:${s.meetingId}`]);
		expect(s.actions()).toContain('meeting.current_item');
		expect(codeOf(() => setCurrentAgendaItem(s.db, s.as(s.delegate), s.meetingId, { agendaItemId: null }))).toBe('forbidden');
		expect(codeOf(() => setCurrentAgendaItem(s.db, s.as(s.outsider), s.meetingId, { agendaItemId: null }))).toBe('not_found');
		const other = setup();
		expect(codeOf(() => setCurrentAgendaItem(s.db, s.as(s.chair), s.meetingId, { agendaItemId: other.item }))).toBe('validation_failed');
		expect(codeOf(() => setCurrentAgendaItem(s.db, s.as(s.chair), s.meetingId, { agendaItemId: 42 }))).toBe('validation_failed');
		expect(setCurrentAgendaItem(s.db, s.as(s.secretary), s.meetingId, { agendaItemId: null }).currentAgendaItemId).toBeNull();
	});

	it('start, end: status and times move, each audited once; ending with an open vote is refused', () => {
		const s = setup();
		expect(codeOf(() => endSession(s.db, s.as(s.chair), s.meetingId))).toBe('meeting_not_started');
		expect(codeOf(() => startSession(s.db, s.as(s.delegate), s.meetingId))).toBe('forbidden');
		const started = startSession(s.db, s.as(s.chair), s.meetingId);
		expect(started.status).toBe('in_progress');
		expect(started.openedAt).toBeInstanceOf(Date);
		// Starting again changes nothing and tells nobody.
		expect(startSession(s.db, s.as(s.chair), s.meetingId).openedAt).toEqual(started.openedAt);
		expect(s.live.calls).toEqual([`session:${s.meetingId}`]);

		const motion = createMotion(s.db, s.as(s.chair), s.meetingId, { agendaItemId: s.item, title: 'Thông qua', ballot: 'open', majority: 'simple' });
		openMotion(s.db, s.as(s.chair), motion.id);
		expect(codeOf(() => endSession(s.db, s.as(s.chair), s.meetingId))).toBe('vote_still_open');
		expect(s.statusOf().status).toBe('in_progress');
	});

	it('ends a running session, and a closed one cannot start again', () => {
		const s = setup();
		startSession(s.db, s.as(s.secretary), s.meetingId);
		const ended = endSession(s.db, s.as(s.chair), s.meetingId);
		expect(ended.status).toBe('closed');
		expect(ended.closedAt).toBeInstanceOf(Date);
		expect(codeOf(() => startSession(s.db, s.as(s.chair), s.meetingId))).toBe('meeting_closed');
		expect(s.actions().filter((a) => a === 'meeting.start' || a === 'meeting.end')).toEqual(['meeting.start', 'meeting.end']);
	});

	it('the first check-in starts an announced meeting, not a draft', () => {
		const s = setup();
		setAttendance(s.db, s.as(s.delegate), s.meetingId, { status: 'present' });
		expect(s.statusOf().status).toBe('in_progress');
		expect(s.statusOf().openedAt).toBeInstanceOf(Date);
		expect(s.live.calls).toEqual([`session:${s.meetingId}`]);
		setAttendance(s.db, s.as(s.chair), s.meetingId, { status: 'present' });
		expect(s.live.calls).toHaveLength(1);

		const draft = setup('draft');
		setAttendance(draft.db, draft.as(draft.delegate), draft.meetingId, { status: 'present' });
		expect(draft.statusOf().status).toBe('draft');
	});
});

describe('display links', () => {
	it('the secretariat creates one (token shown once, only its hash kept) and revokes it; the chair may not', () => {
		const s = setup();
		const link = createDisplayLink(s.db, s.as(s.secretary), s.meetingId, { label: 'Máy chiếu' });
		expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const stored = s.db.select().from(displayLinks).all();
		expect(stored[0]!.tokenHash).toBe(displayTokenHash(link.token));
		expect(JSON.stringify(stored)).not.toContain(link.token);
		expect(JSON.stringify(listDisplayLinks(s.db, s.secretary, s.meetingId))).not.toContain(link.token);
		expect(findDisplayGrant(s.db, link.token)).toEqual({ state: 'valid', linkId: link.id, meetingId: s.meetingId });
		expect(findDisplayGrant(s.db, 'x'.repeat(43)).state).toBe('none');
		expect(displayTokenHash('short')).toBeNull();
		expect(codeOf(() => createDisplayLink(s.db, s.as(s.chair), s.meetingId, {}))).toBe('forbidden');
		expect(codeOf(() => listDisplayLinks(s.db, s.outsider, s.meetingId))).toBe('not_found');

		revokeDisplayLink(s.db, s.as(s.secretary), s.meetingId, link.id);
		expect(findDisplayGrant(s.db, link.token)).toEqual({ state: 'revoked', meetingId: s.meetingId });
		expect(activeDisplayLinkIds(s.db, [link.id]).size).toBe(0);
		expect(s.live.calls).toContain(`access:display:${link.id}`);
		expect(s.actions()).toEqual(expect.arrayContaining(['display_link.create', 'display_link.revoke']));
		expect(JSON.stringify(s.db.select().from(auditLog).all())).not.toContain(link.token);
		expect(codeOf(() => revokeDisplayLink(s.db, s.as(s.secretary), s.meetingId, 'nope'))).toBe('not_found');
	});
});
