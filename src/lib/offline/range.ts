/**
 * Answering byte-range requests from a stored whole file, the way the server does: pdf.js asks for
 * `Range: bytes=a-b` slices once it has seen `Accept-Ranges: bytes` on the first answer, and must get a 206 with
 * exactly those bytes and a `Content-Range`, or it renders garbage.
 */

/** Inclusive byte positions, as in `Content-Range`. */
export interface ByteRange {
	start: number;
	end: number;
}

/**
 * One range out of a `Range` header for a body of `size` bytes.
 * - `null`: no usable range — answer the whole body with 200 (no header, another unit, a malformed value, or
 *   several ranges, which a server may answer whole and pdf.js never asks for);
 * - `'unsatisfiable'`: a well-formed range that starts past the end — answer 416.
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
	if (!header) return null;
	const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
	if (!match) return null;
	const [, first = '', last = ''] = match;
	if (first === '' && last === '') return null;
	if (first === '') {
		// Suffix range: the last N bytes.
		const length = Number(last);
		if (length === 0 || size === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - length), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? Infinity : Number(last);
	if (!Number.isSafeInteger(start) || (last !== '' && !Number.isSafeInteger(end)) || end < start) return null;
	if (start >= size) return 'unsatisfiable';
	return { start, end: Math.min(end, size - 1) };
}

/** Headers of a stored document that stay true for any slice of it. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'cache-control'];

/**
 * The answer to `rangeHeader` from `stored`, a whole-file 200 response out of Cache Storage. The body is a
 * Blob slice, so even a 50 MB file is not read into memory for a 64 KB range.
 */
export async function answerFromStoredFile(stored: Response, rangeHeader: string | null): Promise<Response> {
	const body = await stored.blob();
	const size = body.size;
	const headers = new Headers({ 'accept-ranges': 'bytes', 'x-quorum-offline': '1' });
	for (const name of KEPT_HEADERS) {
		const value = stored.headers.get(name);
		if (value) headers.set(name, value);
	}
	const range = parseRange(rangeHeader, size);
	if (range === 'unsatisfiable') {
		headers.set('content-range', `bytes */${size}`);
		return new Response(null, { status: 416, headers });
	}
	if (range === null) {
		headers.set('content-length', String(size));
		return new Response(body, { status: 200, headers });
	}
	headers.set('content-range', `bytes ${range.start}-${range.end}/${size}`);
	headers.set('content-length', String(range.end - range.start + 1));
	return new Response(body.slice(range.start, range.end + 1), { status: 206, headers });
}
