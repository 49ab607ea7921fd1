import { describe, expect, it } from 'vitest';
import { coalesce, isNotModified, MAX_RANGES, parseRange, rangeStillValid, type RangeDecision } from '$lib/server/documents/ranges';
import { byteranges } from '$lib/server/documents/serve';

const SIZE = 10_000;
const full: RangeDecision = { kind: 'full' };
const none: RangeDecision = { kind: 'unsatisfiable' };
const parts = (...r: [number, number][]): RangeDecision => ({ kind: 'partial', ranges: r.map(([start, end]) => ({ start, end })) });

describe('parseRange', () => {
	const table: [string | null, number, RangeDecision][] = [
		// no header, or one we ignore: the whole file
		[null, SIZE, full],
		['', SIZE, full],
		['bytes', SIZE, full],
		['items=0-10', SIZE, full],
		['bytes=', SIZE, full],
		['bytes=-', SIZE, full],
		['bytes=abc', SIZE, full],
		['bytes=5-1', SIZE, full],
		['bytes=0-1,x', SIZE, full],
		['bytes=1.5-2', SIZE, full],
		['bytes=-1-2', SIZE, full],
		[`bytes=${Array.from({ length: MAX_RANGES + 1 }, (_, i) => `${i * 10}-${i * 10 + 1}`).join(',')}`, SIZE, full],
		// one part
		['bytes=0-0', SIZE, parts([0, 0])],
		['bytes=0-99', SIZE, parts([0, 99])],
		['BYTES = 0-99', SIZE, parts([0, 99])],
		['bytes=100-', SIZE, parts([100, SIZE - 1])],
		['bytes=9999-', SIZE, parts([9999, 9999])],
		['bytes=-500', SIZE, parts([9500, 9999])],
		['bytes=-20000', SIZE, parts([0, 9999])],
		['bytes=500-99999999', SIZE, parts([500, 9999])],
		['bytes=0-', SIZE, parts([0, 9999])],
		// several parts: kept in the asked order when disjoint
		['bytes=0-4,-5', SIZE, parts([0, 4], [9995, 9999])],
		['bytes=500-599, 100-199', SIZE, parts([500, 599], [100, 199])],
		['bytes=0-1,,5-6', SIZE, parts([0, 1], [5, 6])],
		// overlapping or adjacent parts are merged, sorted
		['bytes=100-199,150-299', SIZE, parts([100, 299])],
		['bytes=200-299,100-199', SIZE, parts([100, 299])],
		['bytes=0-9,0-9,0-9', SIZE, parts([0, 9])],
		['bytes=-100,9000-', SIZE, parts([9000, 9999])],
		// parts past the end are dropped; none left is 416
		['bytes=10000-', SIZE, none],
		['bytes=10000-10005', SIZE, none],
		['bytes=-0', SIZE, none],
		['bytes=20000-,-0', SIZE, none],
		['bytes=20000-,0-1', SIZE, parts([0, 1])],
		['bytes=0-0', 0, none],
		['bytes=-5', 0, none]
	];
	it.each(table)('%j of %i bytes', (header, size, expected) => {
		expect(parseRange(header, size)).toEqual(expected);
	});
});

describe('coalesce', () => {
	it('leaves disjoint parts in the asked order', () => {
		const ranges = [{ start: 50, end: 60 }, { start: 0, end: 10 }];
		expect(coalesce(ranges)).toBe(ranges);
	});
	it('merges a chain of touching parts', () => {
		expect(coalesce([{ start: 0, end: 9 }, { start: 20, end: 29 }, { start: 10, end: 19 }])).toEqual([{ start: 0, end: 29 }]);
	});
});

describe('conditional requests', () => {
	const etag = '"abc"';
	const modified = new Date('2026-11-27T10:00:00.000Z');
	const notModified: [string | null, boolean][] = [
		[null, false],
		['"abc"', true],
		['W/"abc"', true],
		['"x", "abc"', true],
		['*', true],
		['"abcd"', false],
		['abc', false]
	];
	it.each(notModified)('If-None-Match %j → 304: %s', (header, expected) => {
		expect(isNotModified(header, etag)).toBe(expected);
	});

	const ifRange: [string | null, boolean][] = [
		[null, true],
		['"abc"', true],
		['W/"abc"', false],
		['"old"', false],
		['Fri, 27 Nov 2026 10:00:00 GMT', true],
		['Fri, 27 Nov 2026 09:59:59 GMT', false],
		['not a date', false]
	];
	it.each(ifRange)('If-Range %j → range honoured: %s', (header, expected) => {
		expect(rangeStillValid(header, etag, modified)).toBe(expected);
	});
});

describe('multipart/byteranges framing', () => {
	it('counts exactly the bytes it will send', () => {
		const ranges = [{ start: 0, end: 4 }, { start: 95, end: 99 }];
		const m = byteranges(ranges, 100, 'B');
		const frames = [m.frame(0)!, m.frame(1)!, m.frame(2)!].map((f) => new TextDecoder().decode(f));
		expect(frames).toEqual([
			'--B\r\ncontent-type: application/pdf\r\ncontent-range: bytes 0-4/100\r\n\r\n',
			'\r\n--B\r\ncontent-type: application/pdf\r\ncontent-range: bytes 95-99/100\r\n\r\n',
			'\r\n--B--\r\n'
		]);
		expect(m.frame(3)).toBeNull();
		expect(m.length).toBe(frames.join('').length + 10);
	});
});
