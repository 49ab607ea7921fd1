/*
 * The agenda as the editor holds it: the service's numbered tree without timestamps, plus the pure moves the
 * editor applies optimistically before the server confirms them.
 */

export interface AgendaEntry {
	id: string;
	parentId: string | null;
	title: string;
	presenter: string;
	description: string;
	durationMinutes: number | null;
	/** "2", "2.1": the number people say out loud. */
	number: string;
	children: AgendaEntry[];
}

interface AgendaNodeLike {
	id: string;
	parentId: string | null;
	title: string;
	presenter: string;
	description: string;
	durationMinutes: number | null;
	number: string;
	children: AgendaNodeLike[];
}

export function leanAgenda(nodes: AgendaNodeLike[]): AgendaEntry[] {
	return nodes.map((n) => ({
		id: n.id,
		parentId: n.parentId,
		title: n.title,
		presenter: n.presenter,
		description: n.description,
		durationMinutes: n.durationMinutes,
		number: n.number,
		children: leanAgenda(n.children)
	}));
}

export function siblingsIn(tree: AgendaEntry[], parentId: string | null): AgendaEntry[] {
	if (parentId === null) return tree;
	return tree.find((t) => t.id === parentId)?.children ?? [];
}

export function findEntry(tree: AgendaEntry[], id: string): AgendaEntry | undefined {
	for (const top of tree) {
		if (top.id === id) return top;
		const child = top.children.find((c) => c.id === id);
		if (child) return child;
	}
	return undefined;
}

/** The tree with every number recomputed from the order ("2", "2.1"). */
export function numbered(tree: AgendaEntry[]): AgendaEntry[] {
	return tree.map((top, i) => ({
		...top,
		number: String(i + 1),
		children: top.children.map((child, j) => ({ ...child, number: `${i + 1}.${j + 1}` }))
	}));
}

function moved<T>(list: T[], from: number, to: number): T[] {
	const next = list.slice();
	const [item] = next.splice(from, 1);
	if (item !== undefined) next.splice(to, 0, item);
	return next;
}

/** The tree with one item moved among its siblings (same parent), renumbered. */
export function moveWithin(tree: AgendaEntry[], parentId: string | null, from: number, to: number): AgendaEntry[] {
	if (parentId === null) return numbered(moved(tree, from, to));
	return numbered(tree.map((top) => (top.id === parentId ? { ...top, children: moved(top.children, from, to) } : top)));
}

/**
 * A top-level item's planned time: its own duration, which covers its sub-items, unless they add up to more
 * (then the plan is really theirs).
 */
export function plannedMinutes(entry: AgendaEntry): number {
	const children = entry.children.reduce((sum, c) => sum + (c.durationMinutes ?? 0), 0);
	return Math.max(entry.durationMinutes ?? 0, children);
}

export function totalMinutes(tree: AgendaEntry[]): number {
	return tree.reduce((sum, t) => sum + plannedMinutes(t), 0);
}
