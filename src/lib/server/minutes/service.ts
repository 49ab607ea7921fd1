import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { minutesRoom, sharedAnnotationsRoom } from '$lib/collab/room-names';
import { MINUTES_FRAGMENT, type MinutesBlock, type MinutesPdfInput } from '$lib/minutes/blocks';
import { appendToArchive } from '../archive/append';
import { sha256Hex } from '../archive/canonical';
import { snapshotAnnotations } from '../archive/record';
import { audit } from '../audit';
import { checkPassword, passwordRefused, type PasswordClient } from '../auth/password-check';
import { verifyPassword } from '../auth/passwords';
import { config } from '../config';
import type { RoomDocs, ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { archiveRecords, meetings, minutes, motions, users, type MinutesState } from '../db/schema';
import { blobPath, fileStore, storeBytes } from '../documents/storage';
import { AppError } from '../errors';
import { requireMeeting } from '../meetings/access';
import { parseInput } from '../validation';
import { readMinutesBlocks } from './document';
import { DraftPdfs } from './draft-pdfs';
import { readMeetingFacts, type MeetingFacts } from './facts';
import { unfilledLines, type UnfilledLine } from './fill-ins';
import { appendBlocks } from './fragment';
import { renderMinutesPdf } from './pdf';
import { blocksToHtml, blocksToText, minutesContentHash } from './render';
import { findMinutes } from './state';
import { syncMinutesRecords } from './sync';
import { minutesTemplate, roleLabel, type MinutesLocale } from './template';
import { formatDateTime } from '$lib/i18n/format';

export interface MinutesView {
	meetingId: string;
	state: 'not_started' | MinutesState;
	locale: MinutesLocale;
	/** SHA-256 of the current content: what would be signed. */
	contentHash: string | null;
	submittedAt: string | null;
	submittedBy: { id: string; displayName: string } | null;
	approvedAt: string | null;
	approvedBy: { id: string; displayName: string } | null;
	archive: { seq: number; hash: string } | null;
	html: string;
	/** Lines of a draft still ending with the template's "…" (fill-ins nobody wrote); empty once submitted. */
	unfilled: UnfilledLine[];
}

export const startMinutesInput = z.object({ locale: z.enum(['vi', 'en']).default('vi') });
export const paragraphInput = z.object({ text: z.string().trim().min(1).max(20_000) });
export const approveInput = z.object({
	password: z.string().min(1).max(256),
	contentHash: z.string().regex(/^[0-9a-f]{64}$/)
});

/** The page-1 heading of the minutes PDF, the same for the draft and the signed copy. */
function pdfHeading(meeting: MeetingFacts['meeting'], locale: MinutesLocale): Pick<MinutesPdfInput, 'body' | 'title' | 'subtitle'> {
	return {
		// The convening body heads an official document in capitals.
		body: meeting.body.toLocaleUpperCase('vi'),
		title: meeting.title,
		subtitle: [formatDateTime(meeting.startsAt, locale), meeting.location].filter(Boolean).join(' · ')
	};
}

const person = (db: Queryable, id: string | null) =>
	id ? (db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, id)).get() ?? null) : null;

function archiveRow(db: Queryable, meetingId: string) {
	return db.select().from(archiveRecords).where(eq(archiveRecords.meetingId, meetingId)).get() ?? null;
}

/**
 * The minutes of a meeting as they stand; a draft's text is read from its room in `rooms`. The caller has checked
 * that the actor may see the meeting.
 */
