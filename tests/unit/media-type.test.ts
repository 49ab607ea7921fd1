import { describe, expect, it } from 'vitest';
import { isJsonMediaType, parseMediaType } from '$lib/http/media-type';

describe('isJsonMediaType: application/json by the grammar, not by a substring', () => {
	it.each([
		['application/json', true],
		['application/json; charset=utf-8', true],
		['application/json;charset=UTF-8', true],
		['Application/JSON ; Charset="utf-8"', true],
		['APPLICATION/JSON', true],
		['application/json;', true],
		['  application/json  ', true],
		['text/plain; x=application/json', false],
		['text/plain;application/json', false],
		['application/json-patch+json', false],
		['application/vnd.api+json', false],
		['application/jsonx', false],
		['xapplication/json', false],
		['application/json, text/plain', false],
		['application /json', false],
		['application/ json', false],
		['application/json; charset', false],
		['application/json; charset="utf-8', false],
		['application/json; =x', false],
		['multipart/form-data; boundary=application/json', false],
		['text/plain', false],
		['', false],
		[null, false],
		[undefined, false]
	])('%j → %s', (header, expected) => {
		expect(isJsonMediaType(header)).toBe(expected);
	});
});

describe('parseMediaType', () => {
	it('lower-cases type and parameter names, keeps values, unquotes quoted strings (a ";" inside stays)', () => {
		const parsed = parseMediaType('Multipart/Form-Data; Boundary="a;b\\"c"; charset=UTF-8');
		expect(parsed?.essence).toBe('multipart/form-data');
		expect(Object.fromEntries(parsed!.parameters)).toEqual({ boundary: 'a;b"c', charset: 'UTF-8' });
	});

	it('keeps the first of a repeated parameter', () => {
		expect(parseMediaType('text/html; charset=utf-8; charset=latin1')?.parameters.get('charset')).toBe('utf-8');
	});

	it.each(['text', 'text/', '/html', 'text/html/x', 'te xt/html', 'text/html; a=b c'])('%j is not a media type', (header) => {
		expect(parseMediaType(header)).toBeNull();
	});
});
