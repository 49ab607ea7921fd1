import { rgb } from 'pdf-lib';
import type { Inline, MinutesBlock } from '$lib/minutes/blocks';
import { drawText } from './draw';
import { framed, inset, lineItems, newFrame, textItems, type Box, type Item } from './items';
import { BODY_SIZE, CONTENT_WIDTH, GREY, INK, MARGIN_LEFT, PAGE_HEIGHT, RULE, type Colour } from './page';
import { breakLines, CONTROL, inlineStyle, wordPieces, type Token, type Typesetter } from './text';

/** The minutes' blocks laid out as items: headings, paragraphs, lists, quotes, rules, code and record panels. */

// Headings stay within the decree's 13–14 pt: weight, not size, sets them apart.
const HEADING_SIZE = { 1: 14, 2: 13.5, 3: 13, 4: 13, 5: 13, 6: 13 } as const;
const PARAGRAPH_GAP = 6;
const ITEM_GAP = 3;
const LIST_INDENT = 18;
const MARKER_GAP = 5;
const QUOTE_INDENT = 14;
const BULLETS = ['•', '◦', '▪'] as const;

const PANEL_FILL: Colour = [0.95, 0.96, 0.98];
const PANEL_BORDER: Colour = [0.75, 0.78, 0.84];
const CODE_FILL: Colour = [0.95, 0.95, 0.95];

interface Context extends Box {
	listDepth: number;
	colour: Colour;
}

export const ROOT: Context = { x: MARGIN_LEFT, width: CONTENT_WIDTH, frames: [], listDepth: 0, colour: INK };

export function layoutBlocks(kit: Typesetter, blocks: readonly MinutesBlock[], ctx: Context): Item[] {
	return blocks.flatMap((block) => {
		const items = layoutBlock(kit, block, ctx);
		const first = items[0];
		if (first && block.type !== 'heading') first.spaceBefore = ctx.listDepth > 0 ? ITEM_GAP : PARAGRAPH_GAP;
		return items;
	});
}

function layoutBlock(kit: Typesetter, block: MinutesBlock, ctx: Context): Item[] {
	switch (block.type) {
		case 'paragraph':
			return textItems(kit, block.content, { size: BODY_SIZE, colour: ctx.colour }, ctx, 'justify');
		case 'heading':
			return headingItems(kit, block.content, block.level, ctx);
		case 'list':
			return listItems(kit, block, ctx);
		case 'quote': {
			const frame = newFrame({ x: ctx.x + 3, width: 0, pad: 0, leftRule: true });
			const inner = { ...ctx, x: ctx.x + QUOTE_INDENT, width: ctx.width - QUOTE_INDENT, frames: [...ctx.frames, frame], colour: GREY };
			return framed(frame, layoutBlocks(kit, block.blocks, inner));
		}
		case 'rule':
			return [ruleItem(ctx)];
		case 'code':
			return codeItems(kit, block.text, ctx);
		case 'record':
			return recordItems(kit, block.title, block.lines, ctx);
	}
}

function headingItems(kit: Typesetter, content: readonly Inline[], level: keyof typeof HEADING_SIZE, ctx: Context): Item[] {
	const size = HEADING_SIZE[level];
	const items = textItems(kit, content, { size, bold: true, italic: level === 6, colour: ctx.colour }, ctx, 'left');
	for (const item of items) item.keepWithNext = true;
	const [first, last] = [items[0], items.at(-1)];
	if (first) first.spaceBefore = size * 0.9;
	if (last) inset(last, 0, size * 0.2);
	return items;
}

function listItems(kit: Typesetter, list: Extract<MinutesBlock, { type: 'list' }>, ctx: Context): Item[] {
	const start = Number.isSafeInteger(list.start) ? list.start : 1;
	const markerStyle = inlineStyle({ text: '' }, { size: BODY_SIZE, colour: ctx.colour });
	const markers = list.items.map((_, i) => (list.ordered ? `${start + i}.` : BULLETS[ctx.listDepth % BULLETS.length]!));
	// The widest marker sets the hanging indent, so "10." and "9." share one text edge.
	const indent = Math.max(LIST_INDENT, ...markers.map((m) => kit.width(m, markerStyle) + MARKER_GAP));
	const inner: Context = { ...ctx, x: ctx.x + indent, width: ctx.width - indent, listDepth: ctx.listDepth + 1 };
	return list.items.flatMap((blocks, i) => {
		const items = layoutBlocks(kit, blocks.length ? blocks : [{ type: 'paragraph', content: [] }], inner);
		const first = items[0];
		if (first) {
			const marker = markers[i] ?? '';
			const { draw, firstBaseline } = first;
			// The marker is drawn first so that extracted text reads "1. Báo cáo", not "Báo cáo1.".
			first.draw = (page, top) => {
				const x = inner.x - MARKER_GAP - kit.width(marker, markerStyle);
				drawText(kit, page, marker, markerStyle, x, PAGE_HEIGHT - top - firstBaseline);
				draw(page, top);
			};
		}
		return items;
	});
}

export function ruleItem(ctx: Box, height = 14): Item {
	return {
		height,
		spaceBefore: 0,
		keepWithNext: false,
		frames: ctx.frames,
		firstBaseline: height / 2 + 3,
		draw: (page, top) =>
			page.drawLine({
				start: { x: ctx.x, y: PAGE_HEIGHT - top - height / 2 },
				end: { x: ctx.x + ctx.width, y: PAGE_HEIGHT - top - height / 2 },
				thickness: 0.75,
				color: rgb(...RULE)
			})
	};
}

function codeItems(kit: Typesetter, text: string, ctx: Context): Item[] {
	const frame = newFrame({ x: ctx.x, width: ctx.width, pad: 5, fill: CODE_FILL });
	const box = { x: ctx.x + 6, width: ctx.width - 12, frames: [...ctx.frames, frame] };
	const style = inlineStyle({ text: '', code: true }, { size: 10.5, colour: ctx.colour });
	// Each source line is one unbreakable word: indentation is kept, and only a line too long for the box is cut.
	const lines = text
		.replace(/\r\n?/g, '\n')
		.replace(/\t/g, '    ')
		.split('\n')
		.flatMap((source) => {
			const clean = source.replace(CONTROL, '').normalize('NFC');
			const tokens: Token[] = clean ? [{ kind: 'word', pieces: wordPieces(kit, clean, style) }] : [];
			return breakLines(kit, tokens, box.width, style.size);
		});
	return framed(frame, lineItems(kit, lines, box, 'left', 1.3));
}

function recordItems(kit: Typesetter, title: string, lines: readonly string[], ctx: Context): Item[] {
	const frame = newFrame({ x: ctx.x, width: ctx.width, pad: 6, fill: PANEL_FILL, border: PANEL_BORDER });
	const box = { x: ctx.x + 8, width: ctx.width - 16, frames: [...ctx.frames, frame] };
	const heading = textItems(kit, [{ text: title, bold: true }], { size: BODY_SIZE, colour: ctx.colour }, box, 'left');
	for (const item of heading) item.keepWithNext = true;
	const body = lines.flatMap((line) => {
		const items = textItems(kit, [{ text: line }], { size: 10.5, colour: ctx.colour }, box, 'left');
		if (items[0]) items[0].spaceBefore = 2;
		return items;
	});
	return framed(frame, [...heading, ...body]);
}
