import { eq, max } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { archiveRecords } from '../db/schema';
import { chainHash, GENESIS_HASH } from './chain';
import { buildArchiveRecord, serializeRecord, type ArchiveInput } from './record';
import { indexArchivedMeeting, indexArchivedPoll } from './search';

/**
 * Appends a meeting's record to the archive chain and indexes its minutes for search, inside the caller's
 * transaction: the record, its place in the chain and its search entry are written together or not at all.
 */
/** The number the next record will get. */
export function nextArchiveSeq(tx: Queryable): number {
	return (tx.select({ seq: max(archiveRecords.seq) }).from(archiveRecords).get()?.seq ?? 0) + 1;
}

export function appendToArchive(tx: Queryable, meetingId: string, input: ArchiveInput, at: Date): { seq: number; hash: string } {
	const link = appendRecord(tx, { meetingId }, buildArchiveRecord(input), input.minutesPdfSha256, at);
	indexArchivedMeeting(tx, meetingId, { title: input.facts.meeting.title, text: input.minutes.text });
	return link;
}

/** Appends a written opinion poll's record (src/lib/server/polls/archive.ts) and indexes it, like a meeting's. */
export function appendPollToArchive(
	tx: Queryable,
	pollId: string,
	record: Record<string, unknown>,
	pdfSha256: string,
	search: { title: string; text: string },
	at: Date
): { seq: number; hash: string } {
	const link = appendRecord(tx, { pollId }, record, pdfSha256, at);
	indexArchivedPoll(tx, pollId, search);
	return link;
}

function appendRecord(tx: Queryable, owner: { meetingId: string } | { pollId: string }, record: Record<string, unknown>, pdfSha256: string, at: Date): { seq: number; hash: string } {
	const last = tx.select({ seq: max(archiveRecords.seq) }).from(archiveRecords).get()?.seq ?? 0;
	const prevHash = last === 0 ? GENESIS_HASH : tx.select({ hash: archiveRecords.hash }).from(archiveRecords).where(eq(archiveRecords.seq, last)).get()!.hash;
	const serialized = serializeRecord(record);
	const seq = last + 1;
	const hash = chainHash(seq, prevHash, serialized.contentHash);
	tx.insert(archiveRecords)
		.values({
			seq,
			meetingId: 'meetingId' in owner ? owner.meetingId : null,
			pollId: 'pollId' in owner ? owner.pollId : null,
			record: serialized.text,
			contentHash: serialized.contentHash,
			prevHash,
			hash,
			pdfSha256,
			createdAt: at
		})
		.run();
	return { seq, hash };
}
