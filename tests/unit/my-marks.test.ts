import { describe, expect, it } from 'vitest';
import type { Mark } from '$lib/collab/annotations';
import { EXCERPT_LENGTH, excerptOf, listMyMarks } from '$lib/collab/my-marks';

const hong = { id: 'u-hong', displayName: 'Lê Thị Hồng' };
const bao = { id: 'u-bao', displayName: 'Phạm Quốc Bảo' };
let n = 0;
function mark(fields: Partial<Mark> & Pick<Mark, 'kind' | 'page'>, author = hong): Mark {
	n++;
	return { id: `m${n}`, color: '#f7d94c', author, createdAt: n, updatedAt: n, ...fields } as Mark;
}

describe('my marks', () => {
	it('lists only my marks of both layers, by page then top to bottom, with their words', () => {
		const shared = [
			mark({ kind: 'note', page: 3, x: 100, y: 200, text: 'Cần số liệu\nquý IV', resolved: true }),
			mark({ kind: 'highlight', page: 1, rects: [{ x: 72, y: 500, width: 100, height: 12 }], text: 'cải cách hành chính' }),
			mark({ kind: 'note', page: 1, x: 10, y: 10, text: 'của người khác', resolved: false }, bao)
		];
		const priv = [
			mark({ kind: 'ink', page: 1, points: [10, 700, 20, 720], pressures: null, width: 2 }),
			mark({ kind: 'rect', page: 3, rect: { x: 0, y: 600, width: 10, height: 10 }, width: 2 }),
			mark({ kind: 'arrow', page: 2, from: [0, 0], to: [10, 10], width: 2 })
		];
		const listed = listMyMarks(
			[
				{ kind: 'shared', marks: shared },
				{ kind: 'private', marks: priv }
			],
			hong.id
		);
		expect(listed.map((l) => [l.page, l.kind, l.layer])).toEqual([
			[1, 'ink', 'private'],
			[1, 'highlight', 'shared'],
			[2, 'arrow', 'private'],
			[3, 'rect', 'private'],
			[3, 'note', 'shared']
		]);
		expect(listed[1]!.excerpt).toBe('cải cách hành chính');
		expect(listed[4]).toMatchObject({ excerpt: 'Cần số liệu quý IV', resolved: true });
		expect(listed[0]!.excerpt).toBe('');
	});

	it('keeps excerpts to one short line', () => {
		expect(excerptOf('  một\n\nhai  ')).toBe('một hai');
		const long = 'chữ '.repeat(100);
		const cut = excerptOf(long);
		expect(cut.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
		expect(cut.endsWith('…')).toBe(true);
	});
});
