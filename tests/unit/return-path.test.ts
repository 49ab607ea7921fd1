import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '$lib/server/return-path';

describe('safeReturnPath: only paths on this site survive', () => {
	it.each([
		['/meetings', '/meetings'],
		['/meetings/abc?tab=agenda#item-2', '/meetings/abc?tab=agenda#item-2'],
		['/meetings/../admin', '/admin']
	])('%s → %s', (raw, expected) => {
		expect(safeReturnPath(raw)).toBe(expected);
	});

	it.each([
		['another host', '//evil.example/x'],
		['backslash trick', '/\\evil.example'],
		['absolute URL', 'https://evil.example/'],
		['javascript URL', 'javascript:alert(1)'],
		['tab smuggling a second slash', '/\t/evil.example'],
		['newline', '/meetings\n'],
		['relative path', 'meetings'],
		['empty', ''],
		['not a string', 42],
		['too long', '/' + 'a'.repeat(3000)]
	])('%s is refused', (_name, raw) => {
		expect(safeReturnPath(raw)).toBeNull();
	});
});
