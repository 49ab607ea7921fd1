import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentView } from '$lib/api-types';
import { ApiClient, demoMeetingId, loggedIn, startServer, type TestServer } from './harness';
import { PDF_DIR } from '../fixtures/pdfs';

// Documents through the real production server: upload every corpus file, serve ranges, stamp downloads, keep
// access rules, survive kill -9 mid-upload. One seeded server for most of it; two more for limits and crashes.
const CORPUS = PDF_DIR;
const corpus = (name: string) => fs.readFileSync(path.join(CORPUS, name));

interface UploadOptions {
	replaces?: string;
	filename?: string;
	headers?: Record<string, string>;
}

/** A browser-like multipart upload (FormData, so Content-Length is set), with the Origin SvelteKit's CSRF check wants. */
async function upload(client: ApiClient, meetingId: string, itemId: string, file: string | Buffer, options: UploadOptions = {}) {
	const form = new FormData();
	if (options.replaces) form.append('replaces', options.replaces);
	const bytes = typeof file === 'string' ? corpus(file) : file;
	form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), options.filename ?? (typeof file === 'string' ? file : 'upload.pdf'));
	const res = await fetch(`${client.baseUrl}/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		method: 'POST',
		headers: { cookie: client.cookie, origin: client.baseUrl, 'accept-language': client.language, ...options.headers },
		body: form
	});
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		/* keep the text */
	}
	return { status: res.status, headers: res.headers, body: body as DocumentView & { error?: { code: string; message: string } } };
}

async function getBytes(client: ApiClient, pathname: string, headers: Record<string, string> = {}) {
	const res = await fetch(client.baseUrl + pathname, { headers: { cookie: client.cookie, ...headers } });
	return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Splits a multipart/byteranges body into its parts, using each part's Content-Range for its length. */
function byteranges(body: Buffer, contentType: string): { range: string; data: Buffer }[] {
	const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
	if (!boundary) throw new Error(`no boundary in ${contentType}`);
	const parts: { range: string; data: Buffer }[] = [];
	let at = 0;
	for (;;) {
		const delimiter = `${parts.length === 0 ? '' : '\r\n'}--${boundary}`;
		expect(body.subarray(at, at + delimiter.length).toString('latin1')).toBe(delimiter);
		at += delimiter.length;
		if (body.subarray(at, at + 2).toString('latin1') === '--') break;
		const headersEnd = body.indexOf('\r\n\r\n', at);
		const headers = body.subarray(at + 2, headersEnd).toString('latin1');
		const range = /content-range: bytes (\d+)-(\d+)\/(\d+)/i.exec(headers);
		if (!range) throw new Error(`part without Content-Range: ${headers}`);
		const length = Number(range[2]) - Number(range[1]) + 1;
		at = headersEnd + 4;
		parts.push({ range: `${range[1]}-${range[2]}/${range[3]}`, data: body.subarray(at, at + length) });
		at += length;
	}
	return parts;
}

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string[] }> {
	const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS }).promise;
	const text: string[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		text.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
	}
	await doc.destroy();
	return { pages: doc.numPages, text };
}

const storedNames = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'files')).filter((n) => n !== 'tmp').sort();
/** Stored files that were not there before: the demo's seed brings its own (an archived meeting's PDFs). */
const storedSince = (dataDir: string, before: string[]) => storedNames(dataDir).filter((n) => !before.includes(n));
const tmpNames = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'files', 'tmp'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: TestServer;
let secretary: ApiClient;
let meetingId: string;
let items: string[];
let seeded: string[];
const uploaded = new Map<string, DocumentView>();

beforeAll(async () => {
	server = await startServer({ seed: true });
	seeded = storedNames(server.dataDir);
	meetingId = await demoMeetingId(server.url);
	secretary = await loggedIn(server.url, 'secretary');
	const agenda = (await secretary.request('GET', `/api/v1/meetings/${meetingId}/agenda`)).body.agenda as { id: string; children: { id: string }[] }[];
	items = agenda.flatMap((n) => [n.id, ...n.children.map((c) => c.id)]);
});
afterAll(async () => {
	await server?.stop();
});

describe('uploading the corpus', () => {
	const expected: [string, number, string | number][] = [
		['tracemonkey.pdf', 201, 14],
		['freeculture.pdf', 201, 352],
		['quang-ninh-hanh-chinh-cong.pdf', 201, 5],
		['annotation-highlight.pdf', 201, 1],
		['alphatrans.pdf', 201, 1],
		// pdf.js opens this fuzzed file (one page); whatever it can open, readers can be shown
		['GHOSTSCRIPT-698804-1-fuzzed.pdf', 201, 1],
		['issue3371.pdf', 422, 'pdf_encrypted'],
		['truncated.pdf', 422, 'pdf_damaged'],
		['not-a-pdf.pdf', 415, 'unsupported_media_type']
	];
	it.each(expected)('%s → %i (%s)', async (file, status, outcome) => {
		const res = await upload(secretary, meetingId, items[1]!, file);
		expect({ file, status: res.status, body: res.status === status ? 'as expected' : res.body }).toEqual({ file, status, body: 'as expected' });
		if (typeof outcome === 'number') {
			const bytes = corpus(file);
			expect(Object.keys(res.body)[0]).toBe('id');
			expect(res.body).toMatchObject({ pages: outcome, sha256: sha256(bytes), sizeBytes: bytes.length, filename: file, version: 1, agendaItemId: items[1] });
			expect(res.body.seriesId).toBe(res.body.id);
			uploaded.set(file, res.body);
		} else {
			expect(res.body.error?.code).toBe(outcome);
		}
	});

	it('says in both languages that a password-protected PDF needs its password removed', async () => {
		const vi = await upload(secretary, meetingId, items[1]!, 'issue3371.pdf', { headers: { 'accept-language': 'vi' } });
		expect(vi.body.error?.message).toMatch(/mật khẩu/);
		const en = await upload(secretary, meetingId, items[1]!, 'issue3371.pdf', { headers: { 'accept-language': 'en' } });
		expect(en.body.error?.message).toMatch(/password-protected/);
	});

	it('stores each accepted file once, under its SHA-256, and nothing for the refused ones', () => {
		expect(storedSince(server.dataDir, seeded)).toEqual([...uploaded.values()].map((d) => d.sha256).sort());
		expect(tmpNames(server.dataDir)).toEqual([]);
		const stored = path.join(server.dataDir, 'files', uploaded.get('freeculture.pdf')!.sha256);
		expect(fs.readFileSync(stored).equals(corpus('freeculture.pdf'))).toBe(true);
	});

	it('keeps the text of every page, Vietnamese diacritics intact', () => {
		const db = new Database(path.join(server.dataDir, 'quorum.db'), { readonly: true, fileMustExist: true });
		try {
			const pages = db
				.prepare('select page, text from document_pages where document_id = ? order by page')
				.all(uploaded.get('quang-ninh-hanh-chinh-cong.pdf')!.id) as { page: number; text: string }[];
			expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
			const all = pages.map((p) => p.text).join('\n');
			expect(all).toContain('Chuyên nghiệp hành chính công');
			expect(all).toContain('Quảng Ninh');
			expect(all).toBe(all.normalize('NFC'));
			const culture = db.prepare('select count(*) as n from document_pages where document_id = ?').get(uploaded.get('freeculture.pdf')!.id) as { n: number };
			expect(culture.n).toBe(352);
		} finally {
			db.close();
		}
	});

	it('takes the title from the PDF when it has a real one, else from the file name', () => {
		expect(uploaded.get('freeculture.pdf')!.title).toBe('Free Culture');
		expect(uploaded.get('tracemonkey.pdf')!.title).toBe('tracemonkey');
		// its metadata Title is "vn.html"
		expect(uploaded.get('quang-ninh-hanh-chinh-cong.pdf')!.title).toBe('quang-ninh-hanh-chinh-cong');
	});

	it('keeps a Vietnamese file name', async () => {
		const res = await upload(secretary, meetingId, items[5]!, 'alphatrans.pdf', { filename: 'Tờ trình số 12.pdf' });
		expect(res.status).toBe(201);
		expect(res.body.filename).toBe('Tờ trình số 12.pdf');
	});

	it('asks for the file field when there is none, and refuses JSON bodies over 1 MB', async () => {
		const form = new FormData();
		form.append('note', 'no file');
		const res = await fetch(`${server.url}/api/v1/meetings/${meetingId}/agenda/${items[1]}/documents`, {
			method: 'POST',
			headers: { cookie: secretary.cookie, origin: server.url },
			body: form
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'file' }] } });
		const big = await secretary.request('POST', `/api/v1/meetings/${meetingId}/agenda`, undefined, {
			raw: JSON.stringify({ title: 'x', description: 'y'.repeat(1_100_000) }),
			headers: { 'content-type': 'application/json' }
		});
		expect(big.status).toBe(413);
		expect(big.body.error.code).toBe('payload_too_large');
	});
});

describe('versions', () => {
	it('a new version joins the series under the same item; the old one stays and both point at the newest', async () => {
		const v1 = uploaded.get('tracemonkey.pdf')!;
		const v2 = await upload(secretary, meetingId, items[1]!, 'annotation-highlight.pdf', { replaces: v1.id, filename: 'tracemonkey-v2.pdf' });
		expect(v2.status).toBe(201);
		expect(v2.body).toMatchObject({ seriesId: v1.id, version: 2, latestVersionId: v2.body.id, latestVersion: 2, agendaItemId: items[1] });
		const list = (await secretary.request('GET', `/api/v1/meetings/${meetingId}/documents`)).body.documents as DocumentView[];
		const series = list.filter((d) => d.seriesId === v1.id);
		expect(series.map((d) => [d.id, d.version, d.latestVersionId])).toEqual([
			[v2.body.id, 2, v2.body.id],
			[v1.id, 1, v2.body.id]
		]);
		const old = await secretary.request('GET', `/api/v1/documents/${v1.id}`);
		expect(old.body).toMatchObject({ id: v1.id, version: 1, latestVersionId: v2.body.id });
		// the old bytes are still served
		const file = await getBytes(secretary, `/api/v1/documents/${v1.id}/file`);
		expect(sha256(file.bytes)).toBe(v1.sha256);
	});

	it('a version of a document from another item or meeting is refused', async () => {
		const res = await upload(secretary, meetingId, items[0]!, 'alphatrans.pdf', { replaces: uploaded.get('tracemonkey.pdf')!.id });
		expect(res.status).toBe(400);
		expect(res.body.error?.code).toBe('validation_failed');
	});

	it('the meeting answer carries its documents', async () => {
		const chair = await loggedIn(server.url, 'chair');
		const meeting = (await chair.request('GET', `/api/v1/meetings/${meetingId}`)).body;
		expect(meeting.documents.map((d: DocumentView) => d.id)).toEqual(expect.arrayContaining([...uploaded.values()].map((d) => d.id)));
	});
});

describe('serving the file', () => {
	let reader: ApiClient;
	let doc: DocumentView;
	let bytes: Buffer;
	let url: string;
	beforeAll(async () => {
		reader = await loggedIn(server.url, 'delegate1');
		doc = uploaded.get('freeculture.pdf')!;
		bytes = corpus('freeculture.pdf');
		url = `/api/v1/documents/${doc.id}/file`;
	});

	it('sends the whole file with its validators and caching rules', async () => {
		const res = await getBytes(reader, url);
		expect(res.status).toBe(200);
		expect(res.bytes.equals(bytes)).toBe(true);
		expect(Object.fromEntries(['content-type', 'accept-ranges', 'etag', 'cache-control', 'content-length', 'content-disposition'].map((h) => [h, res.headers.get(h)]))).toEqual({
			'content-type': 'application/pdf',
			'accept-ranges': 'bytes',
			etag: `"${doc.sha256}"`,
			'cache-control': 'private, no-cache',
			'content-length': String(bytes.length),
			'content-disposition': `inline; filename="freeculture.pdf"; filename*=UTF-8''freeculture.pdf`
		});
	});

	it('answers single ranges with exactly those bytes: the start, the middle, the end', async () => {
		const cases: [string, number, number][] = [
			['bytes=0-1023', 0, 1023],
			['bytes=1000000-1065535', 1_000_000, 1_065_535],
			['bytes=-500', bytes.length - 500, bytes.length - 1],
			[`bytes=${bytes.length - 10}-`, bytes.length - 10, bytes.length - 1],
			['bytes=2500000-99999999', 2_500_000, bytes.length - 1]
		];
		for (const [range, start, end] of cases) {
			const res = await getBytes(reader, url, { range });
			expect({ range, status: res.status, contentRange: res.headers.get('content-range') }).toEqual({ range, status: 206, contentRange: `bytes ${start}-${end}/${bytes.length}` });
			expect(res.headers.get('content-length')).toBe(String(end - start + 1));
			expect(res.bytes.equals(bytes.subarray(start, end + 1))).toBe(true);
		}
	});

	it('answers several ranges as multipart/byteranges, each part exact', async () => {
		const res = await getBytes(reader, url, { range: 'bytes=0-99, 1200000-1200099, -64' });
		expect(res.status).toBe(206);
		expect(Number(res.headers.get('content-length'))).toBe(res.bytes.length);
		const parts = byteranges(res.bytes, res.headers.get('content-type')!);
		expect(res.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=/);
		expect(parts.map((p) => p.range)).toEqual([`0-99/${bytes.length}`, `1200000-1200099/${bytes.length}`, `${bytes.length - 64}-${bytes.length - 1}/${bytes.length}`]);
		expect(parts[0]!.data.equals(bytes.subarray(0, 100))).toBe(true);
		expect(parts[1]!.data.equals(bytes.subarray(1_200_000, 1_200_100))).toBe(true);
		expect(parts[2]!.data.equals(bytes.subarray(bytes.length - 64))).toBe(true);
	});

	it('says 416 for a range past the end, with the size', async () => {
		const res = await getBytes(reader, url, { range: `bytes=${bytes.length}-` });
		expect(res.status).toBe(416);
		expect(res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
		expect(JSON.parse(res.bytes.toString()).error.code).toBe('range_not_satisfiable');
	});

	it('answers 304 to a current ETag, and ignores a Range whose If-Range names another version', async () => {
		const etag = `"${doc.sha256}"`;
		const notModified = await getBytes(reader, url, { 'if-none-match': etag });
		expect(notModified.status).toBe(304);
		expect(notModified.bytes.length).toBe(0);
		expect(notModified.headers.get('etag')).toBe(etag);
		expect((await getBytes(reader, url, { 'if-none-match': '"other"' })).status).toBe(200);
		const stale = await getBytes(reader, url, { range: 'bytes=0-9', 'if-range': '"other"' });
		expect(stale.status).toBe(200);
		expect(stale.bytes.length).toBe(bytes.length);
		const fresh = await getBytes(reader, url, { range: 'bytes=0-9', 'if-range': etag });
		expect(fresh.status).toBe(206);
		expect(fresh.bytes.toString('latin1')).toBe(bytes.subarray(0, 10).toString('latin1'));
	});

	it('answers HEAD with the headers of GET and no body', async () => {
		const res = await fetch(server.url + url, { method: 'HEAD', headers: { cookie: reader.cookie, range: 'bytes=0-99' } });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-length')).toBe('100');
		expect((await res.arrayBuffer()).byteLength).toBe(0);
	});
});

describe('the stamped download', () => {
	it("carries the reader's name with diacritics and the date on every page, and is audited", async () => {
		const reader = await loggedIn(server.url, 'delegate1');
		const doc = uploaded.get('tracemonkey.pdf')!;
		const res = await getBytes(reader, `/api/v1/documents/${doc.id}/download`, { 'accept-language': 'vi' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		const { pages, text } = await pdfText(res.bytes);
		expect(pages).toBe(14);
		const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
		for (const page of text) expect(page).toContain(`Bản của Lê Thị Hồng · ${date}`);
		const db = new Database(path.join(server.dataDir, 'quorum.db'), { readonly: true, fileMustExist: true });
		try {
			const entry = db.prepare(`select action, actor_id from audit_log where action = 'document.download' and subject_id = ?`).get(doc.id);
			expect(entry).toMatchObject({ action: 'document.download' });
			// HEAD tells what a download would be without making (or auditing) one
			const head = await fetch(`${server.url}/api/v1/documents/${doc.id}/download`, { method: 'HEAD', headers: { cookie: reader.cookie } });
			expect(head.status).toBe(200);
			expect(head.headers.get('content-disposition')).toMatch(/^attachment; /);
			const downloads = db.prepare(`select count(*) as n from audit_log where action = 'document.download' and subject_id = ?`).get(doc.id) as { n: number };
			expect(downloads.n).toBe(1);
			const uploads = db.prepare(`select count(*) as n from audit_log where action = 'document.upload'`).get() as { n: number };
			expect(uploads.n).toBeGreaterThanOrEqual(uploaded.size);
		} finally {
			db.close();
		}
	});
});

describe('who may do what', () => {
	let otherMeeting: string;
	let otherDoc: DocumentView;
	beforeAll(async () => {
		// A meeting delegate1 is not invited to: a participant elsewhere is still a non-participant here.
		otherMeeting = (await secretary.request('POST', '/api/v1/meetings', { title: 'Họp riêng', startsAt: '2027-01-05T08:00:00+07:00' })).body.id;
		const item = (await secretary.request('POST', `/api/v1/meetings/${otherMeeting}/agenda`, { title: 'Mục 1' })).body.id;
		otherDoc = (await upload(secretary, otherMeeting, item, 'alphatrans.pdf')).body;
		expect(otherDoc.id).toBeTruthy();
	});

	const readPaths = (meeting: string, doc: string) => [
		`/api/v1/meetings/${meeting}/documents`,
		`/api/v1/documents/${doc}`,
		`/api/v1/documents/${doc}/file`,
		`/api/v1/documents/${doc}/download`
	];

	it('the outsider and a non-participant get the same 404 as for nothing at all, reading or uploading', async () => {
		const outsider = await loggedIn(server.url, 'outsider');
		const delegate = await loggedIn(server.url, 'delegate1');
		const cases: [ApiClient, string, string][] = [
			[outsider, meetingId, uploaded.get('alphatrans.pdf')!.id],
			[delegate, otherMeeting, otherDoc.id]
		];
		for (const [client, meeting, doc] of cases) {
			for (const p of readPaths(meeting, doc)) {
				const res = await client.request('GET', p);
				expect({ p, status: res.status, code: res.body?.error?.code }).toEqual({ p, status: 404, code: 'not_found' });
			}
			const agenda = await secretary.request('GET', `/api/v1/meetings/${meeting}/agenda`);
			const res = await upload(client, meeting, agenda.body.agenda[0].id, 'alphatrans.pdf');
			expect(res.status).toBe(404);
		}
		const missing = await delegate.request('GET', '/api/v1/documents/nosuchdocument0/file');
		expect(missing.status).toBe(404);
	});

	it('a delegate may read but not upload (403) or withdraw (403)', async () => {
		const delegate = await loggedIn(server.url, 'delegate1');
		const res = await upload(delegate, meetingId, items[0]!, 'alphatrans.pdf');
		expect(res.status).toBe(403);
		expect(res.body.error?.code).toBe('forbidden');
		expect((await delegate.request('DELETE', `/api/v1/documents/${uploaded.get('alphatrans.pdf')!.id}`)).status).toBe(403);
	});

	it('the observer reads the list, the metadata, the file and a stamped copy', async () => {
		const observer = await loggedIn(server.url, 'observer');
		const doc = uploaded.get('quang-ninh-hanh-chinh-cong.pdf')!;
		for (const p of readPaths(meetingId, doc.id)) {
			const res = await getBytes(observer, p);
			expect({ p, status: res.status }).toEqual({ p, status: 200 });
		}
		expect((await upload(observer, meetingId, items[0]!, 'alphatrans.pdf')).status).toBe(403);
	});

	it('without a session: 401', async () => {
		const anonymous = new ApiClient(server.url);
		for (const p of readPaths(meetingId, uploaded.get('alphatrans.pdf')!.id)) expect((await anonymous.request('GET', p)).status).toBe(401);
		expect((await upload(anonymous, meetingId, items[0]!, 'alphatrans.pdf')).status).toBe(401);
	});
});

describe('agenda items and withdrawal', () => {
	it('an agenda item with documents cannot be deleted, nor its parent', async () => {
		// items[5] is a sub-item with a document (uploaded above); its parent has none of its own.
		const agenda = (await secretary.request('GET', `/api/v1/meetings/${meetingId}/agenda`)).body.agenda as { id: string; children: { id: string }[] }[];
		const parent = agenda.find((n) => n.children.some((c) => c.id === items[5]))!;
		for (const id of [items[5]!, parent.id]) {
			const res = await secretary.request('DELETE', `/api/v1/meetings/${meetingId}/agenda/${id}`);
			expect({ id, status: res.status, code: res.body?.error?.code }).toEqual({ id, status: 409, code: 'agenda_item_has_documents' });
		}
	});

	it('the newest version can be withdrawn; its file goes when nothing else uses it', async () => {
		const doc = await upload(secretary, meetingId, items[0]!, corpus('alphatrans.pdf').subarray(0), { filename: 'copy.pdf' });
		const series = uploaded.get('tracemonkey.pdf')!;
		expect((await secretary.request('DELETE', `/api/v1/documents/${series.id}`)).body.error.code).toBe('document_has_newer_versions');
		expect((await secretary.request('DELETE', `/api/v1/documents/${doc.body.id}`)).status).toBe(204);
		expect((await secretary.request('GET', `/api/v1/documents/${doc.body.id}`)).status).toBe(404);
		// the same bytes are still attached elsewhere
		expect(storedNames(server.dataDir)).toContain(doc.body.sha256);
	});
});

describe('an upload over MAX_UPLOAD_MB', () => {
	let small: TestServer;
	let smallSeeded: string[];
	beforeAll(async () => {
		small = await startServer({ seed: true, env: { MAX_UPLOAD_MB: '1' } });
		smallSeeded = storedNames(small.dataDir);
	});
	afterAll(async () => {
		await small?.stop();
	});

	it('is refused with 413 before it is stored, and the connection stays usable', async () => {
		const sec = await loggedIn(small.url, 'secretary');
		const meeting = await demoMeetingId(small.url);
		const item = (await sec.request('GET', `/api/v1/meetings/${meeting}/agenda`)).body.agenda[0].id;
		// The demo's upcoming meeting comes with its own papers (demo/upcoming-data.ts).
		const before = (await sec.request('GET', `/api/v1/meetings/${meeting}/documents`)).body.documents.length as number;
		for (let i = 0; i < 2; i++) {
			const res = await upload(sec, meeting, item, 'freeculture.pdf', { headers: { 'accept-language': 'en' } });
			expect(res.status).toBe(413);
			expect(res.body.error).toEqual({ code: 'payload_too_large', message: 'The file or data sent is too large. The limit is 1 MB.' });
		}
		// a file under the limit still goes through on the same server
		expect((await upload(sec, meeting, item, 'quang-ninh-hanh-chinh-cong.pdf')).status).toBe(201);
		expect(storedSince(small.dataDir, smallSeeded)).toEqual([sha256(corpus('quang-ninh-hanh-chinh-cong.pdf'))]);
		expect(tmpNames(small.dataDir)).toEqual([]);
		const list = await sec.request('GET', `/api/v1/meetings/${meeting}/documents`);
		expect(list.body.documents).toHaveLength(before + 1);
	});
});

describe('memory while an upload streams in', () => {
	it('stays flat: the body goes to disk, not into buffers (RSS levels off while 128 MB stream in)', async () => {
		// A fresh server, so its resident size has not yet been inflated by earlier work.
		const fresh = await startServer({ seed: true, env: { MAX_UPLOAD_MB: '200' } });
		try {
			const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${fresh.process.pid}/status`, 'utf8'))?.[1]) / 1024;
			const sec = await loggedIn(fresh.url, 'secretary');
			const meeting = await demoMeetingId(fresh.url);
			const item = (await sec.request('GET', `/api/v1/meetings/${meeting}/agenda`)).body.agenda[0].id;
			const boundary = 'quorumMemoryTest';
			const total = 128 * 1024 * 1024;
			let sent = 0;
			const samples: number[] = [];
			const body = new ReadableStream<Uint8Array>({
				pull(controller) {
					if (sent === 0) controller.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n%PDF-1.4\n`));
					if (sent >= total) {
						controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
						return controller.close();
					}
					controller.enqueue(new Uint8Array(256 * 1024).fill(0x20));
					sent += 256 * 1024;
					if (sent % (4 * 1024 * 1024) === 0) samples.push(rss());
				}
			});
			const res = await fetch(`${fresh.url}/api/v1/meetings/${meeting}/agenda/${item}/documents`, {
				method: 'POST',
				headers: { cookie: sec.cookie, origin: fresh.url, 'content-type': `multipart/form-data; boundary=${boundary}` },
				body,
				duplex: 'half'
			} as RequestInit);
			// 128 MB of spaces after a PDF header: written to disk, then refused by pdf.js
			expect(res.status).toBe(422);
			// The first megabytes grow the heap to its working size; after that, a server that buffered the body
			// would grow by the 64 MB of the second half (it did, while paraglide cloned every request).
			const half = samples.slice(samples.length / 2);
			expect(Math.max(...half) - half[0]!).toBeLessThan(24);
		} finally {
			await fresh.stop();
		}
	});
});

describe('kill -9 in the middle of an upload', () => {
	it('leaves no half file, no orphan and no row after the restart', async () => {
		let crashed = await startServer({ seed: true });
		const crashedSeeded = storedNames(crashed.dataDir);
		const dataDir = crashed.dataDir;
		const sec = await loggedIn(crashed.url, 'secretary');
		const meeting = await demoMeetingId(crashed.url);
		const item = (await sec.request('GET', `/api/v1/meetings/${meeting}/agenda`)).body.agenda[0].id;
		// The demo's papers are there before the test begins; the crash must add exactly the one kept upload.
		const seededIds = (await sec.request('GET', `/api/v1/meetings/${meeting}/documents`)).body.documents.map((d: DocumentView) => d.id);
		const kept = await upload(sec, meeting, item, 'alphatrans.pdf');
		expect(kept.status).toBe(201);

		// A slow client: the multipart head, then 64 KiB of freeculture.pdf every 50 ms, with no end in sight.
		const pdf = corpus('freeculture.pdf');
		const boundary = 'quorumKillTest';
		const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
		let offset = 0;
		const body = new ReadableStream<Uint8Array>({
			async pull(controller) {
				if (offset === 0) controller.enqueue(new Uint8Array(head));
				await new Promise((r) => setTimeout(r, 50));
				const chunk = pdf.subarray(offset, offset + 65536);
				offset += chunk.length;
				controller.enqueue(new Uint8Array(chunk));
			}
		});
		const pending = fetch(`${crashed.url}/api/v1/meetings/${meeting}/agenda/${item}/documents`, {
			method: 'POST',
			headers: { cookie: sec.cookie, origin: crashed.url, 'content-type': `multipart/form-data; boundary=${boundary}` },
			body,
			duplex: 'half'
		} as RequestInit).catch((e: Error) => e);

		// Wait until the server has written part of it, then pull the plug.
		const deadline = Date.now() + 10_000;
		const written = () => tmpNames(dataDir).map((n) => fs.statSync(path.join(dataDir, 'files', 'tmp', n)).size);
		while (!(written()[0]! > 200_000) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		expect(written()[0]).toBeGreaterThan(200_000);
		expect(await crashed.stop('SIGKILL')).toBeNull();
		expect(await pending).toBeInstanceOf(Error);

		crashed = await startServer({ dataDir });
		try {
			expect(tmpNames(dataDir)).toEqual([]);
			expect(storedSince(dataDir, crashedSeeded)).toEqual([kept.body.sha256]);
			const again = await loggedIn(crashed.url, 'secretary');
			const list = await again.request('GET', `/api/v1/meetings/${meeting}/documents`);
			expect(list.body.documents.map((d: DocumentView) => d.id).filter((id: string) => !seededIds.includes(id))).toEqual([kept.body.id]);
			expect((await getBytes(again, `/api/v1/documents/${kept.body.id}/file`)).bytes.equals(corpus('alphatrans.pdf'))).toBe(true);
		} finally {
			await crashed.stop();
		}
	});

	it('sweeps a stored file that lost its row (a crash between rename and insert)', async () => {
		const first = await startServer({ seed: true });
		await first.stop();
		const dataDir = first.dataDir;
		const orphan = path.join(dataDir, 'files', sha256(Buffer.from('orphan')));
		fs.writeFileSync(orphan, 'orphan');
		const restarted = await startServer({ dataDir });
		try {
			expect(fs.existsSync(orphan)).toBe(false);
			expect(restarted.output()).toMatch(/removed 0 unfinished upload\(s\) and 1 unreferenced file/);
		} finally {
			await restarted.stop();
		}
	});
});
