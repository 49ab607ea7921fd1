/**
 * The bytes of one PDF, fetched in ranges for pdf.js, with two things pdf.js's own loader does not do:
 *
 * 1. It starts at once, while pdf.js and its worker are still loading: the first chunk (header, linearisation
 *    dictionary) and, when the size is known, the last one (trailer, `startxref`), which pdf.js always reads
 *    first. pdf.js's loader also opens with a plain GET to learn the size, a round trip spent on nothing.
 * 2. It reads ahead what the first page needs. In a linearised PDF ("fast web view"), the dictionary at the top
 *    says where the first page's objects end (/E) and where the main cross-reference table starts (/T); pdf.js
 *    ignores both and asks for those bytes a chunk at a time, each after parsing the previous one. Here they are
 *    requested as soon as the first chunk is in, and handed over as pdf.js asks.
 *
 * On a 4 Mbit/s link with 40 ms latency this takes the first page of freeculture.pdf (352 pages) from about
 * 1.9 s to about 1.3 s (docs/benchmarks.md). Everything else is as before: pdf.js asks for what the pages on
 * screen need (auto-fetch off), in chunks of the same size, and nothing is downloaded ahead beyond the first page.
 *
 * Chunks are dropped from here once pdf.js has them (its worker keeps its own copy).
 */

import type { PdfJsLib } from './pdfjs';
import { EARLY_FETCH_GLOBAL as EARLY, EARLY_FETCH_SOURCE } from './early-fetch.js';

export const RANGE_CHUNK_SIZE = 65_536;
const RETRIES = 2;

type EarlyRequests = Record<string, Record<number, Promise<Response>>>;

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A tiny inline script for the viewer page's <head>: it asks for the first and last chunks while the HTML is
 * still being parsed, before the app's JavaScript has even started, and the loader picks the answers up (on a
 * fully loaded page that is about 150 ms earlier than from the component). After client-side navigation the
 * script does not run and the loader asks itself. The script's text never changes (early-fetch.js), so the
 * Content-Security-Policy allows it by its hash; what differs per document goes in attributes.
 */
export function earlyFetchTag(url: string, length: number, chunkSize = RANGE_CHUNK_SIZE): string {
	const last = Math.floor((length - 1) / chunkSize);
	const ranges: [number, number, number][] = [[0, 0, Math.min(chunkSize, length)]];
	if (last > 0) ranges.push([last, last * chunkSize, length]);
	return `<script data-url="${escapeAttribute(url)}" data-ranges="${escapeAttribute(JSON.stringify(ranges))}">${EARLY_FETCH_SOURCE}</script>`;
}

/** The early script's requests for `url`, once: a second viewer of the same file asks for itself. */
function takeEarly(url: string): Record<number, Promise<Response>> {
	const all = (globalThis as { [EARLY]?: EarlyRequests })[EARLY];
	const mine = all?.[url] ?? {};
	if (all) delete all[url];
	return mine;
}

/** A range request the server refused (404 once access is withdrawn, for instance). */
export class RangeResponseError extends Error {
	constructor(readonly status: number) {
		super(`range request answered ${status}`);
		// The name pdf.js gives its own HTTP errors, so the viewer reports both alike.
		this.name = 'ResponseException';
	}
}

interface Linearization {
	length: number;
	firstPageEnd: number;
	mainXref: number;
}

/** /L, /E and /T of the linearisation dictionary at the top of the file, when there is one. */
export function parseLinearization(head: Uint8Array): Linearization | null {
	const text = new TextDecoder('latin1').decode(head.subarray(0, 1024));
	const dict = /<<\s*\/Linearized\s[^>]*>>/.exec(text)?.[0];
	if (!dict) return null;
	const number = (key: string) => Number(new RegExp(`/${key}\\s*(\\d+)`).exec(dict)?.[1] ?? NaN);
	const result = { length: number('L'), firstPageEnd: number('E'), mainXref: number('T') };
	return Object.values(result).every((n) => Number.isInteger(n) && n > 0) ? result : null;
}

