import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import * as Y from 'yjs';
import { minutesRoom } from '$lib/collab/room-names';
import { MINUTES_FRAGMENT } from '$lib/minutes/blocks';
import { getCollabHub } from '../collab/hub';
import { noEvents, type RoomDocs, type ServiceCtx } from '../context';
import type { Db } from '../db/client';
import { agendaItems, documents, meetingParticipants, meetings, motions, openBallots, users, type AgendaItem } from '../db/schema';
import { uploadDocument, uploadLimits } from '../documents/service';
import { UploadBody } from '../documents/upload';
import { isAppError } from '../errors';
import { isArchived } from '../meetings/access';
import { addAgendaItem } from '../meetings/agenda';
import { setAttendance } from '../meetings/attendance';
import { endSession, startSession } from '../meetings/session';
import { addParticipant } from '../meetings/participants';
import { createMeeting } from '../meetings/service';
import { endTurn, giveFloor, listSpeakers, requestToSpeak } from '../meetings/speakers';
import { readMinutesBlocks } from '../minutes/document';
import { blocksToText } from '../minutes/render';
import { appendParagraph, approveMinutes, signMinutes, startMinutes, submitMinutes } from '../minutes/service';
import { castBallotNow } from '../votes/ballots';
import { closeMotion, createMotion, openMotion } from '../votes/motions';
import { setProxy } from '../votes/proxies';
import { ARCHIVED_ATTENDANCE, ARCHIVED_MEETING, ARCHIVED_MINUTES_SUMMARY, ARCHIVED_PROXY } from './archived-data';
import { DEMO_USERS } from './data';
import { renderOfficialDocument, type OfficialDocument } from './official-pdf';

/**
 * The demo's archived meeting, built the way people build one: every step goes through the service the API routes
 * call, as the secretariat, the chair or a delegate, so the documents' page text, the ballots, the minutes, the
 * signed PDF, the hash chain and the search index are exactly what the product writes. Nothing here writes a row
 * itself.
 *
 * Each step first looks at what is already there and does only what is missing, in a fixed order. A run that
 * stopped midway (a crash, Ctrl-C) left a meeting that is not archived yet; the next run finishes it rather than
 * building a second one, and a meeting that is archived is never touched (its record is evidence).
 */

export type ArchivedMeetingOutcome = 'created' | 'finished' | 'already archived';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const SEED_UPLOAD_URL = 'http://seed.invalid/upload';

type People = Map<string, Actor>;

function demoPeople(db: Db): People {
	const rows = db
		.select({ id: users.id, username: users.username, role: users.role })
		.from(users)
		.where(inArray(users.username, DEMO_USERS.map((u) => u.username)))
		.all();
	const people: People = new Map(rows.map((r) => [r.username, { id: r.id, role: r.role }]));
	for (const u of DEMO_USERS) if (!people.has(u.username)) throw new Error(`demo user ${u.username} is missing`);
	return people;
}

/** 08:00 in Vietnam (UTC+7, no daylight saving), `days` before `now`. */
function morningDaysAgo(days: number, now: Date): Date {
	const d = new Date(now.getTime() - days * DAY);
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8 - 7, 0, 0));
}

export async function seedArchivedMeeting(db: Db, password: string, now = new Date()): Promise<{ meetingId: string; outcome: ArchivedMeetingOutcome }> {
	const people = demoPeople(db);
	const rooms = getCollabHub(() => db);
	const as = (username: string): ServiceCtx => ({ actor: people.get(username)!, ip: null, events: noEvents, rooms });
	const secretary = as('secretary');

	const existing = db.select({ id: meetings.id }).from(meetings).where(eq(meetings.title, ARCHIVED_MEETING.title)).get();
	if (existing && isArchived(db, existing.id)) return { meetingId: existing.id, outcome: 'already archived' };

	const startsAt = morningDaysAgo(ARCHIVED_MEETING.daysAgo, now);
	const meetingId =
		existing?.id ??
		createMeeting(db, secretary, {
			title: ARCHIVED_MEETING.title,
			body: ARCHIVED_MEETING.body,
			description: ARCHIVED_MEETING.description,
			location: ARCHIVED_MEETING.location,
			startsAt: startsAt.toISOString(),
			endsAt: new Date(startsAt.getTime() + ARCHIVED_MEETING.hours * HOUR).toISOString(),
			status: 'scheduled'
		}).id;

	invite(db, secretary, meetingId, people);
	const items = buildAgenda(db, secretary, meetingId);
	for (const [i, item] of ARCHIVED_MEETING.agenda.entries()) {
		if (item.document) await upload(db, secretary, meetingId, items[i]!, item.document, new Date(startsAt.getTime() - 7 * DAY));
	}
	checkIn(db, secretary, meetingId, people);
	setProxy(db, secretary, meetingId, { principalId: people.get(ARCHIVED_PROXY.principal)!.id, holderId: people.get(ARCHIVED_PROXY.holder)!.id });
	ARCHIVED_MEETING.agenda.forEach((item, i) => giveTurns(db, as, meetingId, items[i]!, item.speakers));
	vote(db, as, meetingId, items[items.length - 1]!, people);
	endAsHeld(db, secretary, meetingId, startsAt, new Date(startsAt.getTime() + ARCHIVED_MEETING.hours * HOUR));
	await writeAndApproveMinutes(db, as, meetingId, password);
	return { meetingId, outcome: existing ? 'finished' : 'created' };
}

