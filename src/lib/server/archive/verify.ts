import fs from 'node:fs';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import { archiveRecords } from '../db/schema';
import { blobPath, type FileStore } from '../documents/storage';
import { checkPdfSignatures } from '../signing/verify';
import { sha256Hex } from './canonical';
import { verifyChain, type ChainReport } from './chain';

/** Re-checks the archive chain in the database and the minutes PDFs in the file store. */
export function verifyArchive(db: Queryable, store: FileStore): ChainReport {
	const rows = db.select().from(archiveRecords).orderBy(asc(archiveRecords.seq)).all();
	return verifyChain(rows, (sha256) => {
		try {
			return sha256Hex(fs.readFileSync(blobPath(store, sha256)));
		} catch {
			return null;
		}
	});
}

export type SignatureReport =
	| { ok: true; pdfs: number; signatures: number }
	| { ok: false; pdfs: number; seq: number; meetingId: string | null; reason: string };

const signedRecord = z.object({ signatures: z.array(z.object({ role: z.string(), certificate: z.object({ sha256: z.string() }) })).optional() });

/**
 * Re-checks the PAdES signatures of every archived minutes PDF: as many as the record lists, each valid over the
 * bytes it covers, made with the certificate the record names, in the record's order, the last covering the whole
 * file. Records from before the PDFs were signed list no signatures and are skipped.
 */
export async function verifyArchiveSignatures(db: Queryable, store: FileStore): Promise<SignatureReport> {
	const rows = db.select().from(archiveRecords).orderBy(asc(archiveRecords.seq)).all();
	let pdfs = 0;
	let signatures = 0;
	for (const row of rows) {
		const expected = signedRecord.parse(JSON.parse(row.record)).signatures;
		if (!expected) continue;
		const fail = (reason: string): SignatureReport => ({ ok: false, pdfs, seq: row.seq, meetingId: row.meetingId, reason });
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await fs.promises.readFile(blobPath(store, row.pdfSha256)));
		} catch {
			return fail('the minutes PDF is missing');
		}
		const checks = await checkPdfSignatures(bytes);
		if (checks.length !== expected.length) return fail(`the PDF holds ${checks.length} signature(s), the record lists ${expected.length}`);
		for (const [i, check] of checks.entries()) {
			const role = expected[i]!.role;
			if (!check.valid) return fail(`the ${role}'s PDF signature is not valid: ${check.problem ?? 'unknown reason'}`);
			if (check.signer?.sha256 !== expected[i]!.certificate.sha256) return fail(`the ${role}'s PDF signature was made with another certificate than the record names`);
		}
		if (checks.length > 0 && !checks.at(-1)!.coversWholeFile) return fail('something was appended to the PDF after its last signature');
		pdfs++;
		signatures += checks.length;
	}
	return { ok: true, pdfs, signatures };
}
