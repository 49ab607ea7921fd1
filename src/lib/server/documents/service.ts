import { and, eq, max } from 'drizzle-orm';
import fs from 'node:fs';
import type { DocumentView } from '$lib/api-types';
import { audit } from '../audit';
import { config } from '../config';
import type { Db, Queryable } from '../db/client';
import { agendaItems, documentPages, documents, type DocumentRow } from '../db/schema';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { requireMeeting } from '../meetings/access';
import { noticeDocumentUploaded } from '../notices/meeting-notices';
import { requireDocument } from './access';
import type { ServiceCtx } from '../context';
import { storeOf, type StoreOptions } from './files';
import { documentTitle, MAX_TITLE } from './naming';
import { identityText, parseInput } from '../validation';
import { z } from 'zod';
import { findDocumentView, latestVersionOf } from './list';
import { inspectPdf, type PdfFacts } from './inspect';
import { carryAfterUpload } from '../versions/carry';
import { insertPageLayouts } from '../versions/layouts';
import { ensureStore, fsyncFile, placeFile, removeIfUnreferenced, tempPath, type FileStore } from './storage';
import { checkDeclaredLength, receivePdf, uploadBodyLimit, type ReceiveLimits, type ReceivedUpload, type UploadBody } from './upload';

/** MAX_UPLOAD_MB for the PDF, plus room for the multipart framing for the whole body. */
export function uploadLimits(maxUploadBytes = config().maxUploadBytes): ReceiveLimits {
	return { maxFileBytes: maxUploadBytes, maxBodyBytes: uploadBodyLimit(maxUploadBytes) };
}

function requireItem(db: Queryable, meetingId: string, itemId: string): void {
	const item = db
		.select({ id: agendaItems.id })
		.from(agendaItems)
		.where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
		.get();
	if (!item) throw notFound('agenda item');
}

/** Validates `replaces`: a document of this meeting under this agenda item; the new version joins its series. */
function seriesToExtend(db: Queryable, meetingId: string, itemId: string, replaces: string | undefined): DocumentRow | null {
	if (replaces === undefined) return null;
	const bad = (message: string) => new AppError('validation_failed', `replaces: ${message}`, { fields: [{ path: 'replaces', message }] });
	const previous = db.select().from(documents).where(eq(documents.id, replaces)).get();
	if (!previous || previous.meetingId !== meetingId) throw bad('not a document of this meeting');
	if (previous.agendaItemId !== itemId) throw bad('a new version goes under the same agenda item as the document it replaces');
	return previous;
}

function replacesField(fields: ReadonlyMap<string, string>): string | undefined {
	const value = fields.get('replaces')?.trim();
	return value ? value : undefined;
}

const uploadChoices = z.object({
	// Empty means "not given": the PDF's own title (or the file name) is used.
	title: z.union([z.literal(''), identityText(MAX_TITLE)]).optional(),
	confidential: z.enum(['true', 'false', 'on', '1', '0', '']).optional()
});

/** What the secretariat chose beside the file: a title, and whether the paper is confidential. */
function uploadChoicesOf(fields: ReadonlyMap<string, string>): { title?: string; confidential?: boolean } {
	const raw = parseInput(uploadChoices, { title: fields.get('title')?.trim(), confidential: fields.get('confidential') });
	const flag = raw.confidential;
	return {
		...(raw.title ? { title: raw.title } : {}),
		...(flag === undefined || flag === '' ? {} : { confidential: flag === 'true' || flag === 'on' || flag === '1' })
	};
}

/**
 * `POST …/agenda/:itemId/documents`: receive, check, parse, store, record. Access is checked before a byte of
 * the body is read, and again in the transaction that records the upload (the meeting, item or replaced
 * document may have changed during a long upload). See storage.ts for the crash-safety argument.
 */
export async function uploadDocument(
	db: Db,
	ctx: ServiceCtx,
	meetingId: string,
	itemId: string,
	request: Request,
	body: UploadBody,
	options: StoreOptions = {}
): Promise<DocumentView> {
	const store = storeOf(options);
	const limits = body.limits;
	requireMeeting(db, ctx.actor, meetingId, 'edit');
	requireItem(db, meetingId, itemId);
	checkDeclaredLength(body, limits);

	await ensureStore(store);
	const received = await receivePdf(request, body, tempPath(store), limits);
	try {
		const replaces = replacesField(received.fields);
		// Cheap checks first: no reason to parse 352 pages for an upload that is refused anyway.
		seriesToExtend(db, meetingId, itemId, replaces);
		const chosen = uploadChoicesOf(received.fields);
		const facts = await inspectPdf(received.tmpFile);
		await fsyncFile(received.tmpFile);
		const view = recordUpload(db, ctx, store, { meetingId, itemId, replaces, received, facts, chosen });
		// Readers' marks follow the paper to its new version before the secretariat is told it is there.
		if (replaces !== undefined) await carryAfterUpload(db, ctx.rooms, view.id, options);
		noticeDocumentUploaded(db, ctx.actor.id, { meetingId, title: view.title, version: view.version });
		return view;
	} finally {
		// Gone already when it was renamed into the store; still there after any refusal.
		await fs.promises.rm(received.tmpFile, { force: true });
	}
}

