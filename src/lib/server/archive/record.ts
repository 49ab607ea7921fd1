import * as Y from 'yjs';
import { listMarks, repliesTo, type Mark, type Reply } from '$lib/collab/annotations';
import { sharedAnnotationsRoom } from '$lib/collab/room-names';
import type { MinutesBlock, MinutesSignature } from '$lib/minutes/blocks';
import type { RoomDocs } from '../context';
import type { MeetingFacts } from '../minutes/facts';
import type { ArchivedTask } from '../tasks/record';
import { canonicalJson, sha256Hex } from './canonical';

/** The shared annotations of one document as they stood at approval. */
export interface AnnotationSnapshot {
	documentId: string;
	/** SHA-256 of the room's Yjs state: the exact bytes behind the marks below. */
	stateSha256: string;
	marks: (Mark & { replies?: Reply[] })[];
}

export interface ArchiveInput {
	facts: MeetingFacts;
	minutes: {
		locale: string;
		blocks: MinutesBlock[];
		text: string;
		html: string;
		contentHash: string;
		startedBy: string;
		submittedBy: string | null;
		submittedAt: Date | null;
	};
	/** The chair's approval, as records before two signatures had it. */
	signature: ArchivedSignature;
	/** Both signatures in the order they were given: the secretary's, then the chair's. */
	signatures: ArchivedSignature[];
	/** The document's number and symbol, place and date (Decree 30/2020/NĐ-CP). */
	document: { number: string; symbol: string; year: number; place: string; date: string };
	annotations: AnnotationSnapshot[];
	minutesPdfSha256: string;
	/** The tasks the minutes created (tasks/record.ts), as they stood at approval. */
	tasks: ArchivedTask[];
}

/** A signature of the minutes: the person's consent (password over the content hash) and the PAdES certificate. */
export interface ArchivedSignature extends MinutesSignature {
	role: 'secretary' | 'chair';
	userId: string;
	/** When the PDF signature was made (the signature dictionary's /M); `signedAt` is the password confirmation. */
	pdfSignedAt: string;
	certificate: { commonName: string; subject: string; issuer: string; serial: string; sha256: string; source: 'user' | 'body' };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The archive record of a meeting: everything a reader needs years later without the live system — who was
 * there, what was on the table (documents by hash), what was decided and how, what the minutes say and who
 * signed them. Plain JSON (dates as ISO strings) so its canonical form, and therefore its hash, is stable.
 */
export function buildArchiveRecord(input: ArchiveInput): Record<string, unknown> {
	const { facts } = input;
	return {
		format: 'quorum-archive-record/1',
		meeting: {
			id: facts.meeting.id,
			title: facts.meeting.title,
			body: facts.meeting.body,
			location: facts.meeting.location,
			startsAt: iso(facts.meeting.startsAt),
			endsAt: iso(facts.meeting.endsAt)
		},
		participants: facts.participants.map((p) => ({ userId: p.userId, displayName: p.displayName, role: p.role, canVote: p.canVote, attendance: p.attendance })),
		proxies: facts.proxies,
		agenda: facts.agenda,
		documents: facts.documents,
		speakers: facts.speakers.map((s) => ({ ...s, startedAt: iso(s.startedAt) })),
		motions: facts.motions.map((m) => ({ ...m, openedAt: iso(m.openedAt), closedAt: iso(m.closedAt) })),
		minutes: {
			locale: input.minutes.locale,
			contentHash: input.minutes.contentHash,
			blocks: input.minutes.blocks,
			text: input.minutes.text,
			html: input.minutes.html,
			startedBy: input.minutes.startedBy,
			submittedBy: input.minutes.submittedBy,
			submittedAt: iso(input.minutes.submittedAt)
		},
		approval: input.signature,
		signatures: input.signatures,
		document: input.document,
		annotations: input.annotations,
		minutesPdfSha256: input.minutesPdfSha256,
		tasks: input.tasks
	};
}

/** The record as stored: canonical JSON (normalised through JSON first, so only JSON values remain). */
export function serializeRecord(record: Record<string, unknown>): { text: string; contentHash: string } {
	const text = canonicalJson(JSON.parse(JSON.stringify(record)));
	return { text, contentHash: sha256Hex(text) };
}

/** Snapshots the shared annotation rooms of the meeting's documents. */
export function snapshotAnnotations(rooms: RoomDocs, documentIds: string[]): AnnotationSnapshot[] {
	return documentIds.map((documentId) => {
		const state = rooms.snapshot(sharedAnnotationsRoom(documentId));
		const doc = new Y.Doc();
		try {
			if (state.byteLength > 0) Y.applyUpdate(doc, state);
			const marks = listMarks(doc).map((mark) => {
				const replies = mark.kind === 'note' ? repliesTo(doc, mark.id) : [];
				return replies.length > 0 ? { ...mark, replies } : mark;
			});
			return { documentId, stateSha256: sha256Hex(state), marks };
		} finally {
			doc.destroy();
		}
	});
}