export function minutesView(db: Queryable, rooms: RoomDocs, meetingId: string): MinutesView {
	const row = findMinutes(db, meetingId);
	if (!row) {
		return { meetingId, state: 'not_started', locale: 'vi', contentHash: null, submittedAt: null, submittedBy: null, approvedAt: null, approvedBy: null, archive: null, html: '', unfilled: [] };
	}
	const archived = archiveRow(db, meetingId);
	let blocks: MinutesBlock[];
	if (archived) {
		// Approved minutes are read from the record that was signed, never from the (frozen) room.
		blocks = (JSON.parse(archived.record) as { minutes: { blocks: MinutesBlock[] } }).minutes.blocks;
	} else {
		blocks = readMinutesBlocks(rooms, meetingId);
	}
	return {
		meetingId,
		state: row.state,
		locale: row.locale as MinutesLocale,
		contentHash: minutesContentHash(blocks),
		submittedAt: row.submittedAt?.toISOString() ?? null,
		submittedBy: person(db, row.submittedBy),
		approvedAt: row.approvedAt?.toISOString() ?? null,
		approvedBy: person(db, row.approvedBy),
		archive: archived ? { seq: archived.seq, hash: archived.hash } : null,
		html: blocksToHtml(blocks),
		unfilled: row.state === 'draft' ? unfilledLines(blocks) : []
	};
}

/** Starts the draft from the template (idempotent: a started draft is returned as it is). */
export function startMinutes(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): MinutesView {
	const { locale } = parseInput(startMinutesInput, raw);
	const { actor, ip } = ctx;
	requireMeeting(db, actor, meetingId, 'edit_minutes');
	if (findMinutes(db, meetingId)) return minutesView(db, ctx.rooms, meetingId);
	const now = new Date();
	db.transaction((tx) => {
		tx.insert(minutes).values({ meetingId, state: 'draft', locale, createdBy: actor.id, createdAt: now, updatedAt: now }).run();
		audit(tx, { actorId: actor.id, action: 'minutes.started', subjectType: 'meeting', subjectId: meetingId, ip, data: { locale } }, now);
	});
	const template = minutesTemplate(readMeetingFacts(db, meetingId), locale);
	ctx.rooms.writeAsServer(minutesRoom(meetingId), (doc) => {
		const fragment = doc.getXmlFragment(MINUTES_FRAGMENT);
		// Nobody could write before the draft existed; still, never pour a template over text.
		if (fragment.length === 0) appendBlocks(fragment, template);
	});
	// Writers who had the room open read-only may now write: they reconnect and are judged again.
	ctx.events.roomAccessChanged([minutesRoom(meetingId)]);
	return minutesView(db, ctx.rooms, meetingId);
}

function requireMinutes(db: Queryable, meetingId: string) {
	const row = findMinutes(db, meetingId);
	if (!row) throw new AppError('minutes_not_started', 'the minutes have not been started');
	return row;
}

/** draft → submitted: the text is frozen for the chair to read and sign; its hash is what will be signed. */
export function submitMinutes(db: Db, ctx: ServiceCtx, meetingId: string): MinutesView {
	const { actor, ip } = ctx;
	requireMeeting(db, actor, meetingId, 'edit_minutes');
	const row = requireMinutes(db, meetingId);
	if (row.state !== 'draft') throw new AppError(row.state === 'approved' ? 'minutes_approved' : 'minutes_not_draft', `the minutes are ${row.state}`);
	// Final results and attendance go in before the text is frozen.
	syncMinutesRecords(db, ctx.rooms, meetingId);
	const hash = minutesContentHash(readMinutesBlocks(ctx.rooms, meetingId));
	const now = new Date();
	db.transaction((tx) => {
		tx.update(minutes)
			.set({ state: 'submitted', submittedBy: actor.id, submittedAt: now, submittedHash: hash, updatedAt: now })
			.where(and(eq(minutes.meetingId, meetingId), eq(minutes.state, 'draft')))
			.run();
		audit(tx, { actorId: actor.id, action: 'minutes.submitted', subjectType: 'meeting', subjectId: meetingId, ip, data: { contentHash: hash } }, now);
	});
	// Same turn of the event loop as the hash: no edit can slip in between what was hashed and the freeze.
	ctx.events.roomAccessChanged([minutesRoom(meetingId)]);
	return minutesView(db, ctx.rooms, meetingId);
}

/** What a writer is asked about before submitting: the draft's lines still ending with the template's "…". */
export function unfilledBeforeSubmit(db: Queryable, ctx: Pick<ServiceCtx, 'actor' | 'rooms'>, meetingId: string): UnfilledLine[] {
	requireMeeting(db, ctx.actor, meetingId, 'edit_minutes');
	return findMinutes(db, meetingId)?.state === 'draft' ? unfilledLines(readMinutesBlocks(ctx.rooms, meetingId)) : [];
}

