import type { MarkKind } from '$lib/collab/annotations';

/** What the viewer page receives of a new version (server: versions/views.ts `viewerChanges`). */
export interface ChangeBarView {
	page: number;
	kind: 'added' | 'removed' | 'moved';
	top: number;
	bottom: number;
}

export interface PageChangesView {
	page: number;
	added: string[];
	removed: string[];
	moved: string[];
}

export interface OrphanView {
	markId: string;
	layer: 'shared' | 'private';
	kind: MarkKind;
	page: number;
	quote: string;
	note: string;
}

export interface VersionChangesView {
	previous: { id: string; version: number };
	pages: PageChangesView[];
	bars: ChangeBarView[];
	orphans: OrphanView[];
}

export type ChangeKind = ChangeBarView['kind'];

/** One line of the changes list: a page, what happened there and the first words of it. */
export interface ChangeLine {
	page: number;
	kind: ChangeKind;
	text: string;
}

/** The list in reading order: by page, then added, moved, removed, each stretch once. */
export function changeLines(pages: readonly PageChangesView[]): ChangeLine[] {
	return pages.flatMap((p) => [
		...p.added.map((text) => ({ page: p.page, kind: 'added' as const, text })),
		...p.moved.map((text) => ({ page: p.page, kind: 'moved' as const, text })),
		...p.removed.map((text) => ({ page: p.page, kind: 'removed' as const, text }))
	]);
}

/** The first words of a stretch, cut at a word, for a list line. */
export function excerpt(text: string, max = 140): string {
	if (text.length <= max) return text;
	const cut = text.lastIndexOf(' ', max);
	return `${text.slice(0, cut > max / 2 ? cut : max)}…`;
}

/** Bars by page, for mounting into each page's overlay. */
export function barsByPage(bars: readonly ChangeBarView[]): Map<number, ChangeBarView[]> {
	const out = new Map<number, ChangeBarView[]>();
	for (const bar of bars) {
		const list = out.get(bar.page);
		if (list) list.push(bar);
		else out.set(bar.page, [bar]);
	}
	return out;
}
