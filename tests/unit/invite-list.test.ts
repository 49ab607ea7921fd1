import { describe, expect, it } from 'vitest';
import { detectSeparator, foldName, parseDelimited, readInviteList, roleOf, votingRightOf } from '$lib/participants/invite-list';
import { moved } from '$lib/components/documents/order';

describe('parseDelimited', () => {
	it.each([
		['semicolons (Vietnamese Excel)', 'a;b;c\r\nd;e;f\r\n', [['a', 'b', 'c'], ['d', 'e', 'f']]],
		['commas', 'a,b\nc,d', [['a', 'b'], ['c', 'd']]],
		['tabs (pasted from a spreadsheet)', 'a\tb\nc\td\n', [['a', 'b'], ['c', 'd']]],
		['a BOM before the first cell', '\uFEFFusername;role\nx;y', [['username', 'role'], ['x', 'y']]],
		['quoted separators and doubled quotes', '"Nguyễn, Văn A";"nói ""có""";x', [['Nguyễn, Văn A', 'nói "có"', 'x']]],
		['a line break inside quotes', '"dòng 1\r\ndòng 2";b\nc;d', [['dòng 1\r\ndòng 2', 'b'], ['c', 'd']]],
		['blank lines and spaces around cells', '\n  a ; b  \n\n\nc;d\n', [['a', 'b'], ['c', 'd']]],
		['old Mac line ends', 'a;b\rc;d', [['a', 'b'], ['c', 'd']]],
		['a single column', 'delegate1\ndelegate2', [['delegate1'], ['delegate2']]],
		['an unterminated quote keeps the rest as one cell', '"abc;def\nx', [['abc;def\nx']]]
	])('%s', (_, source, expected) => {
		expect(parseDelimited(source).map((r) => r.cells)).toEqual(expected);
	});

	it('remembers the line each row starts on, past blank lines and multi-line cells', () => {
		expect(parseDelimited('a;b\n\n"x\ny";z\nlast;1').map((r) => r.line)).toEqual([1, 3, 5]);
	});

	it('detects the separator from the first line, ignoring quoted text', () => {
		expect(detectSeparator('"a;b;c",d,e\nx;y;z')).toBe(',');
		expect(detectSeparator('a;b,c;d')).toBe(';');
		expect(detectSeparator('a\tb')).toBe('\t');
		expect(detectSeparator('one column')).toBe(';');
	});
});

describe('readInviteList', () => {
	it('reads rows without a header as who, role, voting right', () => {
		expect(readInviteList('delegate1;Đại biểu;Có\nLê Thị Hồng\n')).toEqual([
			{ line: 1, who: 'delegate1', role: 'Đại biểu', canVote: 'Có' },
			{ line: 2, who: 'Lê Thị Hồng' }
		]);
	});

	it('takes a Vietnamese or English header, in any column order', () => {
		const vi = '\uFEFFQuyền biểu quyết;Họ và tên;Vai trò\r\nKhông;Bùi Thị Lan;Quan sát viên\r\n';
		expect(readInviteList(vi)).toEqual([{ line: 2, who: 'Bùi Thị Lan', role: 'Quan sát viên', canVote: 'Không' }]);
		const en = 'Role,Username\nchair,chair\n';
		expect(readInviteList(en)).toEqual([{ line: 2, who: 'chair', role: 'chair' }]);
	});

	it('does not take a first row of people for a header', () => {
		expect(readInviteList('chair;delegate\nx;y').map((r) => r.who)).toEqual(['chair', 'x']);
	});
});

describe('words', () => {
	it.each([
		['Chủ tọa', 'chair'],
		['chu toa', 'chair'],
		['CHỦ TOẠ', 'chair'],
		['Đại biểu', 'delegate'],
		['delegate', 'delegate'],
		['Quan sát viên', 'observer'],
		['khách mời', 'observer'],
		['', undefined],
		['thư ký', null]
	])('role %j → %j', (word, role) => {
		expect(roleOf(word)).toBe(role);
	});

	it.each([
		['Có', true],
		['x', true],
		['yes', true],
		['Không', false],
		['0', false],
		['', undefined],
		['có lẽ', null]
	])('voting right %j → %j', (word, right) => {
		expect(votingRightOf(word)).toBe(right);
	});

	it('folds names without accents, case or extra spaces', () => {
		expect(foldName('  Đặng   Minh TUẤN ')).toBe('dang minh tuan');
		expect(foldName('Nguye\u0302\u0303n')).toBe('nguyen');
	});
});

describe('moved', () => {
	it.each([
		[['a', 'b', 'c'], 1, -1, ['b', 'a', 'c']],
		[['a', 'b', 'c'], 1, 1, ['a', 'c', 'b']],
		[['a', 'b', 'c'], 0, -1, ['a', 'b', 'c']],
		[['a', 'b', 'c'], 2, 1, ['a', 'b', 'c']]
	] as const)('%j moving %i by %i', (list, index, delta, expected) => {
		expect(moved(list, index, delta)).toEqual(expected);
	});
});
