import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/server/auth/policy';
import { auditLog, documentPages, documents } from '$lib/server/db/schema';
import { deleteDocument, uploadDocument, uploadLimits } from '$lib/server/documents/service';
import { getDocument } from '$lib/server/documents/access';
import { listMeetingDocuments } from '$lib/server/documents/list';
import { fileStore, openStoredFile, placeFile, streamSpans, sweepFiles, type FileStore } from '$lib/server/documents/storage';
import { UploadBody } from '$lib/server/documents/upload';
import { isAppError } from '$lib/server/errors';
import { addAgendaItem, deleteAgendaItem } from '$lib/server/meetings/agenda';
import { createMeeting } from '$lib/server/meetings/service';
import { addParticipant } from '$lib/server/meetings/participants';
import { buildUser, ctxOf, memoryDb } from './factories';
import { PDF_DIR } from '../fixtures/pdfs';

// The document service against a real (in-memory) database and a real file store in a temp folder.
const CORPUS = PDF_DIR;
const corpus = (name: string) => fs.readFileSync(path.join(CORPUS, name));

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup() {
	const db = memoryDb();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-docs-'));
	dirs.push(dir);
	const store = fileStore(path.join(dir, 'files'));
	const secretary: Actor = buildUser(db, { role: 'secretary' });
	const delegate: Actor = buildUser(db);
	const outsider: Actor = buildUser(db);
	const ctx = ctxOf(secretary);
	const meeting = createMeeting(db, ctx, { title: 'Phiên họp thử', startsAt: '2026-12-04T01:00:00Z' });
	addParticipant(db, ctx, meeting.id, { userId: delegate.id, role: 'delegate' });
	const item = addAgendaItem(db, ctx, meeting.id, { title: 'Báo cáo' }).id;
	const sub = addAgendaItem(db, ctx, meeting.id, { title: 'Thảo luận', parentId: item }).id;
	const upload = async (file: string, opts: { itemId?: string; replaces?: string; actor?: Actor } = {}) => {
		const form = new FormData();
		if (opts.replaces) form.append('replaces', opts.replaces);
		form.append('file', new Blob([new Uint8Array(corpus(file))]), file);
		const request = new Request('http://x', { method: 'POST', body: form });
		return uploadDocument(db, ctxOf(opts.actor ?? secretary), meeting.id, opts.itemId ?? item, request, new UploadBody(request, uploadLimits()), { store });
	};
	return { db, store, secretary, delegate, outsider, meetingId: meeting.id, item, sub, upload };
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
	try {
		await (typeof p === 'function' ? p() : p);
	} catch (e) {
		return isAppError(e) ? e.code : String(e);
	}
	return 'ok';
}

const storedFiles = (store: FileStore) => fs.readdirSync(store.root).filter((n) => n !== 'tmp');

describe('uploadDocument', () => {
	it('stores the file under its hash, the rows with the page text, and an audit entry', async () => {
		const { db, store, upload } = setup();
		const doc = await upload('quang-ninh-hanh-chinh-cong.pdf');
		expect(doc).toMatchObject({ pages: 5, version: 1, seriesId: doc.id, latestVersionId: doc.id, title: 'quang-ninh-hanh-chinh-cong' });
		expect(storedFiles(store)).toEqual([doc.sha256]);
		expect(fs.readdirSync(store.tmp)).toEqual([]);
		const pages = db.select().from(documentPages).where(eq(documentPages.documentId, doc.id)).all();
		expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
		expect(pages[0]!.text).toContain('Chuyên nghiệp hành chính công');
		const entry = db.select().from(auditLog).where(eq(auditLog.subjectId, doc.id)).get();
		expect(entry).toMatchObject({ action: 'document.upload', subjectType: 'document' });
	});

	it('keeps one file for the same bytes attached twice', async () => {
		const { store, upload, sub } = setup();
		const a = await upload('alphatrans.pdf');
		const b = await upload('alphatrans.pdf', { itemId: sub });
		expect(a.id).not.toBe(b.id);
		expect(storedFiles(store)).toEqual([a.sha256]);
	});

	it('adds a new version to a series, under the same item, keeping the old one', async () => {
		const { db, secretary, meetingId, upload, sub } = setup();
		const v1 = await upload('tracemonkey.pdf');
		const other = await upload('alphatrans.pdf');
		const v2 = await upload('annotation-highlight.pdf', { replaces: v1.id });
		expect(v2).toMatchObject({ seriesId: v1.id, version: 2, latestVersionId: v2.id });
		const v3 = await upload('alphatrans.pdf', { replaces: v1.id });
		expect(v3.version).toBe(3);
		const listed = listMeetingDocuments(db, secretary, meetingId);
		expect(listed.filter((d) => d.seriesId === v1.id).map((d) => [d.version, d.latestVersionId])).toEqual([
			[3, v3.id],
			[2, v3.id],
			[1, v3.id]
		]);
		expect(getDocument(db, secretary, v1.id).latestVersion).toBe(3);
		// Versions stay where the series was first placed; a later series comes after it.
		expect(listed.map((d) => d.seriesId)).toEqual([v1.id, v1.id, v1.id, other.id]);
		expect(await codeOf(upload('alphatrans.pdf', { replaces: v1.id, itemId: sub }))).toBe('validation_failed');
		expect(await codeOf(upload('alphatrans.pdf', { replaces: 'nonexistent' }))).toBe('validation_failed');
		// Six pdf.js reads, two of them followed by carrying marks to the new version: past the default 5 s on a busy machine.
	}, 20_000);

	it('refuses encrypted and damaged files and stores nothing', async () => {
		const { db, store, upload } = setup();
		expect(await codeOf(upload('issue3371.pdf'))).toBe('pdf_encrypted');
		expect(await codeOf(upload('truncated.pdf'))).toBe('pdf_damaged');
		expect(await codeOf(upload('not-a-pdf.pdf'))).toBe('unsupported_media_type');
		expect(storedFiles(store)).toEqual([]);
		expect(fs.readdirSync(store.tmp)).toEqual([]);
		expect(db.select().from(documents).all()).toEqual([]);
	});

	it('lets only staff upload: a delegate gets 403, an outsider 404', async () => {
		const { upload, delegate, outsider } = setup();
		expect(await codeOf(upload('alphatrans.pdf', { actor: delegate }))).toBe('forbidden');
		expect(await codeOf(upload('alphatrans.pdf', { actor: outsider }))).toBe('not_found');
		expect(await codeOf(upload('alphatrans.pdf', { itemId: 'nosuchitem' }))).toBe('not_found');
	});

	it('hides a document from whoever cannot see its meeting', async () => {
		const { db, upload, delegate, outsider } = setup();
		const doc = await upload('alphatrans.pdf');
		expect(getDocument(db, delegate, doc.id).id).toBe(doc.id);
		expect(await codeOf(() => getDocument(db, outsider, doc.id))).toBe('not_found');
	});
});

