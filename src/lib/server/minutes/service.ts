import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { minutesRoom, sharedAnnotationsRoom } from '$lib/collab/room-names';
import { MINUTES_FRAGMENT, type MinutesBlock, type MinutesPdfInput } from '$lib/minutes/blocks';
import { appendToArchive, nextArchiveSeq } from '../archive/append';
import { sha256Hex } from '../archive/canonical';
import { snapshotAnnotations } from '../archive/record';
import { audit } from '../audit';
import { checkPassword, passwordRefused, type PasswordClient } from '../auth/password-check';
import { verifyPassword } from '../auth/passwords';
import { config } from '../config';
import type { RoomDocs, ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { archiveRecords, meetingParticipants, meetings, minutes, motions, users, type MinutesRow, type MinutesState } from '../db/schema';
import { blobPath, fileStore, storeBytes } from '../documents/storage';
import { AppError, forbidden } from '../errors';
import { requireMeeting } from '../meetings/access';
import { meetingSecretaryId } from '../meetings/service';
import { notify } from '../notices';
import { parseInput } from '../validation';
import { readMinutesBlocks } from './document';
import { DraftPdfs } from './draft-pdfs';
import { readMeetingFacts, type MeetingFacts } from './facts';
import { unfilledLines, type UnfilledLine } from './fill-ins';
import { appendBlocks } from './fragment';
import { renderMinutesPdf } from './pdf';
import { blocksToHtml, blocksToText, minutesContentHash } from './render';
import { formatDocumentNumber, minutesSymbol, nextDocumentNumber, placeName, vietnamYear } from './numbering';
import { signOfficialMinutes } from './official';
import { findMinutes } from './state';
import { tasksForArchive } from '../tasks/record';
import { syncMinutesRecords } from './sync';
import { minutesTemplate, type MinutesLocale } from './template';
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
	/** The meeting's secretary (THƯ KÝ), who signs first; the chair approves after. */
	secretary: { id: string; displayName: string } | null;
	/** When the secretary signed the content as submitted; null until then, and again after a return to draft. */
	secretarySignedAt: string | null;
	/** "05/BB-UBND", assigned at approval. */
	documentNumber: string | null;
	archive: { seq: number; hash: string } | null;
	html: string;
	/** Lines of a draft still ending with the template's "…" (fill-ins nobody wrote); empty once submitted. */
	unfilled: UnfilledLine[];
}

export const startMinutesInput = z.object({ locale: z.enum(['vi', 'en']).default('vi') });
export const paragraphInput = z.object({ text: z.string().trim().min(1).max(20_000) });
/** The secretary's signature and the chair's approval: the password again, and the hash of what they read. */
export const approveInput = z.object({
	password: z.string().min(1).max(256),
	contentHash: z.string().regex(/^[0-9a-f]{64}$/)
});

/** The page-1 heading of the minutes PDF, the same for the draft and the signed copy (number and date aside). */
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

function secretaryOf(db: Queryable, meetingId: string): string | null {
	const meeting = db.select({ secretaryId: meetings.secretaryId, createdBy: meetings.createdBy }).from(meetings).where(eq(meetings.id, meetingId)).get();
	return meeting ? meetingSecretaryId(meeting) : null;
}

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
		return {
			meetingId,
			state: 'not_started',
			locale: 'vi',
			contentHash: null,
			submittedAt: null,
			submittedBy: null,
			approvedAt: null,
			approvedBy: null,
			secretary: person(db, secretaryOf(db, meetingId)),
			secretarySignedAt: null,
			documentNumber: null,
			archive: null,
			html: '',
			unfilled: []
		};
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
		secretary: person(db, secretaryOf(db, meetingId)),
		secretarySignedAt: row.secretarySignedHash !== null && row.secretarySignedHash === row.submittedHash ? (row.secretarySignedAt?.toISOString() ?? null) : null,
		documentNumber: row.docNumber !== null && row.docSymbol !== null ? formatDocumentNumber(row.docNumber, row.docSymbol) : null,
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
	const { meeting } = requireMeeting(db, actor, meetingId, 'edit_minutes');
	const row = requireMinutes(db, meetingId);
	if (row.state !== 'draft') throw new AppError(row.state === 'approved' ? 'minutes_approved' : 'minutes_not_draft', `the minutes are ${row.state}`);
	// Final results and attendance go in before the text is frozen.
	syncMinutesRecords(db, ctx.rooms, meetingId);
	const hash = minutesContentHash(readMinutesBlocks(ctx.rooms, meetingId));
	const now = new Date();
	db.transaction((tx) => {
		tx.update(minutes)
			.set({ state: 'submitted', submittedBy: actor.id, submittedAt: now, submittedHash: hash, ...NO_SECRETARY_SIGNATURE, updatedAt: now })
			.where(and(eq(minutes.meetingId, meetingId), eq(minutes.state, 'draft')))
			.run();
		audit(tx, { actorId: actor.id, action: 'minutes.submitted', subjectType: 'meeting', subjectId: meetingId, ip, data: { contentHash: hash } }, now);
	});
	// Same turn of the event loop as the hash: no edit can slip in between what was hashed and the freeze.
	ctx.events.roomAccessChanged([minutesRoom(meetingId)]);
	// The secretary signs first (signMinutes), then the chair approves: each is asked in turn.
	notify(db, { kind: 'minutes_to_sign', meetingId, userIds: [meetingSecretaryId(meeting)], params: { signer: 'secretary' } });
	return minutesView(db, ctx.rooms, meetingId);
}

