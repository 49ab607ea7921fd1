import { canonicalJson, sha256Hex } from './canonical';

/** The `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** A record's link in the chain: its position, the link before it and its content, hashed together. */
export function chainHash(seq: number, prevHash: string, contentHash: string): string {
	return sha256Hex(`quorum-archive-v1\n${seq}\n${prevHash}\n${contentHash}`);
}

export interface ChainRow {
	seq: number;
	/** The archived meeting; null for a poll's record. */
	meetingId: string | null;
	/** The archived written opinion poll (migration 0014); null (or absent) for a meeting's record. */
	pollId?: string | null;
	record: string;
	contentHash: string;
	prevHash: string;
	hash: string;
	pdfSha256: string;
}

export type ChainReport =
	| { ok: true; records: number; head: string }
	| { ok: false; records: number; seq: number; meetingId: string | null; pollId?: string | null; reason: string };

/**
 * Re-checks the whole archive in order and names the first record that does not hold: a changed byte in the
 * record, a record whose stored hashes were "fixed" to match, a removed or reordered record, a replaced PDF.
 * `pdfHash` returns the SHA-256 of a stored PDF by its recorded hash, or null when the file is missing.
 */
export function verifyChain(rows: Iterable<ChainRow>, pdfHash?: (sha256: string) => string | null): ChainReport {
	let expectedSeq = 1;
	let prev = GENESIS_HASH;
	let count = 0;
	for (const row of rows) {
		const fail = (reason: string): ChainReport => ({ ok: false, records: count, seq: row.seq, meetingId: row.meetingId, pollId: row.pollId ?? null, reason });
		if (row.seq !== expectedSeq) return fail(`expected record ${expectedSeq} here: a record is missing or out of order`);
		if (row.prevHash !== prev) return fail('prevHash does not match the previous record');
		if (sha256Hex(row.record) !== row.contentHash) return fail('the record does not match its content hash');
		let parsed: unknown;
		try {
			parsed = JSON.parse(row.record);
		} catch {
			return fail('the record is not JSON');
		}
		if (canonicalJson(parsed) !== row.record) return fail('the record is not in canonical form');
		const content = parsed as { meeting?: { id?: unknown }; minutesPdfSha256?: unknown; poll?: { id?: unknown }; pdfSha256?: unknown };
		if (row.pollId) {
			// A poll's record (src/lib/server/polls/archive.ts) names its poll and its summary PDF.
			if (row.meetingId !== null || content.poll?.id !== row.pollId) return fail('the record belongs to another poll');
			if (content.pdfSha256 !== row.pdfSha256) return fail('the PDF hash differs from the one in the record');
		} else {
			if (content.meeting?.id !== row.meetingId) return fail('the record belongs to another meeting');
			if (content.minutesPdfSha256 !== row.pdfSha256) return fail('the PDF hash differs from the one in the record');
		}
		if (chainHash(row.seq, row.prevHash, row.contentHash) !== row.hash) return fail('the chain hash does not match');
		if (pdfHash) {
			const actual = pdfHash(row.pdfSha256);
			if (actual === null) return fail(row.pollId ? 'the poll summary PDF is missing' : 'the minutes PDF is missing');
			if (actual !== row.pdfSha256) return fail(row.pollId ? 'the poll summary PDF was changed' : 'the minutes PDF was changed');
		}
		prev = row.hash;
		expectedSeq++;
		count++;
	}
	return { ok: true, records: count, head: prev };
}
