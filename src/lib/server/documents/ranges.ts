/**
 * HTTP range requests and conditional requests (RFC 9110 §13–14), as pure functions of header values, so the
 * rules can be pinned down by table-driven tests without a server. The file route only wires them to disk.
 */

/** An inclusive byte span, as in `Content-Range: bytes start-end/size`. */
export interface ByteRange {
	start: number;
	end: number;
}

export type RangeDecision =
	/** No Range header, or one we ignore (bad syntax, other unit, too many parts): send the whole file, 200. */
	| { kind: 'full' }
	/** Syntactically fine but no part overlaps the file: 416 with `Content-Range: bytes *\/size`. */
	| { kind: 'unsatisfiable' }
	/** One or more parts, in the order to send them: 206. */
	| { kind: 'partial'; ranges: ByteRange[] };

/**
 * More parts than any reader needs: pdf.js asks for one at a time. A long list of tiny or overlapping parts is
 * the classic amplification attack on multipart/byteranges, and RFC 9110 lets a server ignore it.
 */
export const MAX_RANGES = 32;

const SPEC = /^(\d*)-(\d*)$/;

/**
 * Decides what to send for a `Range` header against a representation of `size` bytes.
 * Parts are answered in the order asked unless two overlap or touch, in which case they are merged (sorted),
 * so no byte is ever sent twice.
 */
export function parseRange(header: string | null | undefined, size: number): RangeDecision {
	if (header === null || header === undefined) return { kind: 'full' };
	const eq = header.indexOf('=');
	if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'full' };
	const specs = header
		.slice(eq + 1)
		.split(',')
		.map((s) => s.trim())
		// Empty list elements are allowed by the list syntax (`bytes=0-1,,5-6`).
		.filter((s) => s !== '');
	if (specs.length === 0 || specs.length > MAX_RANGES) return { kind: 'full' };

	const satisfiable: ByteRange[] = [];
	for (const spec of specs) {
		const match = SPEC.exec(spec);
		if (!match) return { kind: 'full' };
		const [, first = '', last = ''] = match;
		if (first === '' && last === '') return { kind: 'full' };
		if (first === '') {
			// Suffix: the last N bytes. `-0` is valid syntax that selects nothing.
			const length = Number(last);
			if (length > 0 && size > 0) satisfiable.push({ start: Math.max(0, size - length), end: size - 1 });
			continue;
		}
		const start = Number(first);
		const end = last === '' ? size - 1 : Number(last);
		if (!Number.isSafeInteger(start) || !Number.isFinite(end)) return { kind: 'full' };
		if (last !== '' && end < start) return { kind: 'full' };
		if (start >= size) continue;
		satisfiable.push({ start, end: Math.min(end, size - 1) });
	}
	if (satisfiable.length === 0) return { kind: 'unsatisfiable' };
	return { kind: 'partial', ranges: coalesce(satisfiable) };
}

/** Keeps the asked order when parts are disjoint; otherwise sorts and merges overlapping or adjacent parts. */
export function coalesce(ranges: ByteRange[]): ByteRange[] {
	const sorted = [...ranges].sort((a, b) => a.start - b.start);
	const touching = sorted.some((r, i) => i > 0 && r.start <= sorted[i - 1]!.end + 1);
	if (!touching) return ranges;
	const merged: ByteRange[] = [];
	for (const r of sorted) {
		const last = merged.at(-1);
		if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
		else merged.push({ ...r });
	}
	return merged;
}

/** The entity tags listed in an If-None-Match / If-Match header; `*` stands for "any". */
function entityTags(header: string): string[] {
	return header
		.split(',')
		.map((t) => t.trim())
		.filter((t) => t !== '');
}

/** Weak comparison (RFC 9110 §8.8.3.2): `W/"x"` matches `"x"`. */
function weakEquals(a: string, b: string): boolean {
	const strip = (t: string) => (t.startsWith('W/') ? t.slice(2) : t);
	return strip(a) === strip(b);
}

/** If-None-Match: true when the client's copy is current, so the answer is 304 instead of the body. */
export function isNotModified(ifNoneMatch: string | null | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return entityTags(ifNoneMatch).some((tag) => tag === '*' || weakEquals(tag, etag));
}

/**
 * If-Range: a Range is honoured only if the client's validator still names this representation, otherwise
 * the whole file is sent (the client's partial copy belongs to some other version). An entity tag must match
 * strongly; a date must equal Last-Modified exactly.
 */
export function rangeStillValid(ifRange: string | null | undefined, etag: string, lastModified: Date): boolean {
	if (!ifRange) return true;
	const value = ifRange.trim();
	if (value.startsWith('"') || value.startsWith('W/')) return !value.startsWith('W/') && value === etag;
	const date = Date.parse(value);
	return Number.isFinite(date) && Math.floor(lastModified.getTime() / 1000) === Math.floor(date / 1000);
}

/** The `Content-Range` value of one part. */
export function contentRange(range: ByteRange, size: number): string {
	return `bytes ${range.start}-${range.end}/${size}`;
}
