import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_FETCH_SOURCE } from '$lib/pdf/early-fetch.js';
import { earlyFetchTag, parseLinearization, RangeLoader } from '$lib/pdf/range-loader';

const CORPUS = new URL('../fixtures/pdfs/', import.meta.url);
const freeculture = new Uint8Array(fs.readFileSync(new URL('freeculture.pdf', CORPUS)));
const tracemonkey = new Uint8Array(fs.readFileSync(new URL('tracemonkey.pdf', CORPUS)));

/** A server that answers Range requests from `file`, and remembers what it was asked. */
function serve(file: Uint8Array, { ranges = true } = {}) {
	const asked: string[] = [];
	vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
		const range = new Headers(init.headers).get('range') ?? '';
		asked.push(range);
		const m = /bytes=(\d+)-(\d+)/.exec(range);
		if (!ranges || !m) return new Response(file.slice(), { status: 200 });
		const begin = Number(m[1]);
		const end = Math.min(Number(m[2]) + 1, file.byteLength);
		return new Response(file.slice(begin, end), {
			status: 206,
			headers: { 'content-range': `bytes ${begin}-${end - 1}/${file.byteLength}` }
		});
	});
	return asked;
}

afterEach(() => vi.unstubAllGlobals());

/** Byte-for-byte equality without a deep comparison of megabytes. */
const same = (a: Uint8Array | null, b: Uint8Array) => a !== null && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('parseLinearization', () => {
	it('reads /L, /E and /T of a linearised file', () => {
		expect(parseLinearization(freeculture)).toEqual({ length: 2598727, firstPageEnd: 281799, mainXref: 2569263 });
	});

	it('finds nothing in a file that is not linearised', () => {
		expect(parseLinearization(tracemonkey)).toBeNull();
	});
});

describe('RangeLoader', () => {
	it('asks at once for the first and last chunks, then for the first page and the main xref, each once', async () => {
		const asked = serve(freeculture);
		const loader = new RangeLoader('/f', { length: freeculture.byteLength });
		expect(await loader.open()).toEqual({ length: freeculture.byteLength, whole: null });
		expect(same(await loader.read(0, 65536), freeculture.subarray(0, 65536))).toBe(true);
		// Chunks 1–4 cover /E (281799); chunk 39 (the trailer) was asked for at the start and also covers /T.
		expect(same(await loader.read(65536, 327680), freeculture.subarray(65536, 327680))).toBe(true);
		expect(same(await loader.read(2555904, freeculture.byteLength), freeculture.subarray(2555904))).toBe(true);
		expect(asked).toEqual(['bytes=0-65535', 'bytes=2555904-2598726', 'bytes=65536-327679']);
		// Anything else is fetched when asked, and only then.
		expect(same(await loader.read(2359296, 2424832), freeculture.subarray(2359296, 2424832))).toBe(true);
		expect(asked.at(-1)).toBe('bytes=2359296-2424831');
		expect(asked).toHaveLength(4);
	});

	it('learns the size from the first answer when it was not given', async () => {
		const asked = serve(tracemonkey);
		const loader = new RangeLoader('/f');
		expect(await loader.open()).toEqual({ length: tracemonkey.byteLength, whole: null });
		expect(same(await loader.read(0, 65536), tracemonkey.subarray(0, 65536))).toBe(true);
		const lastChunk = Math.floor((tracemonkey.byteLength - 1) / 65536) * 65536;
		expect(same(await loader.read(lastChunk, tracemonkey.byteLength), tracemonkey.subarray(lastChunk))).toBe(true);
		expect(asked).toEqual(['bytes=0-65535', `bytes=${lastChunk}-${tracemonkey.byteLength - 1}`]);
	});

	it('takes the whole file when the server ignores ranges', async () => {
		serve(tracemonkey, { ranges: false });
		const { whole } = await new RangeLoader('/f').open();
		expect(same(whole, tracemonkey)).toBe(true);
	});

	it('gives up on a refusal without retrying', async () => {
		const fetch = vi.fn(async () => new Response('gone', { status: 404 }));
		vi.stubGlobal('fetch', fetch);
		const loader = new RangeLoader('/f', { length: freeculture.byteLength });
		await loader.open();
		await expect(loader.read(0, 65536)).rejects.toMatchObject({ status: 404 });
		expect(fetch).toHaveBeenCalledTimes(2); // the first and the last chunk, once each
	});

	it('takes over the requests of the page’s early script instead of asking again', async () => {
		const asked = serve(freeculture);
		vi.stubGlobal('window', globalThis);
		const tag = earlyFetchTag('/f', freeculture.byteLength);
		// The script's text is the fixed one the Content-Security-Policy allows by hash; the rest is attributes.
		const parsed = /^<script data-url="([^"]*)" data-ranges="([^"]*)">([\s\S]*)<\/script>$/.exec(tag);
		expect(parsed?.[3]).toBe(EARLY_FETCH_SOURCE);
		const attribute = (text: string) => text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
		vi.stubGlobal('document', { currentScript: { dataset: { url: attribute(parsed![1]!), ranges: attribute(parsed![2]!) } } });
		new Function(EARLY_FETCH_SOURCE)();
		expect(asked).toEqual(['bytes=0-65535', 'bytes=2555904-2598726']);
		const loader = new RangeLoader('/f', { length: freeculture.byteLength });
		await loader.open();
		expect(same(await loader.read(0, 65536), freeculture.subarray(0, 65536))).toBe(true);
		expect(same(await loader.read(2555904, freeculture.byteLength), freeculture.subarray(2555904))).toBe(true);
		// Only the read-ahead was added; the early answers were used, and only once.
		expect(asked).toEqual(['bytes=0-65535', 'bytes=2555904-2598726', 'bytes=65536-327679']);
		expect((globalThis as { __quorumPdfPrefetch?: Record<string, unknown> }).__quorumPdfPrefetch).toEqual({});
	});

	it('writes the early script’s attributes so no URL can end them or the element', () => {
		const tag = earlyFetchTag('/a"b<c&d', 10);
		expect(tag).toContain('data-url="/a&quot;b&lt;c&amp;d"');
		expect(tag.split('<').length).toBe(3); // <script …> and </script>, nothing in between
	});
});