/**
 * The session ends through the service (status and audit as the chair's "end" would leave them), then carries the
 * times it was held last month rather than the seed's own clock. The first check-in started it already.
 */
function endAsHeld(db: Db, secretary: ServiceCtx, meetingId: string, openedAt: Date, closedAt: Date): void {
	const status = db.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).get()?.status;
	if (status !== 'closed') {
		startSession(db, secretary, meetingId);
		endSession(db, secretary, meetingId);
	}
	db.update(meetings).set({ openedAt, closedAt }).where(eq(meetings.id, meetingId)).run();
}

/** Same people as the upcoming meeting, with the same roles; `outsider` stays out. */
function invite(db: Db, secretary: ServiceCtx, meetingId: string, people: People): void {
	const invited = new Set(
		db.select({ userId: meetingParticipants.userId }).from(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId)).all().map((p) => p.userId)
	);
	for (const u of DEMO_USERS) {
		const userId = people.get(u.username)!.id;
		if (u.meetingRole && !invited.has(userId)) addParticipant(db, secretary, meetingId, { userId, role: u.meetingRole });
	}
}

/** The agenda items in ARCHIVED_MEETING's order, found by title or added. */
function buildAgenda(db: Db, secretary: ServiceCtx, meetingId: string): AgendaItem[] {
	const rows = db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all();
	return ARCHIVED_MEETING.agenda.map(
		(item) =>
			rows.find((r) => r.title === item.title && r.parentId === null) ??
			addAgendaItem(db, secretary, meetingId, { title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes })
	);
}

/** Through the upload service, as a browser's multipart form would send it: received, inspected, page text stored. */
async function upload(db: Db, secretary: ServiceCtx, meetingId: string, item: AgendaItem, doc: OfficialDocument, writtenAt: Date): Promise<void> {
	const there = db
		.select({ id: documents.id })
		.from(documents)
		.where(and(eq(documents.agendaItemId, item.id), eq(documents.filename, doc.filename)))
		.get();
	if (there) return;
	const bytes = await renderOfficialDocument(doc, writtenAt);
	const form = new FormData();
	// Copied onto a plain ArrayBuffer: File's type refuses a Uint8Array that may view a SharedArrayBuffer.
	form.set('file', new File([new Uint8Array(bytes)], doc.filename, { type: 'application/pdf' }));
	const request = new Request(SEED_UPLOAD_URL, { method: 'POST', body: form });
	await uploadDocument(db, secretary, meetingId, item.id, request, new UploadBody(request, uploadLimits()));
}

/** The secretariat marks everyone (setAttendance changes nothing when the status is already the same). */
function checkIn(db: Db, secretary: ServiceCtx, meetingId: string, people: People): void {
	for (const [username, status] of Object.entries(ARCHIVED_ATTENDANCE)) {
		setAttendance(db, secretary, meetingId, { userId: people.get(username)!.id, status });
	}
}