/** submitted → draft: the chair asked for changes, or the secretariat wants to add something. */
export function returnMinutes(db: Db, ctx: ServiceCtx, meetingId: string): MinutesView {
	const { actor, ip } = ctx;
	requireMeeting(db, actor, meetingId, 'edit_minutes');
	const row = requireMinutes(db, meetingId);
	if (row.state !== 'submitted') throw new AppError(row.state === 'approved' ? 'minutes_approved' : 'minutes_not_submitted', `the minutes are ${row.state}`);
	const now = new Date();
	db.transaction((tx) => {
		tx.update(minutes)
			.set({ state: 'draft', submittedBy: null, submittedAt: null, submittedHash: null, updatedAt: now })
			.where(and(eq(minutes.meetingId, meetingId), eq(minutes.state, 'submitted')))
			.run();
		audit(tx, { actorId: actor.id, action: 'minutes.returned', subjectType: 'meeting', subjectId: meetingId, ip }, now);
	});
	ctx.events.roomAccessChanged([minutesRoom(meetingId)]);
	syncMinutesRecords(db, ctx.rooms, meetingId);
	return minutesView(db, ctx.rooms, meetingId);
}

/**
 * submitted → approved: the chair signs by re-entering the password. The archive record (with the minutes PDF
 * and a snapshot of the shared annotations) is written, chained to the previous record and indexed for search
 * in one FULL-sync transaction; from then on every room of the meeting is read-only and every change refused.
 */
export async function approveMinutes(db: Db, ctx: Omit<ServiceCtx, 'ip'> & { client: PasswordClient }, meetingId: string, raw: unknown): Promise<MinutesView> {
	const input = parseInput(approveInput, raw);
	const { actor, client } = ctx;
	const ip = client.address;
	requireMeeting(db, actor, meetingId, 'approve_minutes');
	const row = requireMinutes(db, meetingId);
	if (row.state === 'approved') throw new AppError('minutes_approved', 'already approved');
	if (row.state !== 'submitted') throw new AppError('minutes_not_submitted', 'submit the minutes first');
	if (input.contentHash !== row.submittedHash) throw new AppError('minutes_changed', 'the minutes changed since they were submitted');
	const open = db.select({ id: motions.id }).from(motions).where(and(eq(motions.meetingId, meetingId), eq(motions.state, 'open'))).get();
	if (open) throw new AppError('vote_still_open', 'a vote is still open');

	// The signature is a password check like sign-in: the same guard, the same count (auth/password-check.ts).
	const signer = db.select({ username: users.username, displayName: users.displayName, passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id)).get();
	if (!signer) throw new AppError('wrong_password', 'the password is not correct');
	const check = await checkPassword(signer.username, client, () => verifyPassword(signer.passwordHash, input.password));
	if (check.outcome !== 'passed') {
		const reason = check.outcome === 'throttled' ? 'throttled' : 'wrong_password';
		audit(db, { actorId: actor.id, action: 'minutes.approval_refused', subjectType: 'meeting', subjectId: meetingId, ip, data: { reason } });
		throw passwordRefused(check);
	}

	const blocks = readMinutesBlocks(ctx.rooms, meetingId);
	const contentHash = minutesContentHash(blocks);
	if (contentHash !== row.submittedHash) throw new AppError('minutes_changed', 'the minutes changed since they were submitted');
	const facts = readMeetingFacts(db, meetingId);
	const locale = row.locale as MinutesLocale;
	const signedAt = new Date();
	const signature = { userId: actor.id, name: signer.displayName, roleLabel: roleLabel(locale), signedAt: signedAt.toISOString(), contentHash };
	const pdf = await renderMinutesPdf({ locale, ...pdfHeading(facts.meeting, locale), blocks, signature });
	// The minutes PDF goes into the same content-addressed store as documents, fsynced before it is named.
	const pdfSha256 = await storeBytes(fileStore(config().filesDir), pdf);
	const annotations = snapshotAnnotations(
		ctx.rooms,
		facts.documents.map((d) => d.id)
	);
	const text = blocksToText(blocks);

	db.transaction((tx) => {
		// Checked again inside the transaction: two approvals racing each other write one record.
		const current = findMinutes(tx, meetingId);
		if (current?.state !== 'submitted' || current.submittedHash !== contentHash) throw new AppError('minutes_changed', 'the minutes changed');
		const { seq, hash } = appendToArchive(
			tx,
			meetingId,
			{
				facts,
				minutes: { locale, blocks, text, html: blocksToHtml(blocks), contentHash, startedBy: row.createdBy, submittedBy: row.submittedBy, submittedAt: row.submittedAt },
				signature,
				annotations,
				minutesPdfSha256: pdfSha256
			},
			signedAt
		);
		tx.update(minutes).set({ state: 'approved', approvedBy: actor.id, approvedAt: signedAt, updatedAt: signedAt }).where(eq(minutes.meetingId, meetingId)).run();
		tx.update(meetings).set({ status: 'closed', updatedAt: signedAt }).where(eq(meetings.id, meetingId)).run();
		audit(tx, { actorId: actor.id, action: 'minutes.approved', subjectType: 'meeting', subjectId: meetingId, ip, data: { seq, hash, contentHash, signedHash: contentHash, pdfSha256 } }, signedAt);
	});

	draftPdfs.forget(meetingId);
	ctx.events.roomAccessChanged([minutesRoom(meetingId), ...facts.documents.map((d) => sharedAnnotationsRoom(d.id))]);
	return minutesView(db, ctx.rooms, meetingId);
}