/** What a writer is asked about before submitting: the draft's lines still ending with the template's "…". */
export function unfilledBeforeSubmit(db: Queryable, ctx: Pick<ServiceCtx, 'actor' | 'rooms'>, meetingId: string): UnfilledLine[] {
	requireMeeting(db, ctx.actor, meetingId, 'edit_minutes');
	return findMinutes(db, meetingId)?.state === 'draft' ? unfilledLines(readMinutesBlocks(ctx.rooms, meetingId)) : [];
}

/** A return to draft voids the secretary's signature: whatever is submitted next must be signed again. */
const NO_SECRETARY_SIGNATURE = { secretarySignedBy: null, secretarySignedAt: null, secretarySignedHash: null };

/** submitted → draft: the chair asked for changes, or the secretariat wants to add something. */
export function returnMinutes(db: Db, ctx: ServiceCtx, meetingId: string): MinutesView {
	const { actor, ip } = ctx;
	requireMeeting(db, actor, meetingId, 'edit_minutes');
	const row = requireMinutes(db, meetingId);
	if (row.state !== 'submitted') throw new AppError(row.state === 'approved' ? 'minutes_approved' : 'minutes_not_submitted', `the minutes are ${row.state}`);
	const now = new Date();
	db.transaction((tx) => {
		tx.update(minutes)
			.set({ state: 'draft', submittedBy: null, submittedAt: null, submittedHash: null, ...NO_SECRETARY_SIGNATURE, updatedAt: now })
			.where(and(eq(minutes.meetingId, meetingId), eq(minutes.state, 'submitted')))
			.run();
		audit(tx, { actorId: actor.id, action: 'minutes.returned', subjectType: 'meeting', subjectId: meetingId, ip }, now);
	});
	ctx.events.roomAccessChanged([minutesRoom(meetingId)]);
	syncMinutesRecords(db, ctx.rooms, meetingId);
	return minutesView(db, ctx.rooms, meetingId);
}

type SigningCtx = Omit<ServiceCtx, 'ip'> & { client: PasswordClient };

/**
 * The password again, as at sign-in: the same guard and the same count (auth/password-check.ts), so a signature
 * form is no way around the throttle. A refusal is audited under `refusedAction`.
 */
async function confirmPassword(db: Db, ctx: SigningCtx, meetingId: string, password: string, refusedAction: string): Promise<{ displayName: string }> {
	const { actor, client } = ctx;
	const signer = db.select({ username: users.username, displayName: users.displayName, passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id)).get();
	if (!signer) throw new AppError('wrong_password', 'the password is not correct');
	const check = await checkPassword(signer.username, client, () => verifyPassword(signer.passwordHash, password));
	if (check.outcome !== 'passed') {
		const reason = check.outcome === 'throttled' ? 'throttled' : 'wrong_password';
		audit(db, { actorId: actor.id, action: refusedAction, subjectType: 'meeting', subjectId: meetingId, ip: client.address, data: { reason } });
		throw passwordRefused(check);
	}
	return { displayName: signer.displayName };
}