/** Each speaker asks for the floor, the chair gives it, the turn ends: the minutes list who spoke. */
function giveTurns(db: Db, as: (username: string) => ServiceCtx, meetingId: string, item: AgendaItem, speakers: readonly string[]): void {
	const chair = as('chair');
	for (const username of speakers) {
		const speaker = as(username);
		const turns = listSpeakers(db, chair.actor, meetingId, item.id).filter((s) => s.userId === speaker.actor.id && s.state !== 'withdrawn');
		let turn = turns.find((s) => s.state !== 'done') ?? (turns.length > 0 ? null : requestToSpeak(db, speaker, meetingId, { agendaItemId: item.id }));
		if (!turn) continue;
		if (turn.state === 'waiting') turn = giveFloor(db, chair, meetingId, turn.id);
		if (turn.state === 'speaking') endTurn(db, chair, meetingId, turn.id);
	}
}

/** The motion on the resolution: created and opened by the chair, a named ballot from each voter, closed. */
function vote(db: Db, as: (username: string) => ServiceCtx, meetingId: string, item: AgendaItem, people: People): void {
	const chair = as('chair');
	const spec = ARCHIVED_MEETING.motion;
	let motion =
		db.select().from(motions).where(and(eq(motions.meetingId, meetingId), eq(motions.title, spec.title))).get() ??
		createMotion(db, chair, meetingId, { agendaItemId: item.id, title: spec.title, text: spec.text, ballot: 'open', majority: 'simple' });
	if (motion.state === 'draft') motion = openMotion(db, chair, motion.id);
	if (motion.state !== 'open') return;
	const voted = new Set(db.select({ voterId: openBallots.voterId }).from(openBallots).where(eq(openBallots.motionId, motion.id)).all().map((b) => b.voterId));
	for (const ballot of spec.ballots) {
		const principal = 'onBehalfOf' in ballot ? ballot.onBehalfOf : undefined;
		if (voted.has(people.get(principal ?? ballot.by)!.id)) continue;
		castBallotNow(db, as(ballot.by), motion.id, { choice: ballot.choice, ...(principal ? { onBehalfOf: people.get(principal)!.id } : {}) });
	}
	closeMotion(db, chair, motion.id);
}

/**
 * The template's fill-in lines ("Tóm tắt thảo luận: …", "Cuộc họp kết thúc lúc …") are deleted, as the secretary
 * does in the editor before writing the summary: signed minutes with blanks in them would be a poor showcase.
 */
function dropFillIns(rooms: RoomDocs, meetingId: string): void {
	rooms.writeAsServer(minutesRoom(meetingId), (doc) => {
		const fragment = doc.getXmlFragment(MINUTES_FRAGMENT);
		for (let i = fragment.length - 1; i >= 0; i--) {
			const el = fragment.get(i);
			if (!(el instanceof Y.XmlElement) || el.nodeName !== 'paragraph') continue;
			const text = el
				.toArray()
				.map((t) => (t instanceof Y.XmlText ? (t.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : ''))
				.join('');
			if (text.endsWith('…')) fragment.delete(i, 1);
		}
	});
}

/** The secretary starts the draft from the record, adds the discussion, submits and signs; the chair approves. */
async function writeAndApproveMinutes(db: Db, as: (username: string) => ServiceCtx, meetingId: string, password: string): Promise<void> {
	const secretary = as('secretary');
	const chair = as('chair');
	let view = startMinutes(db, secretary, meetingId, { locale: 'vi' });
	if (view.state === 'draft') {
		const text = blocksToText(readMinutesBlocks(secretary.rooms, meetingId));
		const firstParagraph = ARCHIVED_MINUTES_SUMMARY.split('\n\n')[0]!;
		if (!text.includes(firstParagraph)) {
			dropFillIns(secretary.rooms, meetingId);
			appendParagraph(db, secretary, meetingId, { text: ARCHIVED_MINUTES_SUMMARY });
		}
		view = submitMinutes(db, secretary, meetingId);
	}
	const client = { address: null, deviceCookie: null };
	try {
		// The secretary signs first (unless a stopped run got that far), then the chair approves.
		if (view.state === 'submitted' && !view.secretarySignedAt) await signMinutes(db, { ...secretary, client }, meetingId, { password, contentHash: view.contentHash! });
		await approveMinutes(db, { ...chair, client }, meetingId, { password, contentHash: view.contentHash! });
	} catch (e) {
		if (isAppError(e) && e.code === 'wrong_password') {
			throw new Error(
				`the secretary's or the chair's password is not DEMO_PASSWORD, so they cannot sign the minutes of "${ARCHIVED_MEETING.title}" (left submitted). ` +
					'Run the seed again with DEMO_PASSWORD set to the chair\'s password to finish it.'
			);
		}
		throw e;
	}
}
