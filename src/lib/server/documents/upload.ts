import busboy from 'busboy';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { parseMediaType } from '$lib/http/media-type';
import { AppError, payloadTooLarge } from '../errors';
import { cleanFilename } from './naming';

/** What arrived: the file, complete and closed on disk (not yet fsynced), and the small text fields. */
export interface ReceivedUpload {
	tmpFile: string;
	sha256: string;
	sizeBytes: number;
	filename: string;
	/** What the head check called the file: 'pdf' for documents, the attachment's kind for task attachments. */
	kind: string;
	fields: ReadonlyMap<string, string>;
}

/**
 * What a file's first bytes must show, judged while it streams in: the kind, `'more'` while the bytes so far
 * cannot tell, null to refuse (and stop writing at once). `complete` is true when the file ended before the window.
 */
export interface HeadCheck {
	window: number;
	judge(head: Buffer, filename: string, complete: boolean): string | 'more' | null;
	refusal(): AppError;
}

export interface ReceiveLimits {
	/** MAX_UPLOAD_MB: the PDF itself. */
	maxFileBytes: number;
	/** The whole multipart body: the file plus framing and the few text fields. */
	maxBodyBytes: number;
}

/**
 * Room for the multipart framing and the text fields around the file. The body limit (and BODY_SIZE_LIMIT,
 * set from the same function) is the file limit plus this, so a file of exactly MAX_UPLOAD_MB still fits.
 */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
export const uploadBodyLimit = (maxFileBytes: number) => maxFileBytes + MULTIPART_OVERHEAD_BYTES;

/** pdf.js accepts a header anywhere in the first 1024 bytes (some generators write junk before it); so do we. */
const MAGIC = Buffer.from('%PDF-');
const MAGIC_WINDOW = 1024;

const missingFile = (hint: string) =>
	new AppError('validation_failed', hint, { fields: [{ path: 'file', message: 'send the PDF as multipart/form-data in a field named "file"' }] });

/**
 * The request body of an upload, read once, as a Node stream. Also knows how to get rid of it after a refusal.
 *
 * Why that matters: an HTTP/1.1 client that is still sending its body usually cannot read our answer (undici,
 * browsers: EPIPE or a reset instead of the 413 or 415). So a refusal discards what the client is still sending
 * (never writing it anywhere; at most BODY_SIZE_LIMIT, which adapter-node enforces) and answers after that.
 */
export class UploadBody {
	private source: Readable | null = null;

	constructor(
		private readonly request: Request,
		readonly limits: ReceiveLimits
	) {}

	/** A body declared over the limit: adapter-node refuses to read it at all, and Node discards it after our answer. */
	get declaredTooLarge(): boolean {
		const declared = Number(this.request.headers.get('content-length'));
		return Number.isFinite(declared) && declared > this.limits.maxBodyBytes;
	}

	readable(): Readable | null {
		if (this.source) return this.source;
		if (!this.request.body) return null;
		this.source = Readable.fromWeb(this.request.body as NodeWebReadableStream<Uint8Array>);
		// Errors are reported through `receivePdf`; without a listener, one arriving later would crash the process.
		this.source.on('error', () => {});
		return this.source;
	}

	/**
	 * After a refusal: reads and drops the rest of the body. 'drained' when the connection can carry on;
	 * 'node' when Node itself discards it (declared too large, never read); 'failed' when the connection must
	 * close after the answer (the client went away, or a chunked body ran past BODY_SIZE_LIMIT).
	 */
	async discardRest(): Promise<'drained' | 'node' | 'failed'> {
		if (this.declaredTooLarge) return 'node';
		const source = this.readable();
		if (!source || source.readableEnded) return 'drained';
		if (source.errored) return 'failed';
		return new Promise((resolve) => {
			source.on('end', () => resolve('drained'));
			source.on('error', () => resolve('failed'));
			source.resume();
		});
	}
}

/**
 * Refused before a byte of the body is read when Content-Length already says it is too big. Callers check
 * access first, so nobody learns anything about a meeting they cannot see from the size answer.
 */
export function checkDeclaredLength(body: UploadBody, limits: ReceiveLimits): void {
	if (body.declaredTooLarge) throw payloadTooLarge(limits.maxFileBytes, 'Content-Length is over the limit');
}

/**
 * Streams a multipart body into `tmpFile`: hashing and counting on the way, never holding more than a few
 * chunks in memory. Stops writing as soon as the answer is known (too big, not a PDF). On failure the temp
 * file is removed; after success the caller owns it.
 */
export function receivePdf(request: Request, body: UploadBody, tmpFile: string, limits: ReceiveLimits): Promise<ReceivedUpload> {
	return receiveFile(request, body, tmpFile, limits, PDF_HEAD);
}