/** The submitted minutes' state checks shared by both signatures, in the order the API documents them. */
function requireSubmitted(db: Queryable, meetingId: string, contentHash: string): MinutesRow {
	const row = requireMinutes(db, meetingId);
	if (row.state === 'approved') throw new AppError('minutes_approved', 'already approved');
	if (row.state !== 'submitted') throw new AppError('minutes_not_submitted', 'submit the minutes first');
	if (contentHash !== row.submittedHash) throw new AppError('minutes_changed', 'the minutes changed since they were submitted');
	return row;
}

/**
 * The secretary's signature (first of two): the meeting's secretary re-enters the password over the content hash
 * they read. Anyone else gets 403 — the secretariat included: the signature is a person's, not a role's. The
 * signature holds only while the minutes stay submitted with that hash; a return to draft clears it.
 */
export async function signMinutes(db: Db, ctx: SigningCtx, meetingId: string, raw: unknown): Promise<MinutesView> {
	const input = parseInput(approveInput, raw);
	const { actor } = ctx;
	const { meeting } = requireMeeting(db, actor, meetingId, 'view');
	if (meetingSecretaryId(meeting) !== actor.id) throw forbidden('only the meeting’s secretary signs the minutes first');
	const row = requireSubmitted(db, meetingId, input.contentHash);
	if (row.secretarySignedHash === row.submittedHash) throw new AppError('minutes_already_signed', 'the secretary has signed already');
	await confirmPassword(db, ctx, meetingId, input.password, 'minutes.signature_refused');
	// Read again after the password check (which takes time): the text is what was hashed, not what was asked about.
	const contentHash = minutesContentHash(readMinutesBlocks(ctx.rooms, meetingId));
	if (contentHash !== input.contentHash) throw new AppError('minutes_changed', 'the minutes changed since they were submitted');
	const now = new Date();
	db.transaction((tx) => {
		const changed = tx
			.update(minutes)
			.set({ secretarySignedBy: actor.id, secretarySignedAt: now, secretarySignedHash: contentHash, updatedAt: now })
			.where(and(eq(minutes.meetingId, meetingId), eq(minutes.state, 'submitted'), eq(minutes.submittedHash, contentHash)))
			.run().changes;
		if (changed !== 1) throw new AppError('minutes_changed', 'the minutes changed');
		audit(tx, { actorId: actor.id, action: 'minutes.secretary_signed', subjectType: 'meeting', subjectId: meetingId, ip: ctx.client.address, data: { contentHash } }, now);
	});
	notify(db, { kind: 'minutes_to_sign', meetingId, userIds: chairIds(db, meetingId), params: { signer: 'chair' } });
	return minutesView(db, ctx.rooms, meetingId);
}

/** Who approves the minutes with the second signature. */
function chairIds(db: Queryable, meetingId: string): string[] {
	return db
		.select({ userId: meetingParticipants.userId })
		.from(meetingParticipants)
		.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.role, 'chair')))
		.all()
		.map((p) => p.userId);
}

/** An approval whose planned record number or document number was taken meanwhile by another approval. */
class NumbersTaken extends Error {}

/**
 * submitted → approved: the chair approves (second signature) by re-entering the password, once the secretary has
 * signed the same content. The minutes PDF gets its number, place and date, then both PAdES signatures, the
 * secretary's revision and then the chair's (minutes/official.ts); the archive record (with the PDF and a snapshot
 * of the shared annotations) is written, chained to the previous record and indexed for search in one FULL-sync
 * transaction; from then on every room of the meeting is read-only and every change refused.
 */
