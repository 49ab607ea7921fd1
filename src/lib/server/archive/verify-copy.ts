import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { canInMeeting, type Actor } from '../auth/policy';
import type { Queryable } from '../db/client';
import { archiveRecords, meetingParticipants, type ArchiveRecordRow } from '../db/schema';
import { checkPdfSignatures, type PdfSignatureCheck } from '../signing/verify';
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
	seq: number;
	hash: string;
	meetingId: string;
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

function describe(row: ArchiveRecordRow & { meetingId: string }): RecordMatch & { contentHash: string } {
	const record = recordShape.parse(JSON.parse(row.record));
	// Records from before the secretary's signature carry the chair's approval only.
	const signers: Signer[] = record.signatures
		? record.signatures.map((s) => ({ displayName: s.name, role: s.role, signedAt: s.signedAt }))
		: record.approval
			? [{ displayName: record.approval.name, role: 'chair', signedAt: record.approval.signedAt }]
			: [];
	return {
		match: true,
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
	// A poll's summary PDF is not a signed copy of minutes: /verify names minutes only.
	if (!row || row.meetingId === null || !mayRead(db, actor, row.meetingId)) return { ...NO_MATCH, pdfSignatures };
	const { contentHash: _contentHash, ...found } = describe({ ...row, meetingId: row.meetingId });
	return { ...found, pdfSignatures };
}

const CODE = /^QUORUM-BB\/1 (\d{1,9}) ([0-9a-f]{64})$/;

/** The footer's QR code or line as scanned or typed: the record it names, if it holds that content and may be read. */
export function verifyCode(db: Queryable, actor: Actor, code: string): RecordMatch | NoMatch {
	const parsed = CODE.exec(code.trim());
	if (!parsed) return NO_MATCH;
	const row = db.select().from(archiveRecords).where(eq(archiveRecords.seq, Number(parsed[1]))).get();
	if (!row || row.meetingId === null || !mayRead(db, actor, row.meetingId)) return NO_MATCH;
	const { contentHash, ...found } = describe({ ...row, meetingId: row.meetingId });
	return contentHash === parsed[2] ? found : NO_MATCH;
}
