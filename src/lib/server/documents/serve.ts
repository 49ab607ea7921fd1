import { randomBytes } from 'node:crypto';
import type { DocumentRow } from '../db/schema';
import { AppError } from '../errors';
import { contentDisposition } from './naming';
import { contentRange, isNotModified, parseRange, rangeStillValid, type ByteRange } from './ranges';
import { openStoredFile, streamSpans, type FileStore } from './storage';

export interface ServeOptions {
	method: 'GET' | 'HEAD';
	/** Builds the JSON error answer (the route's job: it knows the caller's language). */
	refuse: (error: AppError) => Response;
}

/**
 * The stored PDF for the in-app viewer: whole, one range, or several (multipart/byteranges), with validators.
 * pdf.js asks for the first and last chunks, then the pages it shows; the file never changes under an id (the
 * name is its hash), so the ETag is the hash and a cached copy stays valid as long as access does.
 */
export async function serveFile(request: Request, doc: DocumentRow, store: FileStore, options: ServeOptions): Promise<Response> {
	const etag = `"${doc.sha256}"`;
	const headers = new Headers({
		'accept-ranges': 'bytes',
		etag,
		'last-modified': doc.createdAt.toUTCString(),
		// `no-cache`, not `max-age`: a copy may be kept, but is checked with the server (a cheap 304) before each
		// use, so a reader whose access was withdrawn stops getting the file as soon as they are online. A
		// confidential document is never kept at all, not even in the browser's HTTP cache (confidential.ts).
		'cache-control': doc.confidential ? 'private, no-store' : 'private, no-cache',
		'content-disposition': contentDisposition('inline', doc.filename),
		'x-content-type-options': 'nosniff'
	});
	if (isNotModified(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });

	const size = doc.sizeBytes;
	const decision = rangeStillValid(request.headers.get('if-range'), etag, doc.createdAt)
		? parseRange(request.headers.get('range'), size)
		: ({ kind: 'full' } as const);
	if (decision.kind === 'unsatisfiable') {
		const refused = options.refuse(new AppError('range_not_satisfiable', `no requested range overlaps ${size} bytes`));
		for (const [k, v] of headers) if (k !== 'content-disposition') refused.headers.set(k, v);
		refused.headers.set('content-range', `bytes */${size}`);
		return refused;
	}

	// Opened before any header goes out, so a missing file is an error answer, not a truncated 200.
	const handle = await openStoredFile(store, doc.sha256);
	try {
		const stat = await handle.stat();
		if (stat.size !== size) throw new Error(`stored file ${doc.sha256} has ${stat.size} bytes, its row says ${size}`);
	} catch (e) {
		await handle.close();
		throw e;
	}

	let status = 200;
	let spans: ByteRange[] = [{ start: 0, end: size - 1 }];
	let framing: ((index: number) => Uint8Array | null) | undefined;
	let length = size;
	headers.set('content-type', 'application/pdf');
	if (decision.kind === 'partial') {
		status = 206;
		spans = decision.ranges;
		if (spans.length === 1) {
			headers.set('content-range', contentRange(spans[0]!, size));
			length = spans[0]!.end - spans[0]!.start + 1;
		} else {
			const multipart = byteranges(spans, size);
			headers.set('content-type', `multipart/byteranges; boundary=${multipart.boundary}`);
			framing = multipart.frame;
			length = multipart.length;
		}
	}
	headers.set('content-length', String(length));
	if (options.method === 'HEAD' || size === 0) {
		await handle.close();
		return new Response(null, { status, headers });
	}
	return new Response(streamSpans(handle, spans, framing), { status, headers });
}

/** The framing of a multipart/byteranges body (RFC 9110 §14.6), and its exact length for Content-Length. */
export function byteranges(ranges: ByteRange[], size: number, boundary = randomBytes(12).toString('hex')) {
	const encoder = new TextEncoder();
	const frames = ranges.map((r, i) =>
		encoder.encode(`${i === 0 ? '' : '\r\n'}--${boundary}\r\ncontent-type: application/pdf\r\ncontent-range: ${contentRange(r, size)}\r\n\r\n`)
	);
	frames.push(encoder.encode(`\r\n--${boundary}--\r\n`));
	const length = frames.reduce((n, f) => n + f.byteLength, 0) + ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
	return { boundary, length, frame: (index: number) => frames[index] ?? null };
}
