import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { agendaItems, meetings, motions, type Meeting, type MeetingStatus } from '../db/schema';
import { AppError } from '../errors';
import { parseInput } from '../validation';
import { requireMeeting } from './access';
import { sessionTransition, type SessionEvent } from './session-rules';

export const setCurrentItemInput = z.object({
	/** Null: no item on the floor (before the first, between sessions). */
	agendaItemId: z.string().min(1).max(64).nullable()
});

export interface SessionView {
	status: MeetingStatus;
	openedAt: Date | null;
	closedAt: Date | null;
	currentAgendaItemId: string | null;
}

const viewOf = (m: Pick<Meeting, 'status' | 'openedAt' | 'closedAt' | 'currentAgendaItemId'>): SessionView => ({
	status: m.status,
	openedAt: m.openedAt,
	closedAt: m.closedAt,
	currentAgendaItemId: m.currentAgendaItemId
});

/**
 * The chair (or the secretariat) puts an agenda item on the floor. New motions, the list of speakers and the hall
 * display follow it. Who runs the votes runs the session: the same `run_votes` ability (chair or staff).
 */
export function setCurrentAgendaItem(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): SessionView {
	const input = parseInput(setCurrentItemInput, raw);
	const view = db.transaction((tx) => {
		const { meeting } = requireMeeting(tx, ctx.actor, meetingId, 'run_votes');
		if (input.agendaItemId !== null) {
			const item = tx
				.select({ id: agendaItems.id })
				.from(agendaItems)
				.where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, meetingId)))
				.get();
			if (!item) throw new AppError('validation_failed', 'not an item of this meeting', { fields: [{ path: 'agendaItemId', message: 'not an item of this meeting' }] });
		}
		// Presenting a document also moves the live room's item (live/presenter.ts), so the room may differ from
		// this row: the same item again is still written to the room, only not audited twice.
		if (meeting.currentAgendaItemId === input.agendaItemId) return viewOf(meeting);
		tx.update(meetings).set({ currentAgendaItemId: input.agendaItemId, updatedAt: new Date() }).where(eq(meetings.id, meetingId)).run();
		audit(tx, {
			actorId: ctx.actor.id,
			action: 'meeting.current_item',
			subjectType: 'meeting',
			subjectId: meetingId,
			ip: ctx.ip,
			data: { agendaItemId: input.agendaItemId, previous: meeting.currentAgendaItemId }
		});
		return viewOf({ ...meeting, currentAgendaItemId: input.agendaItemId });
	});
	ctx.events.sessionChanged(meetingId);
	return view;
}

/** Moves the status by the rule of session-rules.ts inside the caller's transaction; the meeting as it now is. */
function move(tx: Queryable, ctx: ServiceCtx, meeting: Meeting, event: SessionEvent): Meeting {
	const step = sessionTransition(meeting.status, event);
	if ('refused' in step) {
		throw new AppError(step.refused, step.refused === 'meeting_closed' ? 'the session has ended' : 'the session has not started');
	}
	if ('same' in step) return meeting;
	const now = new Date();
	const next: Meeting = {
		...meeting,
		status: step.to,
		// The first start is the session's opening time; a draft started by hand keeps it too.
		openedAt: step.to === 'in_progress' ? (meeting.openedAt ?? now) : meeting.openedAt,
		closedAt: step.to === 'closed' ? now : meeting.closedAt,
		updatedAt: now
	};
	tx.update(meetings).set({ status: next.status, openedAt: next.openedAt, closedAt: next.closedAt, updatedAt: now }).where(eq(meetings.id, meeting.id)).run();
	audit(tx, {
		actorId: ctx.actor.id,
		action: step.to === 'closed' ? 'meeting.end' : 'meeting.start',
		subjectType: 'meeting',
		subjectId: meeting.id,
		ip: ctx.ip,
		data: { from: meeting.status, to: step.to, by: event }
	});
	return next;
}

export function startSession(db: Db, ctx: ServiceCtx, meetingId: string): SessionView {
	let changed = false;
	const after = db.transaction((tx) => {
		const { meeting } = requireMeeting(tx, ctx.actor, meetingId, 'run_votes');
		const next = move(tx, ctx, meeting, 'start');
		changed = next.status !== meeting.status;
		return next;
	});
	if (changed) ctx.events.sessionChanged(meetingId);
	return viewOf(after);
}

/**
 * Ends the session. An open vote refuses it (`409 vote_still_open`) rather than being closed on the way: closing a
 * vote has its own confirmation (members who have not voted yet), and ending the meeting must not skip it.
 */
export function endSession(db: Db, ctx: ServiceCtx, meetingId: string): SessionView {
	let changed = false;
	const after = db.transaction((tx) => {
		const { meeting } = requireMeeting(tx, ctx.actor, meetingId, 'run_votes');
		const open = tx
			.select({ id: motions.id })
			.from(motions)
			.where(and(eq(motions.meetingId, meetingId), eq(motions.state, 'open')))
			.get();
		if (open && meeting.status !== 'closed') throw new AppError('vote_still_open', 'a vote is still open');
		const next = move(tx, ctx, meeting, 'end');
		changed = next.status !== meeting.status;
		return next;
	});
	if (changed) ctx.events.sessionChanged(meetingId);
	return viewOf(after);
}

/**
 * The first check-in of an announced meeting starts it, inside the check-in's transaction (so the status and the
 * attendance commit together). Returns whether the status changed, so the caller tells the live room.
 */
export function startOnCheckInTx(tx: Queryable, ctx: ServiceCtx, meetingId: string): boolean {
	const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!meeting) return false;
	return move(tx, ctx, meeting, 'check_in').status !== meeting.status;
}
