import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { canInMeeting, type Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { agendaItems, speakers, users, type Speaker, type SpeakerState } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { newId } from '../ids';
import { findParticipation, requireMeeting, requireNotArchived } from './access';
import { parseInput } from '../validation';

/**
 * The list of speakers of each agenda item. Chair and delegates ask to speak and withdraw; the chair (or the
 * secretariat, who runs the floor as it runs votes) orders the list, gives the floor with an optional speaking
 * time, and ends the turn. Every change is audited and shown in the live room at once.
 */

export const requestInput = z.object({
	agendaItemId: z.string().min(1).max(64),
	/** Someone else, put on the list by the chair or the secretariat. */
	userId: z.string().min(1).max(64).optional()
});
export const moveInput = z.object({ position: z.number().int().min(0) });
export const floorInput = z.object({ timeLimitSeconds: z.number().int().min(10).max(3600).nullable().optional() });

export interface SpeakerView {
	id: string;
	agendaItemId: string;
	userId: string;
	displayName: string;
	state: SpeakerState;
	position: number;
	requestedAt: Date;
	startedAt: Date | null;
	endedAt: Date | null;
	timeLimitSeconds: number | null;
}

const runsFloor = (actor: Actor, participation: Parameters<typeof canInMeeting>[1]) => canInMeeting(actor, participation, 'run_votes');
const speaks = (role: string | undefined) => role === 'chair' || role === 'delegate';

function readSpeakers(db: Queryable, meetingId: string, agendaItemId?: string, states?: SpeakerState[]): SpeakerView[] {
	return db
		.select({
			id: speakers.id,
			agendaItemId: speakers.agendaItemId,
			userId: speakers.userId,
			displayName: users.displayName,
			state: speakers.state,
			position: speakers.position,
			requestedAt: speakers.requestedAt,
			startedAt: speakers.startedAt,
			endedAt: speakers.endedAt,
			timeLimitSeconds: speakers.timeLimitSeconds
		})
		.from(speakers)
		.innerJoin(users, eq(users.id, speakers.userId))
		.where(
			and(
				eq(speakers.meetingId, meetingId),
				agendaItemId ? eq(speakers.agendaItemId, agendaItemId) : undefined,
				states ? inArray(speakers.state, states) : undefined
			)
		)
		.orderBy(asc(speakers.agendaItemId), asc(speakers.position), asc(speakers.requestedAt))
		.all();
}

/** Waiting requests first in the chair's order, then the current speaker, then turns that are over. */
export function listSpeakers(db: Db, actor: Actor, meetingId: string, agendaItemId?: string): SpeakerView[] {
	requireMeeting(db, actor, meetingId, 'view');
	return readSpeakers(db, meetingId, agendaItemId);
}

function loadSpeaker(tx: Queryable, meetingId: string, speakerId: string): Speaker {
	const row = tx.select().from(speakers).where(and(eq(speakers.id, speakerId), eq(speakers.meetingId, meetingId))).get();
	if (!row) throw notFound('speaker');
	return row;
}

/** Renumbers the waiting requests of an item 0..n-1 in their current order, `moved` placed at `at`. */
function renumber(tx: Queryable, meetingId: string, agendaItemId: string, moved?: { id: string; at: number }): void {
	const waiting = tx
		.select({ id: speakers.id })
		.from(speakers)
		.where(and(eq(speakers.meetingId, meetingId), eq(speakers.agendaItemId, agendaItemId), eq(speakers.state, 'waiting')))
		.orderBy(asc(speakers.position), asc(speakers.requestedAt))
		.all()
		.map((r) => r.id);
	if (moved) {
		waiting.splice(waiting.indexOf(moved.id), 1);
		waiting.splice(Math.min(moved.at, waiting.length), 0, moved.id);
	}
	waiting.forEach((id, position) => tx.update(speakers).set({ position }).where(eq(speakers.id, id)).run());
}

export function requestToSpeak(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): SpeakerView {
	const input = parseInput(requestInput, raw);
	const view = db.transaction((tx) => {
		const { participation } = requireMeeting(tx, ctx.actor, meetingId, 'view');
		requireNotArchived(tx, meetingId);
		const userId = input.userId ?? ctx.actor.id;
		if (userId !== ctx.actor.id && !runsFloor(ctx.actor, participation)) throw forbidden('only the chair or the secretariat adds others');
		const target = userId === ctx.actor.id ? participation : findParticipation(tx, meetingId, userId);
		if (!target && userId !== ctx.actor.id) throw notFound('participant');
		if (!speaks(target?.role)) throw forbidden('only the chair and delegates take the floor');
		const item = tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, meetingId))).get();
		if (!item) throw new AppError('validation_failed', 'no such agenda item in this meeting', { fields: [{ path: 'agendaItemId', message: 'not an agenda item of this meeting' }] });
		const active = tx
			.select({ id: speakers.id })
			.from(speakers)
			.where(and(eq(speakers.agendaItemId, input.agendaItemId), eq(speakers.userId, userId), inArray(speakers.state, ['waiting', 'speaking'])))
			.get();
		if (active) throw new AppError('already_on_speakers_list', 'already on the list of this item');
		const position = readSpeakers(tx, meetingId, input.agendaItemId, ['waiting']).length;
		const id = newId();
		tx.insert(speakers)
			.values({ id, meetingId, agendaItemId: input.agendaItemId, userId, state: 'waiting', position, addedBy: ctx.actor.id, requestedAt: new Date() })
			.run();
		audit(tx, { actorId: ctx.actor.id, action: 'speaker.request', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { speakerId: id, agendaItemId: input.agendaItemId, userId } });
		return readSpeakers(tx, meetingId, input.agendaItemId).find((s) => s.id === id)!;
	});
	ctx.events.speakersChanged(meetingId, view.agendaItemId);
	return view;
}

