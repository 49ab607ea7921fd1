import { describe, expect, it } from 'vitest';
import { cleanFilename, contentDisposition, documentTitle } from '$lib/server/documents/naming';
import { stampDate, stampPlacement } from '$lib/server/documents/stamp';

describe('cleanFilename', () => {
	const table: [string | undefined, string][] = [
		['Báo cáo.pdf', 'Báo cáo.pdf'],
		// macOS sends decomposed Vietnamese; stored composed so it compares and sorts like typed text
		['Ba\u0301o ca\u0301o.pdf', 'Báo cáo.pdf'],
		['C:\\Users\\ha\\Tờ trình.pdf', 'Tờ trình.pdf'],
		['../../etc/passwd', 'passwd'],
		['gpj.\u202Efdp', 'gpj.fdp'],
		['Admin\u202Efdp.exe.pdf', 'Adminfdp.exe.pdf'],
		['\u200FBa\u0301o\u2067 ca\u0301o\u2069\u0000.pdf', 'Báo cáo.pdf'],
		// nothing visible before the extension: a name nobody can read or tell apart
		['\u200B\u200B.pdf', 'document.pdf'],
		['\u3164.pdf', 'document.pdf'],
		['\u2800 \uFE0F.pdf', 'document.pdf'],
		['  a\tb\nc.pdf ', 'a b c.pdf'],
		['', 'document.pdf'],
		[undefined, 'document.pdf'],
		['..', 'document.pdf'],
		[`${'x'.repeat(300)}.pdf`, `${'x'.repeat(196)}.pdf`]
	];
	it.each(table)('%j → %j', (raw, expected) => {
		expect(cleanFilename(raw)).toBe(expected);
	});
});

describe('documentTitle', () => {
	const table: [string | null, string, string][] = [
		['Free Culture', 'freeculture.pdf', 'Free Culture'],
		['  Alpha   Transparency Test ', 'a.pdf', 'Alpha Transparency Test'],
		[null, 'tracemonkey.pdf', 'tracemonkey'],
		['', 'Tờ trình số 12.PDF', 'Tờ trình số 12'],
		// the Vietnamese corpus article's Title is "vn.html": a file name says less than the uploaded name
		['vn.html', 'quang-ninh-hanh-chinh-cong.pdf', 'quang-ninh-hanh-chinh-cong'],
		['Untitled', 'Báo cáo.pdf', 'Báo cáo'],
		['Microsoft Word - Bao cao.docx', 'Báo cáo.pdf', 'Báo cáo'],
		['Microsoft Word - Báo cáo năm 2026', 'x.pdf', 'Báo cáo năm 2026'],
		// a Title that would reorder or hide itself is cleaned like a typed title, or passed over
		['Tờ trình\u202E fdp.exe', 'x.pdf', 'Tờ trình fdp.exe'],
		['Ba\u0301o\u0000 ca\u0301o\u200E', 'x.pdf', 'Báo cáo'],
		['\u200B\u200B', 'Tờ trình.pdf', 'Tờ trình'],
		['\u3164', '\u2800.pdf', 'document'],
		[null, '\u061C.pdf', 'document']
	];
	it.each(table)('title %j, file %j → %j', (meta, file, expected) => {
		expect(documentTitle(meta, file)).toBe(expected);
	});
});

describe('contentDisposition', () => {
	it('keeps the Vietnamese name in filename* and gives an ASCII stand-in', () => {
		expect(contentDisposition('attachment', 'Tờ trình "số 1" (đợt 2).pdf')).toBe(
			`attachment; filename="To trinh _so 1_ (dot 2).pdf"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20%22s%E1%BB%91%201%22%20%28%C4%91%E1%BB%A3t%202%29.pdf`
		);
		expect(contentDisposition('inline', 'a.pdf')).toBe(`inline; filename="a.pdf"; filename*=UTF-8''a.pdf`);
	});
});

describe('stampPlacement', () => {
	const box = { x: 10, y: 20, width: 600, height: 800 };
	const table: [number, { x: number; y: number; angle: number }][] = [
		[0, { x: 24, y: 34, angle: 0 }],
		[90, { x: 596, y: 34, angle: 90 }],
		[180, { x: 596, y: 806, angle: 180 }],
		[270, { x: 24, y: 806, angle: 270 }],
		[-90, { x: 24, y: 806, angle: 270 }],
		[450, { x: 596, y: 34, angle: 90 }]
	];
	it.each(table)('/Rotate %i reads upright along the displayed bottom edge', (rotation, expected) => {
		expect(stampPlacement(box, rotation)).toEqual(expected);
	});
});

describe('stampDate', () => {
	it('is the date in Vietnam, dd/mm/yyyy', () => {
		expect(stampDate(new Date('2026-11-27T03:00:00Z'))).toBe('27/11/2026');
		// 18:30 UTC is already the next morning in Hà Nội
		expect(stampDate(new Date('2026-11-27T18:30:00Z'))).toBe('28/11/2026');
	});
});
