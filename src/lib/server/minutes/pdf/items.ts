import type { PDFPage } from 'pdf-lib';
import type { Inline } from '$lib/minutes/blocks';
import { drawLine } from './draw';
import { LEADING, PAGE_HEIGHT, type Colour } from './page';
import { breakLines, tokenize, type BaseStyle, type Line, type Typesetter } from './text';

/**
 * Items: the unbreakable boxes of known height that pages are cut from, each carrying its own drawing, and
 * the frames (panels, rules) drawn around runs of them.
 */

/** A box drawn behind or beside the items it holds (a quote's rule, a record's panel), cut at page breaks. */
export interface Frame {
	x: number;
	width: number;
	/** Space between the frame's edge and its first/last item; kept on both sides of a page break too. */
	pad: number;
	fill: Colour | null;
	border: Colour | null;
	leftRule: boolean;
	first?: Item;
	last?: Item;
}

export interface Item {
	height: number;
	/** Dropped at the top of a page. */
	spaceBefore: number;
	/** Headings, and a paragraph's first and next-to-last lines, stay on the page of the item after them. */
	keepWithNext: boolean;
	/** Outermost first. */
	frames: Frame[];
	/** From the item's top to its first baseline: where a list marker goes. */
	firstBaseline: number;
	draw(page: PDFPage, top: number): void;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Box {
	x: number;
	width: number;
	frames: Frame[];
}

export function lineItems(kit: Typesetter, lines: readonly Line[], box: Box, align: Align, leading = LEADING): Item[] {
	return lines.map((line) => {
		const height = line.size * leading;
		const baseline = (height - line.size) / 2 + line.size * 0.8;
		return {
			height,
			spaceBefore: 0,
			keepWithNext: false,
			frames: box.frames,
			firstBaseline: baseline,
			draw: (page, top) => drawLine(kit, page, line, box, align, PAGE_HEIGHT - top - baseline)
		};
	});
}

/** Text wrapped to the box: one item per line, with widow and orphan lines kept with their neighbours. */
export function textItems(kit: Typesetter, inlines: readonly Inline[], base: BaseStyle, box: Box, align: Align): Item[] {
	const items = lineItems(kit, breakLines(kit, tokenize(kit, inlines, base), box.width, base.size), box, align);
	const [first, penultimate] = [items[0], items.at(-2)];
	if (first && items.length > 1) first.keepWithNext = true;
	if (penultimate) penultimate.keepWithNext = true;
	return items;
}

/** Several items as one that never breaks across pages. */
export function keepTogether(parts: readonly Item[], spaceBefore: number): Item {
	const offsets: number[] = [];
	let height = 0;
	parts.forEach((part, i) => {
		if (i > 0) height += part.spaceBefore;
		offsets.push(height);
		height += part.height;
	});
	return {
		height,
		spaceBefore,
		keepWithNext: false,
		frames: [],
		firstBaseline: parts[0]?.firstBaseline ?? 0,
		draw: (page, top) => parts.forEach((part, i) => part.draw(page, top + (offsets[i] ?? 0)))
	};
}

/** Grows the item by `above`/`below`, its content moved down by `above` (a frame's padding). */
export function inset(item: Item, above: number, below: number): void {
	const draw = item.draw;
	item.height += above + below;
	item.firstBaseline += above;
	item.draw = (page, top) => draw(page, top + above);
}

export function newFrame(frame: Partial<Frame> & Pick<Frame, 'x' | 'width' | 'pad'>): Frame {
	return { fill: null, border: null, leftRule: false, ...frame };
}

/** Pads the frame's first and last items and tells the frame which they are. */
export function framed(frame: Frame, items: Item[]): Item[] {
	const [first, last] = [items[0], items.at(-1)];
	if (!first || !last) return items;
	inset(first, frame.pad, 0);
	inset(last, 0, frame.pad);
	frame.first = first;
	frame.last = last;
	return items;
}
