import { describe, expect, it } from 'vitest';
import { changeLines, excerpt } from '$lib/components/versions/changes';
import { diffSequences } from '$lib/server/versions/diff';
import { normalizeWithMap, VersionText } from '$lib/server/versions/text-index';
import { blankLayout } from '$lib/server/versions/layout';

// The pure pieces of "what changed": the sequence diff, the text as compared, and the list the viewer shows.

const kinds = (a: number[], b: number[]) => diffSequences(a, b).map((op) => (op.kind === 'same' ? '=' : op.kind === 'added' ? '+' : '-')).join('');

describe('diffSequences', () => {
	it.each([
		{ a: [1, 2, 3], b: [1, 2, 3], ops: '===' },
		{ a: [1, 2, 3], b: [1, 9, 2, 3], ops: '=+==' },
		{ a: [1, 2, 3], b: [1, 3], ops: '=-=' },
		{ a: [1, 2, 3], b: [1, 7, 3], ops: '=-+=' },
		{ a: [], b: [1, 2], ops: '++' },
		{ a: [1, 2], b: [], ops: '--' },
		{ a: [1, 2, 3, 4, 5], b: [5, 1, 2, 3, 4], ops: '+====-' }
	])('$a → $b', ({ a, b, ops }) => {
		expect(kinds(a, b)).toBe(ops);
	});

	it('pairs every kept element with its counterpart, in order', () => {
		const a = [1, 2, 3, 4, 5, 6];
		const b = [0, 2, 3, 9, 5, 6, 7];
		const same = diffSequences(a, b).flatMap((op) => (op.kind === 'same' ? [[a[op.a], b[op.b]]] : []));
		expect(same).toEqual([
			[2, 2],
			[3, 3],
			[5, 5],
			[6, 6]
		]);
	});
});

describe('text as compared across versions', () => {
	it('folds white space and line ends, drops soft hyphens, and maps back to the page’s own offsets', () => {
		const source = '  Nghị quyết\nnày  quy đ\u00adịnh \n';
		const n = normalizeWithMap(source);
		expect(n.text).toBe('Nghị quyết này quy định');
		const at = n.text.indexOf('này');
		expect(source.slice(n.raw[at], n.raw[at + 2]! + 1)).toBe('này');
	});

	it('never matches across a page break', () => {
		const page = (text: string) => ({ ...blankLayout([0, 0, 612, 792]), text });
		const v = new VersionText([page('cuối trang một'), page('đầu trang hai')]);
		expect(v.find('một đầu')).toEqual([]);
		expect(v.find('trang')).toEqual([
			{ page: 1, at: 5 },
			{ page: 2, at: 4 }
		]);
	});
});

describe('the changes list', () => {
	it('lists each page’s additions, moves and removals in reading order', () => {
		const lines = changeLines([
			{ page: 3, added: ['b'], removed: ['c'], moved: ['m'] },
			{ page: 1, added: [], removed: ['a'], moved: [] }
		]);
		expect(lines).toEqual([
			{ page: 3, kind: 'added', text: 'b' },
			{ page: 3, kind: 'moved', text: 'm' },
			{ page: 3, kind: 'removed', text: 'c' },
			{ page: 1, kind: 'removed', text: 'a' }
		]);
	});

	it('cuts long text at a word', () => {
		expect(excerpt('một hai ba bốn năm', 10)).toBe('một hai ba…');
		expect(excerpt('một hai ba bốn năm', 9)).toBe('một hai…');
		expect(excerpt('ngắn', 10)).toBe('ngắn');
	});
});
