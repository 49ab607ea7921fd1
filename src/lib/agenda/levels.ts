/*
 * Changing an agenda item's level, as pure functions on the two-level outline (items and their sub-items) that both
 * the server (which writes the result) and the editor (which shows it before the server answers) apply.
 *
 * - Promote: a sub-item becomes a main item right after its parent; the sub-items after it stay with the parent.
 * - Demote: a main item becomes the last sub-item of the main item above it. The agenda has two levels only, so
 *   its own sub-items cannot stay under it: they follow it, in order, as sub-items of the same parent. Nothing is
 *   lost (documents and motions stay on their items) and one "promote" per sub-item undoes it.
 */

export interface OutlineNode<T> {
	id: string;
	parentId: string | null;
	children: T[];
}

/** The outline with `id` made a main item, or null when it is not a sub-item. */
export function promoteItem<T extends OutlineNode<T>>(tree: T[], id: string): T[] | null {
	const parentIndex = tree.findIndex((t) => t.children.some((c) => c.id === id));
	const parent = tree[parentIndex];
	if (!parent) return null;
	const item = parent.children.find((c) => c.id === id)!;
	const next = tree.slice();
	next[parentIndex] = { ...parent, children: parent.children.filter((c) => c.id !== id) };
	next.splice(parentIndex + 1, 0, { ...item, parentId: null, children: [] });
	return next;
}

/** The outline with main item `id` moved under the main item above it (its sub-items following), or null. */
export function demoteItem<T extends OutlineNode<T>>(tree: T[], id: string): T[] | null {
	const index = tree.findIndex((t) => t.id === id);
	const above = tree[index - 1];
	const item = tree[index];
	if (!item || !above) return null;
	const moved = [{ ...item, parentId: above.id, children: [] }, ...item.children.map((c) => ({ ...c, parentId: above.id }))];
	const next = tree.slice();
	next[index - 1] = { ...above, children: [...above.children, ...moved] };
	next.splice(index, 1);
	return next;
}
