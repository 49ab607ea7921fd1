import { asc, eq, inArray } from 'drizzle-orm';
import { appendPollToArchive, nextArchiveSeq } from '../archive/append';
import { canonicalJson, sha256Hex } from '../archive/canonical';
import { audit } from '../audit';
import { config } from '../config';
import type { Db, Queryable } from '../db/client';
import { archiveRecords, documents, pollAnswers, pollDocuments, pollMembers, polls, pollSecretAnswers, pollSecretVoters, users, type PollRow } from '../db/schema';
import { fileStore, storeBytes, type FileStore } from '../documents/storage';
import { renderMinutesPdf } from '../minutes/pdf';
import { bodyAbbreviation, placeName } from '../minutes/numbering';
import { pollSearchText, pollSummaryPdfInput, type PollSummaryFacts } from './summary';
import { compareVi } from '$lib/collation';

/**
 * A closed poll goes into the archive's hash chain like approved minutes: one canonical-JSON record with the poll,
 * its electorate, its documents (by hash), every answer and comment, the result with its rule and numbers, and the
 * SHA-256 of the summary PDF "Tổng hợp ý kiến thành viên", which is kept in the content-addressed file store. The
 * record and its search entry are written in one transaction. Closing and archiving are two steps (the PDF is
 * rendered between them, outside any transaction); a poll closed but not yet archived (a crash in between) is
 * archived by the next settle, which `archivePendingPolls` finds by the missing record.
 */

export function pollArchiveRow(db: Queryable, pollId: string) {
	return db.select().from(archiveRecords).where(eq(archiveRecords.pollId, pollId)).get() ?? null;
}

/** "03/TH-UBND": the summary's number is its record's place in the archive, with the symbol of a summary (TH: tổng hợp). */
export function pollSummaryNumber(seq: number, body: string): string {
	const abbreviation = bodyAbbreviation(body);
	return `${String(seq).padStart(2, '0')}/${abbreviation ? `TH-${abbreviation}` : 'TH'}`;
}

export function pollSummaryFacts(db: Queryable, poll: PollRow): PollSummaryFacts {
	if (poll.state !== 'closed' || !poll.result || !poll.closedAt || !poll.closeReason) throw new Error(`poll ${poll.id} is not closed`);
	const members = db
		.select({ userId: users.id, displayName: users.displayName })
		.from(pollMembers)
		.innerJoin(users, eq(users.id, pollMembers.userId))
		.where(eq(pollMembers.pollId, poll.id))
		.all()
		.sort((a, b) => compareVi(a.displayName, b.displayName) || a.userId.localeCompare(b.userId));
	const docs = db
		.select({ id: documents.id, title: documents.title, sha256: documents.sha256, meetingId: documents.meetingId, version: documents.version })
		.from(pollDocuments)
		.innerJoin(documents, eq(documents.id, pollDocuments.documentId))
		.where(eq(pollDocuments.pollId, poll.id))
		.orderBy(asc(pollDocuments.position))
		.all();
	const creator = db.select({ displayName: users.displayName }).from(users).where(eq(users.id, poll.createdBy)).get();
	const names = new Map(members.map((m) => [m.userId, m.displayName]));
	let named: PollSummaryFacts['named'] = null;
	let anonymous: PollSummaryFacts['anonymous'] = null;
	let answeredIds: string[];
	if (poll.ballot === 'open') {
		const rows = db.select().from(pollAnswers).where(eq(pollAnswers.pollId, poll.id)).all();
		named = rows
			.map((r) => ({ userId: r.userId, displayName: names.get(r.userId) ?? r.userId, choice: r.choice, comment: r.comment, final: r.final }))
			.sort((a, b) => compareVi(a.displayName, b.displayName) || a.userId.localeCompare(b.userId));
		answeredIds = rows.map((r) => r.userId);
	} else {
		// Sorted by content: the stored order is random already, and a sorted list says nothing about who wrote what.
		anonymous = db
			.select({ choice: pollSecretAnswers.choice, comment: pollSecretAnswers.comment })
			.from(pollSecretAnswers)
			.where(eq(pollSecretAnswers.pollId, poll.id))
			.all()
			.sort((a, b) => a.choice.localeCompare(b.choice) || compareVi(a.comment, b.comment));
		answeredIds = db
			.select({ userId: pollSecretVoters.userId })
			.from(pollSecretVoters)
			.where(eq(pollSecretVoters.pollId, poll.id))
			.all()
			.map((r) => r.userId);
	}
	return {
		title: poll.title,
		text: poll.text,
		body: poll.body,
		ballot: poll.ballot,
		deadline: poll.deadline,
		closedAt: poll.closedAt,
		closeReason: poll.closeReason,
		createdByName: creator?.displayName ?? '',
		members,
		documents: docs,
		result: poll.result,
		named,
		anonymous,
		answeredIds
	};
}