const draftPdfs = new DraftPdfs(renderMinutesPdf);

/** The signed PDF of approved minutes, or a draft PDF rendered from the minutes as they stand. */
export async function minutesPdf(db: Queryable, rooms: RoomDocs, meetingId: string): Promise<{ bytes: Uint8Array; approved: boolean; sha256: string }> {
	const archived = archiveRow(db, meetingId);
	if (archived) {
		const bytes = await fs.promises.readFile(blobPath(fileStore(config().filesDir), archived.pdfSha256));
		return { bytes: new Uint8Array(bytes), approved: true, sha256: archived.pdfSha256 };
	}
	const row = requireMinutes(db, meetingId);
	const facts = readMeetingFacts(db, meetingId);
	const locale = row.locale as MinutesLocale;
	const bytes = await draftPdfs.get(meetingId, { locale, ...pdfHeading(facts.meeting, locale), blocks: readMinutesBlocks(rooms, meetingId), signature: null });
	return { bytes, approved: false, sha256: sha256Hex(bytes) };
}

/** The archive record as stored (canonical JSON) with its place in the chain, for other systems. */
export function archiveRecordOf(db: Queryable, meetingId: string) {
	const row = archiveRow(db, meetingId);
	if (!row) return null;
	return { seq: row.seq, hash: row.hash, prevHash: row.prevHash, contentHash: row.contentHash, pdfSha256: row.pdfSha256, record: row.record };
}

/**
 * Adds a paragraph at the end of the draft: for other systems (a speech-to-text clerk, a motion register) that
 * write into the minutes without an editor. Refused once the draft is submitted or approved, like the room.
 */
export function appendParagraph(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): MinutesView {
	const { text } = parseInput(paragraphInput, raw);
	const { actor, ip } = ctx;
	requireMeeting(db, actor, meetingId, 'edit_minutes');
	const row = requireMinutes(db, meetingId);
	if (row.state !== 'draft') throw new AppError(row.state === 'approved' ? 'minutes_approved' : 'minutes_not_draft', `the minutes are ${row.state}`);
	ctx.rooms.writeAsServer(minutesRoom(meetingId), (doc) => {
		const paragraphs = text.split(/\n{2,}/).map((p) => ({ type: 'paragraph' as const, content: p ? [{ text: p }] : [] }));
		appendBlocks(doc.getXmlFragment(MINUTES_FRAGMENT), paragraphs);
	});
	audit(db, { actorId: actor.id, action: 'minutes.paragraph_added', subjectType: 'meeting', subjectId: meetingId, ip, data: { length: text.length } });
	return minutesView(db, ctx.rooms, meetingId);
}