export class RangeLoader {
	readonly url: string;
	readonly chunkSize: number;
	length: number | null;
	/** Chunk index → its bytes (pending or arrived), until pdf.js has taken them. */
	readonly #chunks = new Map<number, Promise<Uint8Array>>();
	/** Chunks pdf.js already has: never fetched again. */
	readonly #taken = new Set<number>();
	readonly #abort = new AbortController();

	/** @param length the file's size when the page already knows it (saves a round trip) */
	constructor(url: string, { length = null, chunkSize = RANGE_CHUNK_SIZE }: { length?: number | null; chunkSize?: number } = {}) {
		this.url = url;
		this.length = length && length > 0 ? length : null;
		this.chunkSize = chunkSize;
	}

	/**
	 * Starts the first and the last chunk and, once the first is in, the read-ahead: call it before pdf.js has
	 * loaded. Resolves with the size (at once when it was given); `whole` is the file itself when it fits in the
	 * first answer or the server sent all of it instead of a range.
	 */
	async open(): Promise<{ length: number; whole: Uint8Array | null }> {
		if (this.length === null) {
			const res = await this.#fetch(0, this.chunkSize);
			const bytes = new Uint8Array(await res.arrayBuffer());
			const total = res.status === 206 ? Number(/\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '')?.[1]) : bytes.byteLength;
			if (!Number.isInteger(total) || total <= bytes.byteLength) {
				this.length = bytes.byteLength;
				return { length: bytes.byteLength, whole: bytes };
			}
			this.length = total;
			this.#chunks.set(0, Promise.resolve(bytes));
		}
		const early = takeEarly(this.url);
		if (!this.#chunks.has(0)) this.#fetchSpan(0, 1, early[0]);
		const length = this.length;
		const last = this.#chunkOf(length - 1);
		if (last > 0) this.#fetchSpan(last, last + 1, early[last]);
		this.#chunks.get(0)!.then(
			(head) => this.#readAhead(head, length),
			() => {}
		);
		return { length, whole: null };
	}

	/** Bytes [begin, end) as pdf.js asks for them (whole chunks, the last one cut at the end of the file). */
	async read(begin: number, end: number): Promise<Uint8Array> {
		const first = this.#chunkOf(begin);
		const last = this.#chunkOf(end - 1);
		this.#fetchMissing(first, last + 1);
		const parts: Uint8Array[] = [];
		for (let i = first; i <= last; i++) {
			parts.push(await this.#chunks.get(i)!);
			this.#chunks.delete(i);
			this.#taken.add(i);
		}
		const out = parts.length === 1 ? parts[0]! : concat(parts);
		const offset = begin - first * this.chunkSize;
		return offset === 0 && out.byteLength === end - begin ? out : out.subarray(offset, offset + (end - begin));
	}

	abort(): void {
		this.#abort.abort();
		this.#chunks.clear();
	}

	#chunkOf(offset: number): number {
		return Math.floor(offset / this.chunkSize);
	}

	/** What the first page of a linearised file needs, and the main cross-reference table, requested now. */
	#readAhead(head: Uint8Array, length: number): void {
		const hints = parseLinearization(head);
		if (!hints || hints.length !== length) return;
		const last = this.#chunkOf(length - 1);
		this.#fetchMissing(1, this.#chunkOf(Math.min(hints.firstPageEnd, length) - 1) + 1);
		// The main cross-reference table runs from /T to the trailer.
		this.#fetchMissing(this.#chunkOf(hints.mainXref), last + 1);
	}

	/** Chunks [from, to) that are neither here, nor on their way, nor already with pdf.js: one request per run. */
	#fetchMissing(from: number, to: number): void {
		let run: number | null = null;
		for (let i = from; i <= to; i++) {
			const missing = i < to && !this.#chunks.has(i) && !this.#taken.has(i);
			if (missing && run === null) run = i;
			if (!missing && run !== null) {
				this.#fetchSpan(run, i);
				run = null;
			}
		}
	}

	/**
	 * One request for chunks [from, to); each chunk's promise settles as soon as its own bytes are in, so pdf.js
	 * can go on with the first while the rest still arrive.
	 */
	#fetchSpan(from: number, to: number, early?: Promise<Response>): void {
		const begin = from * this.chunkSize;
		const end = Math.min(to * this.chunkSize, this.length ?? Infinity);
		const settle: { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void }[] = [];
		for (let i = from; i < to; i++) {
			let resolve!: (b: Uint8Array) => void;
			let reject!: (e: unknown) => void;
			const promise = new Promise<Uint8Array>((yes, no) => {
				resolve = yes;
				reject = no;
			});
			promise.catch(() => {}); // observed by read(); not an unhandled rejection meanwhile
			this.#chunks.set(i, promise);
			settle.push({ resolve, reject });
		}
		void (async () => {
			try {
				const res = (await early?.then((r) => (r.status === 206 || r.status === 200 ? r : null)).catch(() => null)) ?? (await this.#fetch(begin, end));
				const buffer = new Uint8Array(end - begin);
				let received = 0;
				let next = 0;
				const deliver = (upTo: number) => {
					while (next < settle.length) {
						const chunkEnd = Math.min((next + 1) * this.chunkSize, buffer.byteLength);
						if (chunkEnd > upTo) break;
						settle[next]!.resolve(buffer.slice(next * this.chunkSize, chunkEnd));
						next++;
					}
				};
				if (res.status === 200) {
					// The whole file after all: keep the part asked for.
					const whole = new Uint8Array(await res.arrayBuffer());
					buffer.set(whole.subarray(begin, end));
					deliver(buffer.byteLength);
					return;
				}
				const reader = res.body!.getReader();
				for (;;) {
					const { done, value } = await reader.read();
					if (done) break;
					buffer.set(value.subarray(0, buffer.byteLength - received), received);
					received = Math.min(buffer.byteLength, received + value.byteLength);
					deliver(received);
				}
				if (next < settle.length) throw new Error(`short range answer: ${received} of ${buffer.byteLength} bytes`);
			} catch (e) {
				for (const s of settle) s.reject(e);
			}
		})();
	}

	async #fetch(begin: number, end: number): Promise<Response> {
		let lastError: unknown;
		for (let attempt = 0; attempt <= RETRIES; attempt++) {
			try {
				const res = await fetch(this.url, {
					headers: { range: `bytes=${begin}-${end - 1}` },
					credentials: 'same-origin',
					signal: this.#abort.signal
				});
				if (res.status === 206 || res.status === 200) return res;
				throw new RangeResponseError(res.status);
			} catch (e) {
				lastError = e;
				// Refusals (not found, no access) and a closed viewer are final; a dropped connection is tried again.
				if (e instanceof RangeResponseError && e.status < 500) throw e;
				if (this.#abort.signal.aborted) throw e;
				await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
			}
		}
		throw lastError;
	}
}

/**
 * What to hand pdf.js's getDocument: the bytes themselves when the loader already has the whole file, else a
 * range transport that asks the loader for every range pdf.js wants. `onError` hears of a range that could not be
 * had (pdf.js itself would wait for it forever).
 */
export function documentSource(
	lib: PdfJsLib,
	loader: RangeLoader,
	{ length, whole }: { length: number; whole: Uint8Array | null },
	onError: (e: unknown) => void
): { data: Uint8Array } | { range: InstanceType<PdfJsLib['PDFDataRangeTransport']>; rangeChunkSize: number } {
	if (whole) return { data: whole };
	const transport = new lib.PDFDataRangeTransport(length, null);
	transport.requestDataRange = (begin: number, end: number) => {
		loader.read(begin, end).then((bytes) => transport.onDataRange(begin, bytes), onError);
	};
	transport.abort = () => loader.abort();
	return { range: transport, rangeChunkSize: loader.chunkSize };
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}