describe('agenda items with documents', () => {
	it('cannot be deleted, nor can their parent; once the documents are gone they can', async () => {
		const { db, store, secretary, meetingId, item, sub, upload } = setup();
		const doc = await upload('alphatrans.pdf', { itemId: sub });
		const ctx = ctxOf(secretary);
		expect(await codeOf(() => deleteAgendaItem(db, ctx, meetingId, sub))).toBe('agenda_item_has_documents');
		expect(await codeOf(() => deleteAgendaItem(db, ctx, meetingId, item))).toBe('agenda_item_has_documents');
		deleteDocument(db, ctx, doc.id, { store });
		deleteAgendaItem(db, ctx, meetingId, item);
	});
});

describe('deleteDocument', () => {
	it('withdraws only the newest version, and removes the file once nothing names it', async () => {
		const { db, store, secretary, delegate, upload } = setup();
		const ctx = ctxOf(secretary);
		const v1 = await upload('tracemonkey.pdf');
		const v2 = await upload('alphatrans.pdf', { replaces: v1.id });
		const twin = await upload('alphatrans.pdf');
		expect(await codeOf(() => deleteDocument(db, ctxOf(delegate), v2.id, { store }))).toBe('forbidden');
		expect(await codeOf(() => deleteDocument(db, ctx, v1.id, { store }))).toBe('document_has_newer_versions');
		deleteDocument(db, ctx, v2.id, { store });
		// alphatrans.pdf is still attached elsewhere: its file stays
		expect(storedFiles(store).sort()).toEqual([v1.sha256, twin.sha256].sort());
		expect(getDocument(db, secretary, v1.id).latestVersionId).toBe(v1.id);
		deleteDocument(db, ctx, twin.id, { store });
		expect(storedFiles(store)).toEqual([v1.sha256]);
	});
});

describe('file store', () => {
	it('sweeps leftovers at start: temp files and files no row names, but not files that are in use', async () => {
		const { db, store, upload } = setup();
		const kept = await upload('alphatrans.pdf');
		fs.writeFileSync(path.join(store.tmp, 'half.part'), 'half');
		const orphan = 'a'.repeat(64);
		fs.writeFileSync(path.join(store.root, orphan), 'x');
		fs.writeFileSync(path.join(store.root, 'README'), 'not ours');
		db.update(documents).set({ sha256: 'b'.repeat(64) }).where(eq(documents.id, 'nothing')).run();
		expect(sweepFiles(db, store)).toEqual({ tmpRemoved: 1, orphansRemoved: 1, missing: [] });
		expect(storedFiles(store).sort()).toEqual(['README', kept.sha256].sort());
		fs.rmSync(path.join(store.root, kept.sha256));
		expect(sweepFiles(db, store).missing).toEqual([kept.sha256]);
	});

	it('replaces a stored file of the wrong size (not ours) instead of trusting it', () => {
		const { store } = setup();
		fs.mkdirSync(store.tmp, { recursive: true });
		const sha = 'c'.repeat(64);
		fs.writeFileSync(path.join(store.root, sha), 'short');
		const tmp = path.join(store.tmp, 't.part');
		fs.writeFileSync(tmp, 'the real bytes');
		expect(placeFile(store, tmp, sha, 14)).toEqual({ created: true });
		expect(fs.readFileSync(path.join(store.root, sha), 'utf8')).toBe('the real bytes');
	});

	it('streams spans with their framing, in order, and closes the file', async () => {
		const { store } = setup();
		fs.mkdirSync(store.root, { recursive: true });
		const sha = 'd'.repeat(64);
		const bytes = Buffer.alloc(200_000, 0);
		for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
		fs.writeFileSync(path.join(store.root, sha), bytes);
		const handle = await openStoredFile(store, sha);
		const spans = [{ start: 150_000, end: 199_999 }, { start: 0, end: 70_000 }];
		const frames = ['<a>', '<b>', '<end>'].map((s) => new TextEncoder().encode(s));
		const out = Buffer.from(await new Response(streamSpans(handle, spans, (i) => frames[i] ?? null)).arrayBuffer());
		const expected = Buffer.concat([Buffer.from('<a>'), bytes.subarray(150_000, 200_000), Buffer.from('<b>'), bytes.subarray(0, 70_001), Buffer.from('<end>')]);
		expect(out.equals(expected)).toBe(true);
		await expect(handle.stat()).rejects.toThrow();
	});
});