export async function approveMinutes(db: Db, ctx: SigningCtx, meetingId: string, raw: unknown): Promise<MinutesView> {
	const input = parseInput(approveInput, raw);
	const { actor, client } = ctx;
	const ip = client.address;
	const { meeting } = requireMeeting(db, actor, meetingId, 'approve_minutes');
	const row = requireSubmitted(db, meetingId, input.contentHash);
	if (row.secretarySignedHash !== row.submittedHash || !row.secretarySignedBy || !row.secretarySignedAt) {
		throw new AppError('secretary_signature_missing', 'the secretary signs first');
	}
	const open = db.select({ id: motions.id }).from(motions).where(and(eq(motions.meetingId, meetingId), eq(motions.state, 'open'))).get();
	if (open) throw new AppError('vote_still_open', 'a vote is still open');
	const signer = await confirmPassword(db, ctx, meetingId, input.password, 'minutes.approval_refused');

	const blocks = readMinutesBlocks(ctx.rooms, meetingId);
	const contentHash = minutesContentHash(blocks);
	if (contentHash !== row.submittedHash) throw new AppError('minutes_changed', 'the minutes changed since they were submitted');
	const facts = readMeetingFacts(db, meetingId);
	const locale = row.locale as MinutesLocale;
	const secretaryName = person(db, row.secretarySignedBy)?.displayName ?? '';
	const annotations = snapshotAnnotations(
		ctx.rooms,
		facts.documents.map((d) => d.id)
	);
	const text = blocksToText(blocks);

	// The record's number and the document number are printed in the PDF, which is signed before the transaction
	// that takes them: planned here, checked there, and planned again in the rare case another approval took them.
	for (let attempt = 1; ; attempt++) {
		const signedAt = new Date();
		const year = vietnamYear(signedAt);
		const plan = { seq: nextArchiveSeq(db), docNumber: nextDocumentNumber(db, meeting.body, year) };
		const symbol = minutesSymbol(meeting.body);
		const official = await signOfficialMinutes(db, {
			pdf: { locale, ...pdfHeading(facts.meeting, locale), blocks },
			body: meeting.body,
			number: formatDocumentNumber(plan.docNumber, symbol),
			place: placeName(meeting.body),
			archiveSeq: plan.seq,
			contentHash,
			secretary: { userId: row.secretarySignedBy, name: secretaryName, confirmedAt: row.secretarySignedAt },
			chair: { userId: actor.id, name: signer.displayName, confirmedAt: signedAt }
		});
		// The minutes PDF goes into the same content-addressed store as documents, fsynced before it is named.
		const pdfSha256 = await storeBytes(fileStore(config().filesDir), official.pdf);
		try {
			db.transaction((tx) => {
				// Checked again inside the transaction: two approvals racing each other write one record.
				const current = findMinutes(tx, meetingId);
				if (current?.state !== 'submitted' || current.submittedHash !== contentHash || current.secretarySignedHash !== contentHash) {
					throw new AppError('minutes_changed', 'the minutes changed');
				}
				if (nextArchiveSeq(tx) !== plan.seq || nextDocumentNumber(tx, meeting.body, year) !== plan.docNumber) throw new NumbersTaken();
				const { seq, hash } = appendToArchive(
					tx,
					meetingId,
					{
						facts,
						minutes: { locale, blocks, text, html: blocksToHtml(blocks), contentHash, startedBy: row.createdBy, submittedBy: row.submittedBy, submittedAt: row.submittedAt },
						signature: official.signatures[1],
						signatures: official.signatures,
						document: { number: formatDocumentNumber(plan.docNumber, symbol), symbol, year, place: placeName(meeting.body), date: signedAt.toISOString() },
						annotations,
						minutesPdfSha256: pdfSha256,
						// Read inside the transaction: tasks are made only from a draft, so this is the final list.
						tasks: tasksForArchive(tx, meetingId)
					},
					signedAt
				);
				tx.update(minutes)
					.set({ state: 'approved', approvedBy: actor.id, approvedAt: signedAt, docNumber: plan.docNumber, docYear: year, docSymbol: symbol, updatedAt: signedAt })
					.where(eq(minutes.meetingId, meetingId))
					.run();
				tx.update(meetings).set({ status: 'closed', updatedAt: signedAt }).where(eq(meetings.id, meetingId)).run();
				audit(tx, { actorId: actor.id, action: 'minutes.approved', subjectType: 'meeting', subjectId: meetingId, ip, data: { seq, hash, contentHash, signedHash: contentHash, pdfSha256 } }, signedAt);
			});
		} catch (e) {
			if (e instanceof NumbersTaken && attempt < 3) continue;
			throw e;
		}
		break;
	}

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
	const signers = { secretary: person(db, secretaryOf(db, meetingId))?.displayName ?? '', chair: facts.participants.find((p) => p.role === 'chair')?.displayName ?? '' };
	const bytes = await draftPdfs.get(meetingId, { locale, ...pdfHeading(facts.meeting, locale), blocks: readMinutesBlocks(rooms, meetingId), signers, official: null });
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
