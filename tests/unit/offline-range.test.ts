import { describe, expect, it } from 'vitest';
import { answerFromStoredFile, parseRange } from '$lib/offline/range';

describe('parseRange', () => {
	const size = 1000;
	it.each([
		[null, null],
		['', null],
		['bytes=0-99', { start: 0, end: 99 }],
		['bytes=900-', { start: 900, end: 999 }],
		['bytes=-100', { start: 900, end: 999 }],
		['bytes=-5000', { start: 0, end: 999 }],
		['bytes=990-2000', { start: 990, end: 999 }],
		['bytes = 5 - 9', { start: 5, end: 9 }],
		['BYTES=1-1', { start: 1, end: 1 }],
		['bytes=1000-1001', 'unsatisfiable'],
		['bytes=1000-', 'unsatisfiable'],
		['bytes=-0', 'unsatisfiable'],
		['bytes=9-5', null],
		['bytes=0-1,5-9', null],
		['items=0-9', null],
		['bytes=-', null],
		['bytes=abc', null],
		['bytes=99999999999999999999-', null]
	] as const)('%s → %j', (header, expected) => {
		expect(parseRange(header, size)).toEqual(expected);
	});

	it('finds nothing satisfiable in an empty body', () => {
		expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable');
		expect(parseRange('bytes=-1', 0)).toBe('unsatisfiable');
	});
});

describe('answerFromStoredFile', () => {
	const bytes = new TextEncoder().encode('%PDF-1.7 0123456789');
	const stored = () =>
		new Response(bytes, { headers: { 'content-type': 'application/pdf', etag: '"abc"', 'content-length': String(bytes.length), 'x-other': 'no' } });

	it('answers a range with 206, the exact bytes and Content-Range', async () => {
		const res = await answerFromStoredFile(stored(), 'bytes=9-12');
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes 9-12/${bytes.length}`);
		expect(res.headers.get('content-length')).toBe('4');
		expect(res.headers.get('accept-ranges')).toBe('bytes');
		expect(res.headers.get('etag')).toBe('"abc"');
		expect(res.headers.get('x-other')).toBeNull();
		expect(await res.text()).toBe('0123');
	});

	it('answers no range with 200 and the whole body', async () => {
		const res = await answerFromStoredFile(stored(), null);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-length')).toBe(String(bytes.length));
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
	});

	it('answers a range past the end with 416 and the size', async () => {
		const res = await answerFromStoredFile(stored(), 'bytes=500-600');
		expect(res.status).toBe(416);
		expect(res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
	});
});
