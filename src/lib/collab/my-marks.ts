import type { Mark, MarkKind } from './annotations';

/**
 * The reader's own marks across a whole document, both layers, as the "My notes" panel lists them: in reading
 * order (page, then top to bottom), each with the words it is about.
 */
export type LayerName = 'shared' | 'private';

export interface MyMark {
	layer: LayerName;
	id: string;
	kind: MarkKind;
	page: number;
	/** The highlighted words or the note's text, on one line and cut to `EXCERPT_LENGTH`; empty for drawings. */
	excerpt: string;
	resolved: boolean;
}

export const EXCERPT_LENGTH = 120;

/** Whitespace runs (line breaks of a quoted paragraph) become one space; long text ends with an ellipsis. */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** The top of a mark on its page, in PDF points (y grows upwards, so a larger value is higher on the page). */
function topOf(mark: Mark): number {
	switch (mark.kind) {
		case 'highlight':
			return Math.max(...mark.rects.map((r) => r.y + r.height), 0);
		case 'note':
			return mark.y;
		case 'rect':
			return mark.rect.y + mark.rect.height;
		case 'arrow':
			return Math.max(mark.from[1], mark.to[1]);
		case 'ink': {
			let top = -Infinity;
			for (let i = 1; i < mark.points.length; i += 2) top = Math.max(top, mark.points[i]!);
			return Number.isFinite(top) ? top : 0;
		}
	}
}

export function listMyMarks(layers: readonly { kind: LayerName; marks: readonly Mark[] }[], meId: string): MyMark[] {
	const mine: { item: MyMark; top: number; createdAt: number }[] = [];
	for (const { kind, marks } of layers) {
		for (const mark of marks) {
			if (mark.author.id !== meId) continue;
			mine.push({
				item: {
					layer: kind,
					id: mark.id,
					kind: mark.kind,
					page: mark.page,
					excerpt: mark.kind === 'highlight' || mark.kind === 'note' ? excerptOf(mark.text) : '',
					resolved: mark.kind === 'note' && mark.resolved
				},
				top: topOf(mark),
				createdAt: mark.createdAt
			});
		}
	}
	mine.sort((a, b) => a.item.page - b.item.page || b.top - a.top || a.createdAt - b.createdAt || a.item.id.localeCompare(b.item.id));
	return mine.map((entry) => entry.item);
}