/** `receivePdf` for any kind of file its head check accepts (task attachments: documents/attachment-kind.ts). */
export async function receiveFile(request: Request, body: UploadBody, tmpFile: string, limits: ReceiveLimits, check: HeadCheck): Promise<ReceivedUpload> {
	const contentType = request.headers.get('content-type') ?? '';
	const type = parseMediaType(contentType);
	if (type?.essence !== 'multipart/form-data' || !type.parameters.has('boundary')) throw missingFile('not multipart/form-data');
	checkDeclaredLength(body, limits);
	const source = body.readable();
	if (!source) throw missingFile('empty body');

	let parser: busboy.Busboy;
	try {
		parser = busboy({
			headers: { 'content-type': contentType },
			// Browsers send the file name as raw UTF-8; busboy's default (latin1) would garble Vietnamese names.
			defParamCharset: 'utf8',
			// Other file parts are skipped (read and dropped), not refused: a form may carry more than the PDF.
			limits: { files: 4, fileSize: limits.maxFileBytes, fields: 8, fieldSize: 1024, parts: 16, headerPairs: 16 }
		});
	} catch {
		throw missingFile('malformed multipart Content-Type (no boundary?)');
	}

	const fields = new Map<string, string>();
	const abort = new AbortController();
	let failure: Error | null = null;
	let file: Promise<{ sha256: string; sizeBytes: number; filename: string; kind: string }> | null = null;

	const result = new Promise<void>((resolve, reject) => {
		const fail = (e: Error) => {
			if (failure) return;
			failure = e;
			// Stop feeding the parser and writing the file; the rest of the body is for `discardRest`.
			source.unpipe(parser);
			source.pause();
			abort.abort(e);
			reject(e);
		};
		source.on('error', (e: Error & { status?: number }) => {
			// adapter-node errors the body stream once BODY_SIZE_LIMIT is crossed (a chunked body with no length).
			fail(e.status === 413 ? payloadTooLarge(limits.maxFileBytes, 'body over BODY_SIZE_LIMIT') : new AppError('bad_request', `upload interrupted: ${e.message}`));
		});
		parser.on('error', (e: Error) => fail(missingFile(`malformed multipart body: ${e.message}`)));
		parser.on('field', (name, value, info) => {
			if (info.valueTruncated || info.nameTruncated) fail(new AppError('validation_failed', 'field too long', { fields: [{ path: name, message: 'too long' }] }));
			else fields.set(name, value);
		});
		parser.on('file', (name, stream, info) => {
			if (name !== 'file' || file) {
				stream.resume();
				return;
			}
			stream.on('limit', () => fail(payloadTooLarge(limits.maxFileBytes, 'file over MAX_UPLOAD_MB')));
			file = writeFile(stream, tmpFile, info.filename, check, abort.signal);
			file.catch((e: Error) => fail(isAbort(e) && failure ? failure : e));
		});
		parser.on('close', () => {
			if (failure) return;
			if (!file) return fail(missingFile('no "file" field in the body'));
			file.then(() => resolve(), () => {});
		});
		source.pipe(parser);
	});

	try {
		await result;
		const written = await file!;
		return { tmpFile, ...written, fields };
	} catch (e) {
		// The write stream opens its file asynchronously: let it finish (or fail) first, or the file could appear
		// after it was removed.
		await (file as Promise<unknown> | null)?.catch(() => undefined);
		await fs.promises.rm(tmpFile, { force: true });
		throw e;
	}
}

function isAbort(e: unknown): boolean {
	return e instanceof Error && e.name === 'AbortError';
}

/** One file part to disk, through a hash-and-sniff step, with backpressure all the way to the socket. */
async function writeFile(stream: Readable, tmpFile: string, rawName: string | undefined, check: HeadCheck, signal: AbortSignal) {
	const filename = cleanFilename(rawName);
	const sniff = new HeadSniffer(check, filename);
	const out = fs.createWriteStream(tmpFile, { flags: 'wx', mode: 0o600 });
	await pipeline(stream, sniff, out, { signal });
	return { sha256: sniff.hash.digest('hex'), sizeBytes: sniff.size, filename, kind: sniff.kind ?? '' };
}

/** Hashes and counts the bytes passing through, and refuses them as soon as the head check says no. */
class HeadSniffer extends Transform {
	readonly hash = createHash('sha256');
	size = 0;
	kind: string | null = null;
	private head: Buffer | null = Buffer.alloc(0);

	constructor(
		private readonly check: HeadCheck,
		private readonly filename: string
	) {
		super();
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
		this.hash.update(chunk);
		this.size += chunk.length;
		if (this.head) {
			this.head = Buffer.concat([this.head, chunk.subarray(0, this.check.window - this.head.length)]);
			const verdict = this.check.judge(this.head, this.filename, false);
			if (verdict === null || (verdict === 'more' && this.head.length >= this.check.window)) return done(this.check.refusal());
			if (verdict !== 'more') {
				this.kind = verdict;
				this.head = null;
			}
		}
		done(null, chunk);
	}

	override _flush(done: TransformCallback): void {
		// A file shorter than the window (or empty) may not have had its verdict during the stream.
		if (!this.head) return done(null);
		const verdict = this.check.judge(this.head, this.filename, true);
		if (verdict === null || verdict === 'more') return done(this.check.refusal());
		this.kind = verdict;
		done(null);
	}
}

/** pdf.js accepts a header anywhere in the first 1024 bytes (some generators write junk before it); so do we. */
const PDF_HEAD: HeadCheck = {
	window: MAGIC_WINDOW,
	judge: (head, _filename, complete) => (head.includes(MAGIC) ? 'pdf' : complete || head.length >= MAGIC_WINDOW ? null : 'more'),
	refusal: () => new AppError('unsupported_media_type', 'no %PDF- header in the first 1024 bytes')
};
