import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '$lib/server/return-path';

describe('safeReturnPath: only paths on this site survive', () => {
	it.each([
		['/meetings', '/meetings'],
		['/meetings/abc?tab=agenda#item-2', '/meetings/abc?tab=agenda#item-2'],
		['/meetings/abc?x=1#y', '/meetings/abc?x=1#y'],
		['/meetings/%C3%A1', '/meetings/%C3%A1'],
		['/meetings/á', '/meetings/%C3%A1'],
		['/meetings/../admin', '/admin'],
		['/archive/search?q=12%2F2024', '/archive/search?q=12%2F2024'],
		['/', '/'],
		// A dot-prefixed segment is still a path on this host, not "evil.example".
		['/.evil.example', '/.evil.example'],
		['/../../evil.example', '/evil.example']
	])('%s → %s', (raw, expected) => {
		expect(safeReturnPath(raw)).toBe(expected);
	});

	// Known bypasses: OWASP Unvalidated Redirects and Forwards Cheat Sheet, PortSwigger's and
	// PayloadsAllTheThings' open-redirect lists. Each is another host to a browser (or to a proxy that decodes
	// once more before redirecting), or smuggles one in past a naive prefix check.
	it.each([
		['another host', '//evil.example/x'],
		['three slashes', '///evil.example'],
		['four slashes', '////evil.example'],
		['backslash trick', '/\\evil.example'],
		['slash backslash slash', '/\\/evil.example'],
		['backslashes only', '\\\\evil.example'],
		['escaped slashes', '\\/\\/evil.example'],
		['backslash in the query', '/meetings?x=\\evil'],
		['dot-dot then two slashes', '/..//evil.example'],
		['dot then two slashes', '/.//evil.example'],
		['deeper dot-dot then two slashes', '/meetings/..//evil.example'],
		['many dot-dots', '/a/b/../../..//evil.example'],
		['encoded dot-dot', '/%2e%2e//evil.example'],
		['encoded dot', '/%2e//evil.example'],
		['half-encoded dot-dot', '/.%2e//evil.example'],
		['upper-case encoded dot-dot', '/%2E%2E//evil.example'],
		['encoded slashes', '/%2F%2Fevil.example'],
		['encoded slashes, lower case', '/%2f%2fevil.example'],
		['encoded slash after a segment', '/meetings%2f..%2f..%2f%2fevil.example'],
		['encoded backslash', '/%5Cevil.example'],
		['encoded backslash, lower case', '/%5cevil.example'],
		['double-encoded slashes', '/%252F%252Fevil.example'],
		['double-encoded backslash', '/%255Cevil.example'],
		['dot-dot, encoded slash', '/..%2f/evil.example'],
		['encoded tab', '/%09/evil.example'],
		['encoded newline', '/%0a/evil.example'],
		['encoded carriage return', '/%0d/evil.example'],
		['encoded NUL', '/%00/evil.example'],
		['tab smuggling a second slash', '/\t/evil.example'],
		['leading tab', '\t//evil.example'],
		['newline', '/meetings\n'],
		['newline smuggling a second slash', '/\n/evil.example'],
		['carriage return', '/\r/evil.example'],
		['NUL', '/\u0000/evil.example'],
		['DEL', '/\u007f/evil.example'],
		['C1 NEL', '/\u0085/evil.example'],
		['no-break space', '/\u00a0/evil.example'],
		['line separator', '/\u2028/evil.example'],
		['leading space', ' //evil.example'],
		['absolute URL', 'https://evil.example/'],
		['scheme without slashes', 'https:evil.example'],
		['scheme with one slash', 'http:/evil.example'],
		['scheme with backslashes', 'http:\\\\evil.example'],
		['javascript URL', 'javascript:alert(1)'],
		['data URL', 'data:text/html,<script>alert(1)</script>'],
		['userinfo trick', '//quorum.invalid@evil.example'],
		['ideographic full stop host', '//evil%E3%80%82example'],
		['relative path', 'meetings'],
		['relative dot path', './/evil.example'],
		['empty', ''],
		['not a string', 42],
		['null', null],
		['too long', '/' + 'a'.repeat(3000)]
	])('%s is refused', (_name, raw) => {
		expect(safeReturnPath(raw)).toBeNull();
	});

	it('answers only values that would pass again unchanged', () => {
		for (const raw of ['/meetings/abc?x=1#y', '/meetings/%C3%A1', '/a/./b/../c?q=%2F']) {
			const once = safeReturnPath(raw);
			expect(once).not.toBeNull();
			expect(safeReturnPath(once)).toBe(once);
		}
	});
});
