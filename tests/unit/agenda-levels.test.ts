import { describe, expect, it } from 'vitest';
import { demoteItem, promoteItem } from '../../src/lib/agenda/levels';

interface Node {
	id: string;
	parentId: string | null;
	children: Node[];
}
const node = (id: string, children: string[] = []): Node => ({ id, parentId: null, children: children.map((c) => ({ id: c, parentId: id, children: [] })) });
/** "A[a1,a2] B" with the parent ids checked on the way. */
const shape = (tree: Node[] | null) =>
	tree?.map((t) => {
		expect(t.parentId).toBeNull();
		for (const c of t.children) expect(c.parentId).toBe(t.id);
		return t.children.length ? `${t.id}[${t.children.map((c) => c.id).join(',')}]` : t.id;
	}).join(' ') ?? null;

describe('promoting a sub-item', () => {
	it.each([
		['a1', 'A[a2] a1 B[b1]'],
		['a2', 'A[a1] a2 B[b1]'],
		['b1', 'A[a1,a2] B b1']
	])('%s becomes a main item right after its parent, its later siblings staying', (id, expected) => {
		const tree = [node('A', ['a1', 'a2']), node('B', ['b1'])];
		expect(shape(promoteItem(tree, id))).toBe(expected);
		// The input is left as it was: the editor keeps it to roll back to.
		expect(shape(tree)).toBe('A[a1,a2] B[b1]');
	});

	it('refuses a main item or an unknown id', () => {
		const tree = [node('A', ['a1'])];
		expect(promoteItem(tree, 'A')).toBeNull();
		expect(promoteItem(tree, 'x')).toBeNull();
	});
});

describe('demoting a main item', () => {
	it.each([
		['B', [node('A', ['a1']), node('B'), node('C')], 'A[a1,B] C'],
		['B', [node('A'), node('B', ['b1', 'b2']), node('C')], 'A[B,b1,b2] C'],
		['C', [node('A'), node('B', ['b1']), node('C', ['c1'])], 'A B[b1,C,c1]']
	])('%s, its sub-items following', (id, tree, expected) => {
		expect(shape(demoteItem(tree, id))).toBe(expected);
	});

	it('refuses the first item, a sub-item and an unknown id', () => {
		const tree = [node('A', ['a1']), node('B')];
		expect(demoteItem(tree, 'A')).toBeNull();
		expect(demoteItem(tree, 'a1')).toBeNull();
		expect(demoteItem(tree, 'x')).toBeNull();
	});

	it('is undone by promoting the item and then each follower', () => {
		const tree = [node('A'), node('B', ['b1'])];
		const demoted = demoteItem(tree, 'B')!;
		const back = promoteItem(promoteItem(demoted, 'b1')!, 'B')!;
		expect(shape(back)).toBe('A B b1');
	});
});
