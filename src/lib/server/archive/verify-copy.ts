import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { canInMeeting, canInPoll, type Actor } from '../auth/policy';
import type { Queryable } from '../db/client';
import { archiveRecords, meetingParticipants, type ArchiveRecordRow } from '../db/schema';
import { checkPdfSignatures, type PdfSignatureCheck } from '../signing/verify';
import { isPollMember } from '../polls/access';
import { sha256Hex } from './canonical';

/**
 * "Is this paper the archived minutes?" for anyone signed in: a PDF someone handed over is the archived one when its
 * SHA-256 is a record's `pdfSha256` — byte for byte, so one changed byte is no match. A scanned footer code
 * ("QUORUM-BB/1 <seq> <content hash>") names a record and the content it holds. Only records the caller may read
 * can match: for a meeting they cannot see, the answer is the same "no match" as for a forgery, so the endpoint
 * cannot be used to learn which meetings exist. The PDF's own signatures are checked either way: a forged or
 * altered copy is shown as such.
 */

export interface Signer {
	displayName: string;
	role: 'secretary' | 'chair';
	signedAt: string;
}

export interface RecordMatch {
	match: true;
	/** What the record archives: a meeting's minutes, or a written opinion poll's summary (migration 0014). */
	kind: 'minutes' | 'poll';
	seq: number;
	hash: string;
	/** Null for a poll. */
	meetingId: string | null;
	pollId?: string;
	title: string;
	documentNumber: string | null;
	signers: Signer[];
}

export type NoMatch = { match: false; seq: null; hash: null; signers: [] };

export type CopyVerdict = (RecordMatch | NoMatch) & { pdfSignatures: { valid: boolean; coversWholeFile: boolean; signer: string | null; signingTime: string | null }[] };

const NO_MATCH: NoMatch = { match: false, seq: null, hash: null, signers: [] };

const recordShape = z.object({
	meeting: z.object({ title: z.string() }),
	approval: z.object({ name: z.string(), signedAt: z.string() }).optional(),
	signatures: z.array(z.object({ name: z.string(), role: z.enum(['secretary', 'chair']), signedAt: z.string() })).optional(),
	document: z.object({ number: z.string() }).optional(),
	minutes: z.object({ contentHash: z.string() })
});

function mayRead(db: Queryable, actor: Actor, meetingId: string): boolean {
	const participation = db
		.select({ role: meetingParticipants.role, canVote: meetingParticipants.canVote })
		.from(meetingParticipants)
		.where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, actor.id)))
		.get();
	return canInMeeting(actor, participation ?? null, 'view');
}

/** A poll's record is read by the secretariat and the poll's members (polls/access.ts), a meeting's by its readers. */
function mayReadRecord(db: Queryable, actor: Actor, row: ArchiveRecordRow): boolean {
	if (row.pollId) return canInPoll(actor, isPollMember(db, row.pollId, actor.id), 'view');
	return row.meetingId !== null && mayRead(db, actor, row.meetingId);
}

const pollRecordShape = z.object({ poll: z.object({ id: z.string(), title: z.string() }), document: z.object({ number: z.string() }), summaryContentHash: z.string() });

function describeAny(row: ArchiveRecordRow): RecordMatch & { contentHash: string } {
	if (!row.pollId) return describe(row);
	// A poll's summary is not signed: its footer names the record and the summary's content hash.
	const record = pollRecordShape.parse(JSON.parse(row.record));
	return {
		match: true,
		kind: 'poll',
		seq: row.seq,
		hash: row.hash,
		meetingId: null,
		pollId: record.poll.id,
		title: record.poll.title,
		documentNumber: record.document.number,
		signers: [],
		contentHash: record.summaryContentHash
	};
}

function describe(row: ArchiveRecordRow): RecordMatch & { contentHash: string } {
	const record = recordShape.parse(JSON.parse(row.record));
	// Records from before the secretary's signature carry the chair's approval only.
	const signers: Signer[] = record.signatures
		? record.signatures.map((s) => ({ displayName: s.name, role: s.role, signedAt: s.signedAt }))
		: record.approval
			? [{ displayName: record.approval.name, role: 'chair', signedAt: record.approval.signedAt }]
			: [];
	return {
		match: true,
		kind: 'minutes',
		seq: row.seq,
		hash: row.hash,
		meetingId: row.meetingId,
		title: record.meeting.title,
		documentNumber: record.document?.number ?? null,
		signers,
		contentHash: record.minutes.contentHash
	};
}

const summary = (checks: PdfSignatureCheck[]): CopyVerdict['pdfSignatures'] =>
	checks.map((c) => ({ valid: c.valid, coversWholeFile: c.coversWholeFile, signer: c.signer?.commonName ?? null, signingTime: c.signingTime }));

export async function verifyCopy(db: Queryable, actor: Actor, pdf: Uint8Array): Promise<CopyVerdict> {
	const sha256 = sha256Hex(pdf);
	const pdfSignatures = summary(await checkPdfSignatures(pdf));
	const row = db.select().from(archiveRecords).where(eq(archiveRecords.pdfSha256, sha256)).get();
	if (!row || !mayReadRecord(db, actor, row)) return { ...NO_MATCH, pdfSignatures };
	const { contentHash: _contentHash, ...found } = describeAny(row);
	return { ...found, pdfSignatures };
}

const CODE = /^QUORUM-BB\/1 (\d{1,9}) ([0-9a-f]{64})$/;

/** The footer's QR code or line as scanned or typed: the record it names, if it holds that content and may be read. */
export function verifyCode(db: Queryable, actor: Actor, code: string): RecordMatch | NoMatch {
	const parsed = CODE.exec(code.trim());
	if (!parsed) return NO_MATCH;
	const row = db.select().from(archiveRecords).where(eq(archiveRecords.seq, Number(parsed[1]))).get();
	if (!row || !mayReadRecord(db, actor, row)) return NO_MATCH;
	const { contentHash, ...found } = describeAny(row);
	return contentHash === parsed[2] ? found : NO_MATCH;
}