interface Recording {
	meetingId: string;
	itemId: string;
	replaces: string | undefined;
	received: ReceivedUpload;
	facts: PdfFacts;
	chosen: { title?: string; confidential?: boolean };
}

/** Synchronous from the rename to the commit, so no delete of the same bytes can slip in between. */
function recordUpload(db: Db, ctx: ServiceCtx, store: FileStore, r: Recording): DocumentView {
	const { received, facts } = r;
	const { created } = placeFile(store, received.tmpFile, received.sha256, received.sizeBytes);
	let id: string;
	try {
		id = db.transaction((tx) => {
			requireMeeting(tx, ctx.actor, r.meetingId, 'edit');
			requireItem(tx, r.meetingId, r.itemId);
			const previous = seriesToExtend(tx, r.meetingId, r.itemId, r.replaces);
			const docId = newId();
			const seriesId = previous?.seriesId ?? docId;
			const version = previous ? latestVersionOf(tx, previous.seriesId) + 1 : 1;
			const position = previous?.position ?? nextPosition(tx, r.itemId);
			// Title and confidentiality belong to the series (briefing.ts): a new version keeps the series' own unless
			// the secretariat chose anew beside the file, and then the whole series follows.
			const title = r.chosen.title ?? previous?.title ?? documentTitle(facts.metadataTitle, received.filename);
			const confidential = r.chosen.confidential ?? previous?.confidential ?? false;
			if (previous && (title !== previous.title || confidential !== previous.confidential)) {
				tx.update(documents).set({ title, confidential }).where(eq(documents.seriesId, previous.seriesId)).run();
			}
			tx.insert(documents)
				.values({
					id: docId,
					meetingId: r.meetingId,
					agendaItemId: r.itemId,
					seriesId,
					version,
					position,
					title,
					confidential,
					filename: received.filename,
					sha256: received.sha256,
					sizeBytes: received.sizeBytes,
					pages: facts.pages,
					uploadedBy: ctx.actor.id,
					createdAt: new Date()
				})
				.run();
			insertPageTexts(tx, docId, facts.pageTexts);
			insertPageLayouts(tx, docId, facts.layouts);
			audit(tx, {
				actorId: ctx.actor.id,
				action: 'document.upload',
				subjectType: 'document',
				subjectId: docId,
				ip: ctx.ip,
				data: {
					meetingId: r.meetingId,
					agendaItemId: r.itemId,
					seriesId,
					version,
					filename: received.filename,
					sha256: received.sha256,
					sizeBytes: received.sizeBytes,
					pages: facts.pages,
					...(r.chosen.title !== undefined ? { title } : {}),
					...(confidential ? { confidential } : {}),
					...(facts.failedPages > 0 ? { pagesWithoutText: facts.failedPages } : {})
				}
			});
			return docId;
		});
	} catch (e) {
		if (created) removeIfUnreferenced(db, store, received.sha256);
		throw e;
	}
	return findDocumentView(db, id)!;
}

function nextPosition(db: Queryable, itemId: string): number {
	const top = db.select({ p: max(documents.position) }).from(documents).where(eq(documents.agendaItemId, itemId)).get()?.p;
	return top === null || top === undefined ? 0 : top + 1;
}

/** SQLite binds at most 32 766 variables per statement; 3 per row, so a few hundred rows per insert. */
const PAGES_PER_INSERT = 500;

function insertPageTexts(db: Queryable, documentId: string, texts: string[]): void {
	for (let i = 0; i < texts.length; i += PAGES_PER_INSERT) {
		const rows = texts.slice(i, i + PAGES_PER_INSERT).map((text, j) => ({ documentId, page: i + j + 1, text }));
		db.insert(documentPages).values(rows).run();
	}
}

/**
 * Staff only: withdraws a version uploaded by mistake. Only the newest version of a series may go, and the one
 * before it becomes the newest again; older versions are the history readers annotated and newer ones were
 * built on, so they are never removed from under a newer version.
 */
export function deleteDocument(db: Db, ctx: ServiceCtx, documentId: string, options: StoreOptions = {}): void {
	const store = storeOf(options);
	const doc = db.transaction((tx) => {
		const { doc } = requireDocument(tx, ctx.actor, documentId, 'edit');
		if (latestVersionOf(tx, doc.seriesId) > doc.version) {
			throw new AppError('document_has_newer_versions', 'only the newest version of a document can be deleted');
		}
		tx.delete(documents).where(eq(documents.id, documentId)).run();
		audit(tx, {
			actorId: ctx.actor.id,
			action: 'document.delete',
			subjectType: 'document',
			subjectId: documentId,
			ip: ctx.ip,
			data: { meetingId: doc.meetingId, agendaItemId: doc.agendaItemId, seriesId: doc.seriesId, version: doc.version, sha256: doc.sha256, filename: doc.filename }
		});
		return doc;
	});
	// Same tick as the commit (see storage.ts); a crash in between leaves an orphan file, swept at start.
	removeIfUnreferenced(db, store, doc.sha256);
}