function buildPollRecord(poll: PollRow, facts: PollSummaryFacts, docs: { id: string; title: string; sha256: string; meetingId: string; version: number }[], summaryHash: string, document: { number: string; place: string; date: string }, pdfSha256: string): Record<string, unknown> {
	return {
		format: 'quorum-poll-record/1',
		poll: {
			id: poll.id,
			title: poll.title,
			text: poll.text,
			body: poll.body,
			bodyType: poll.bodyType,
			ballot: poll.ballot,
			majority: poll.majority,
			deadline: poll.deadline.toISOString(),
			createdBy: poll.createdBy,
			createdAt: poll.createdAt.toISOString(),
			closedAt: poll.closedAt!.toISOString(),
			closedBy: poll.closedBy,
			closeReason: poll.closeReason
		},
		members: facts.members,
		documents: docs,
		answers: facts.named ? facts.named.map((a) => ({ ...a })) : facts.anonymous,
		answeredIds: [...facts.answeredIds].sort(),
		result: poll.result,
		summaryContentHash: summaryHash,
		document,
		pdfSha256
	};
}

class SeqTaken extends Error {}

// One archiving per poll at a time in this process: the timer and a read may both find the same poll pending.
const KEY = Symbol.for('quorum.polls.archiving');
const inFlight: Map<string, Promise<void>> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Map<string, Promise<void>>;

/** Archives a closed poll once; a second call while the first runs waits for it. */
export function archivePoll(db: Db, pollId: string, store: FileStore = fileStore(config().filesDir)): Promise<void> {
	const running = inFlight.get(pollId);
	if (running) return running;
	const job = archiveNow(db, pollId, store).finally(() => inFlight.delete(pollId));
	inFlight.set(pollId, job);
	return job;
}

async function archiveNow(db: Db, pollId: string, store: FileStore): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		const poll = db.select().from(polls).where(eq(polls.id, pollId)).get();
		if (!poll || poll.state !== 'closed' || pollArchiveRow(db, pollId)) return;
		const facts = pollSummaryFacts(db, poll);
		const docs = db
			.select({ id: documents.id, title: documents.title, sha256: documents.sha256, meetingId: documents.meetingId, version: documents.version })
			.from(pollDocuments)
			.innerJoin(documents, eq(documents.id, pollDocuments.documentId))
			.where(eq(pollDocuments.pollId, pollId))
			.orderBy(asc(pollDocuments.position))
			.all();
		// What the footer and QR code name: the summary's content (the PDF's own hash cannot be printed inside it).
		const summaryHash = sha256Hex(canonicalJson(JSON.parse(JSON.stringify(facts))));
		const seq = nextArchiveSeq(db);
		const at = poll.closedAt!;
		const document = { number: pollSummaryNumber(seq, poll.body), place: placeName(poll.body), date: at.toISOString() };
		const pdf = await renderMinutesPdf(pollSummaryPdfInput(facts, { ...document, archiveSeq: seq, contentHash: summaryHash }));
		const pdfSha256 = await storeBytes(store, pdf);
		try {
			db.transaction((tx) => {
				if (pollArchiveRow(tx, pollId)) return;
				// Another record took this place while the PDF was drawn: draw it again with the next number.
				if (nextArchiveSeq(tx) !== seq) throw new SeqTaken();
				const record = buildPollRecord(poll, facts, docs, summaryHash, document, pdfSha256);
				const link = appendPollToArchive(tx, pollId, record, pdfSha256, { title: poll.title, text: pollSearchText(facts) }, new Date());
				audit(tx, { actorId: null, action: 'poll.archive', subjectType: 'poll', subjectId: pollId, ip: null, data: { title: poll.title, seq: link.seq, hash: link.hash, pdfSha256 } });
			});
		} catch (e) {
			if (e instanceof SeqTaken && attempt < 3) continue;
			throw e;
		}
		return;
	}
}

/** Closed polls without their archive record yet (closed a moment ago, or before a crash). */
export function pendingArchiveIds(db: Queryable): string[] {
	const closed = db.select({ id: polls.id }).from(polls).where(eq(polls.state, 'closed')).all().map((r) => r.id);
	if (closed.length === 0) return [];
	const archived = new Set(
		db
			.select({ pollId: archiveRecords.pollId })
			.from(archiveRecords)
			.where(inArray(archiveRecords.pollId, closed))
			.all()
			.map((r) => r.pollId)
	);
	return closed.filter((id) => !archived.has(id));
}