/** The member withdraws their request, or the chair/secretariat takes someone off the list. Waiting only. */
export function withdrawSpeaker(db: Db, ctx: ServiceCtx, meetingId: string, speakerId: string): void {
	const agendaItemId = db.transaction((tx) => {
		const { participation } = requireMeeting(tx, ctx.actor, meetingId, 'view');
		requireNotArchived(tx, meetingId);
		const row = loadSpeaker(tx, meetingId, speakerId);
		if (row.userId !== ctx.actor.id && !runsFloor(ctx.actor, participation)) throw forbidden('not your request');
		if (row.state !== 'waiting') throw new AppError('conflict', `the request is ${row.state}`);
		tx.update(speakers).set({ state: 'withdrawn', endedAt: new Date() }).where(eq(speakers.id, speakerId)).run();
		renumber(tx, meetingId, row.agendaItemId);
		audit(tx, { actorId: ctx.actor.id, action: 'speaker.withdraw', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { speakerId, userId: row.userId } });
		return row.agendaItemId;
	});
	ctx.events.speakersChanged(meetingId, agendaItemId);
}

/** The chair reorders: a waiting request goes to `position` (0 = next). */
export function moveSpeaker(db: Db, ctx: ServiceCtx, meetingId: string, speakerId: string, raw: unknown): SpeakerView[] {
	const input = parseInput(moveInput, raw);
	const list = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'run_votes');
		const row = loadSpeaker(tx, meetingId, speakerId);
		if (row.state !== 'waiting') throw new AppError('conflict', `the request is ${row.state}`);
		renumber(tx, meetingId, row.agendaItemId, { id: speakerId, at: input.position });
		audit(tx, { actorId: ctx.actor.id, action: 'speaker.move', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { speakerId, position: input.position } });
		return readSpeakers(tx, meetingId, row.agendaItemId, ['waiting']);
	});
	ctx.events.speakersChanged(meetingId, list[0]!.agendaItemId);
	return list;
}

/** The chair gives the floor: whoever is speaking on that item is done, this request becomes the speaker. */
export function giveFloor(db: Db, ctx: ServiceCtx, meetingId: string, speakerId: string, raw: unknown = {}): SpeakerView {
	const input = parseInput(floorInput, raw ?? {});
	const view = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'run_votes');
		const row = loadSpeaker(tx, meetingId, speakerId);
		if (row.state !== 'waiting') throw new AppError('conflict', `the request is ${row.state}`);
		const now = new Date();
		tx.update(speakers)
			.set({ state: 'done', endedAt: now })
			.where(and(eq(speakers.meetingId, meetingId), eq(speakers.agendaItemId, row.agendaItemId), eq(speakers.state, 'speaking')))
			.run();
		tx.update(speakers)
			.set({ state: 'speaking', startedAt: now, timeLimitSeconds: input.timeLimitSeconds ?? null })
			.where(eq(speakers.id, speakerId))
			.run();
		renumber(tx, meetingId, row.agendaItemId);
		audit(tx, { actorId: ctx.actor.id, action: 'speaker.floor', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { speakerId, userId: row.userId, timeLimitSeconds: input.timeLimitSeconds ?? null } });
		return readSpeakers(tx, meetingId, row.agendaItemId).find((s) => s.id === speakerId)!;
	});
	ctx.events.speakersChanged(meetingId, view.agendaItemId);
	return view;
}

/** The chair ends the turn (or the speaker yields). */
export function endTurn(db: Db, ctx: ServiceCtx, meetingId: string, speakerId: string): SpeakerView {
	const view = db.transaction((tx) => {
		const { participation } = requireMeeting(tx, ctx.actor, meetingId, 'view');
		requireNotArchived(tx, meetingId);
		const row = loadSpeaker(tx, meetingId, speakerId);
		if (row.userId !== ctx.actor.id && !runsFloor(ctx.actor, participation)) throw forbidden('only the chair ends someone else’s turn');
		if (row.state !== 'speaking') throw new AppError('conflict', `the request is ${row.state}`);
		tx.update(speakers).set({ state: 'done', endedAt: new Date() }).where(eq(speakers.id, speakerId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'speaker.end', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { speakerId, userId: row.userId } });
		return readSpeakers(tx, meetingId, row.agendaItemId).find((s) => s.id === speakerId)!;
	});
	ctx.events.speakersChanged(meetingId, view.agendaItemId);
	return view;
}

/** What the live room shows for one item: the speaker (with the countdown's start and length) and who is next. */
export function speakersLiveState(db: Queryable, meetingId: string, agendaItemId: string, now = Date.now()) {
	const list = readSpeakers(db, meetingId, agendaItemId, ['waiting', 'speaking']);
	const speaking = list.find((s) => s.state === 'speaking');
	return {
		agendaItemId,
		speaking: speaking
			? { id: speaking.id, userId: speaking.userId, displayName: speaking.displayName, startedAt: speaking.startedAt!.getTime(), timeLimitSeconds: speaking.timeLimitSeconds }
			: null,
		waiting: list.filter((s) => s.state === 'waiting').map((s) => ({ id: s.id, userId: s.userId, displayName: s.displayName, requestedAt: s.requestedAt.getTime() })),
		at: now
	};
}
