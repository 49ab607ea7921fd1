import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '$lib/server/errors';
import { receivePdf, UploadBody, type ReceiveLimits } from '$lib/server/documents/upload';
import { createHash } from 'node:crypto';
import { PDF_DIR } from '../fixtures/pdfs';

// Receiving a multipart body: streamed to a temp file with its hash, refused early and cleanly otherwise.
const CORPUS = PDF_DIR;
const corpus = (name: string) => fs.readFileSync(path.join(CORPUS, name));
const limits: ReceiveLimits = { maxFileBytes: 2 * 1024 * 1024, maxBodyBytes: 2 * 1024 * 1024 + 65536 };

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
function tmpFile(): string {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-upload-'));
	return path.join(dir, 'x.part');
}

function formRequest(parts: Record<string, string | { bytes: Uint8Array; name: string }>, headers: Record<string, string> = {}): Request {
	const form = new FormData();
	for (const [k, v] of Object.entries(parts)) {
		if (typeof v === 'string') form.append(k, v);
		else form.append(k, new Blob([new Uint8Array(v.bytes)]), v.name);
	}
	return new Request('http://x/upload', { method: 'POST', body: form, headers });
}

async function receive(request: Request, custom = limits) {
	const body = new UploadBody(request, custom);
	const file = tmpFile();
	try {
		return { result: await receivePdf(request, body, file, custom), body, file };
	} catch (e) {
		return { error: e, body, file };
	}
}

const code = (e: unknown) => (isAppError(e) ? e.code : String(e));

describe('receivePdf', () => {
	it('streams the file to disk with its SHA-256, size, a clean UTF-8 name and the text fields', async () => {
		const bytes = corpus('tracemonkey.pdf');
		const { result, file } = await receive(formRequest({ replaces: 'abc', file: { bytes, name: 'Tờ trình số 1.pdf' } }));
		expect(result).toMatchObject({
			tmpFile: file,
			sizeBytes: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			filename: 'Tờ trình số 1.pdf'
		});
		expect(result!.fields.get('replaces')).toBe('abc');
		expect(fs.readFileSync(file).equals(bytes)).toBe(true);
	});

	it('refuses a file that does not start like a PDF (415) and leaves no temp file', async () => {
		const { error, file } = await receive(formRequest({ file: { bytes: corpus('not-a-pdf.pdf'), name: 'x.pdf' } }));
		expect(code(error)).toBe('unsupported_media_type');
		expect(fs.existsSync(file)).toBe(false);
	});

	it('finds the header anywhere in the first 1024 bytes, not after', async () => {
		const pdf = corpus('alphatrans.pdf');
		const ok = await receive(formRequest({ file: { bytes: Buffer.concat([Buffer.alloc(1000, 32), pdf]), name: 'a.pdf' } }));
		expect(ok.result?.sizeBytes).toBe(pdf.length + 1000);
		const late = await receive(formRequest({ file: { bytes: Buffer.concat([Buffer.alloc(1024, 32), pdf]), name: 'a.pdf' } }));
		expect(code(late.error)).toBe('unsupported_media_type');
	});

	it('refuses an empty file as not a PDF', async () => {
		const { error } = await receive(formRequest({ file: { bytes: new Uint8Array(), name: 'empty.pdf' } }));
		expect(code(error)).toBe('unsupported_media_type');
	});

	it('stops at MAX_UPLOAD_MB (413) and removes what it wrote', async () => {
		const small = { maxFileBytes: 100_000, maxBodyBytes: 200_000 };
		const { error, file, body } = await receive(formRequest({ file: { bytes: corpus('tracemonkey.pdf'), name: 't.pdf' } }), small);
		expect(code(error)).toBe('payload_too_large');
		expect(isAppError(error) && error.details.limitBytes).toBe(100_000);
		expect(fs.existsSync(file)).toBe(false);
		// The rest of the body is still there to be discarded so the client can read the answer.
		expect(await body.discardRest()).toBe('drained');
	});

	it('refuses at once when Content-Length is over the limit, without touching the body', async () => {
		const request = formRequest({ file: { bytes: corpus('alphatrans.pdf'), name: 'a.pdf' } }, { 'content-length': String(limits.maxBodyBytes + 1) });
		const { error, body } = await receive(request);
		expect(code(error)).toBe('payload_too_large');
		expect(request.bodyUsed).toBe(false);
		expect(await body.discardRest()).toBe('node');
	});

	it('asks for the field "file" when it is missing or the body is not multipart', async () => {
		const missing = await receive(formRequest({ other: 'x' }));
		expect(code(missing.error)).toBe('validation_failed');
		expect(isAppError(missing.error) && missing.error.details.fields?.[0]?.path).toBe('file');
		const json = await receive(new Request('http://x', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
		expect(code(json.error)).toBe('validation_failed');
	});

	it('takes the first "file" part and ignores other file fields', async () => {
		const pdf = corpus('alphatrans.pdf');
		const { result } = await receive(formRequest({ attachment: { bytes: corpus('not-a-pdf.pdf'), name: 'x' }, file: { bytes: pdf, name: 'a.pdf' } }));
		expect(result?.sizeBytes).toBe(pdf.length);
	});

	it('reports a body cut off in the middle as a refusal, not a crash', async () => {
		const pdf = corpus('tracemonkey.pdf');
		const head = Buffer.from('--B\r\nContent-Disposition: form-data; name="file"; filename="t.pdf"\r\n\r\n');
		let sent = false;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (!sent) {
					sent = true;
					controller.enqueue(Buffer.concat([head, pdf.subarray(0, 200_000)]));
				} else controller.error(new Error('client went away'));
			}
		});
		const request = new Request('http://x', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'multipart/form-data; boundary=B' } } as RequestInit);
		const { error, file } = await receive(request);
		expect(code(error)).toBe('bad_request');
		expect(fs.existsSync(file)).toBe(false);
	});
});
