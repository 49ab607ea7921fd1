import { PDFDocument, PDFHexString, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Inline, MinutesBlock, MinutesPdfInput, MinutesSignature } from '$lib/minutes/blocks';
import { DEJAVU_FACES, embedDejaVu, type DejaVuFace } from '../pdf-fonts';

/**
 * The minutes as the secretariat prints them: A4, 20 mm margins, the convening body and title centred on
 * page 1, the blocks in reading order, "Trang X/Y" on every page, and either the chair's signature block or a
 * draft marker on every page. Three stages: blocks are laid out into unbreakable items of known height
 * (lines, panels' edges, the signature), the items are cut into pages, and only then is anything drawn, so
 * the page count is known for the footers.
 *
 * The bytes depend on the input alone (no clock, no random ids): the archive stores the PDF beside the hash
 * of the content, and re-rendering an archived record must give the same file.
 */

const mm = (v: number) => (v * 72) / 25.4;
const PAGE_WIDTH = mm(210);
const PAGE_HEIGHT = mm(297);
const MARGIN = mm(20);
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const CONTENT_TOP = MARGIN;
const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN;

const BODY_SIZE = 11;
const LEADING = 1.4;
const HEADING_SIZE = { 1: 15, 2: 13.5, 3: 12.5, 4: 11.5, 5: 11, 6: 11 } as const;
const PARAGRAPH_GAP = 6;
const ITEM_GAP = 3;
const LIST_INDENT = 18;
const MARKER_GAP = 5;
const QUOTE_INDENT = 14;
const BULLETS = ['•', '◦', '▪'] as const;

type Colour = readonly [number, number, number];
const INK: Colour = [0.1, 0.1, 0.1];
const GREY: Colour = [0.4, 0.4, 0.4];
const LINK: Colour = [0.05, 0.25, 0.6];
const DRAFT: Colour = [0.7, 0.1, 0.1];
const RULE: Colour = [0.7, 0.7, 0.7];
const PANEL_FILL: Colour = [0.95, 0.96, 0.98];
const PANEL_BORDER: Colour = [0.75, 0.78, 0.84];
const CODE_FILL: Colour = [0.95, 0.95, 0.95];

/** The province's zone, not the server's: the signing time is read by people in Vietnam. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const TEXT = {
	vi: {
		page: (n: number, total: number) => `Trang ${n}/${total}`,
		draft: 'DỰ THẢO — chưa được phê duyệt',
		signedAt: (at: string) => `Đã ký điện tử lúc ${at}`,
		hash: 'Mã băm nội dung (SHA-256): ',
		lang: 'vi-VN'
	},
	en: {
		page: (n: number, total: number) => `Page ${n} of ${total}`,
		draft: 'DRAFT — not approved',
		signedAt: (at: string) => `Signed electronically at ${at}`,
		hash: 'Content hash (SHA-256): ',
		lang: 'en'
	}
} as const;
type Strings = (typeof TEXT)[keyof typeof TEXT];

export async function renderMinutesPdf(input: MinutesPdfInput): Promise<Uint8Array> {
	// updateMetadata: false keeps pdf-lib from stamping the current time and its own name into the file.
	const doc = await PDFDocument.create({ updateMetadata: false });
	const kit = await typesetter(doc);
	const strings = TEXT[input.locale];
	const items = [
		...headerItems(kit, input),
		...layoutBlocks(kit, input.blocks, ROOT),
		...(input.signature ? [signatureItem(kit, input.signature, strings)] : [])
	];
	const pages = paginate(items);
	pages.forEach((placed, i) => {
		const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
		// Drawn in reading order, which is the order text is extracted and read aloud in.
		if (!input.signature) drawMarginLine(kit, page, strings.draft, DRAFT_STYLE, MARGIN * 0.6);
		drawFrames(page, placed);
		for (const { item, top } of placed) item.draw(page, top);
		drawMarginLine(kit, page, strings.page(i + 1, pages.length), FOOTER_STYLE, PAGE_HEIGHT - MARGIN / 2);
	});
	setMetadata(doc, input, strings);
	return doc.save();
}

// ——— Text: styles, measurement, line breaking ———

interface Style {
	face: DejaVuFace;
	size: number;
	colour: Colour;
	underline: boolean;
	strike: boolean;
	link: string | null;
}

interface Typesetter {
	doc: PDFDocument;
	fonts: Record<DejaVuFace, PDFFont>;
	width(text: string, style: Style): number;
}

/** A stretch of text in one style: the unit that is measured, wrapped and drawn. */
interface Piece {
	text: string;
	style: Style;
	width: number;
	space: boolean;
}

type Token = { kind: 'word'; pieces: Piece[] } | { kind: 'space'; piece: Piece } | { kind: 'break' };

interface Line {
	pieces: Piece[];
	width: number;
	size: number;
	/** False for the last line of a paragraph, a line ended by "\n" and a cut word: those are never stretched. */
	stretch: boolean;
}

async function typesetter(doc: PDFDocument): Promise<Typesetter> {
	// Every face is embedded, used or not: an unused face costs a kilobyte or two of subset, and the
	// layout can then measure synchronously. One after the other, not in parallel: the order of embedding
	// numbers the PDF objects, and file reads finishing in a different order would change the bytes.
	const fonts = {} as Record<DejaVuFace, PDFFont>;
	for (const face of DEJAVU_FACES) fonts[face] = await embedDejaVu(doc, face);
	const unitWidths = new Map<string, number>();
	return {
		doc,
		fonts,
		width(text, style) {
			const key = `${style.face}\u0000${text}`;
			let unit = unitWidths.get(key);
			if (unit === undefined) unitWidths.set(key, (unit = fonts[style.face].widthOfTextAtSize(text, 1)));
			return unit * style.size;
		}
	};
}

function faceOf(bold: boolean, italic: boolean, code = false): DejaVuFace {
	if (code) return 'mono';
	if (bold) return italic ? 'sansBoldOblique' : 'sansBold';
	return italic ? 'sansOblique' : 'sans';
}

interface BaseStyle {
	size: number;
	bold?: boolean;
	italic?: boolean;
	colour?: Colour;
}

function inlineStyle(inline: Inline, base: BaseStyle): Style {
	const link = safeLink(inline.link);
	return {
		face: faceOf(Boolean(base.bold || inline.bold), Boolean(base.italic || inline.italic), inline.code),
		// DejaVu Sans Mono is wide; a little smaller it sits in a line of Sans without shouting.
		size: inline.code ? base.size * 0.9 : base.size,
		colour: link ? LINK : (base.colour ?? INK),
		underline: Boolean(inline.underline) || link !== null,
		strike: Boolean(inline.strike),
		link
	};
}

/** Only web and mail links become clickable: a `javascript:` or `file:` link in an archived PDF is a trap. */
function safeLink(link: string | undefined): string | null {
	if (!link) return null;
	try {
		const url = new URL(link);
		return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
	} catch {
		return null;
	}
}

const styleKey = (s: Style) => `${s.face}|${s.size}|${s.colour.join(',')}|${s.underline}|${s.strike}|${s.link}`;

/**
 * Breaking spaces, "\n", and everything else. No-break spaces belong to words. Control characters are
 * dropped (they have no glyph), and text is composed (NFC): pdf-lib does not position combining marks, so a
 * decomposed "ệ" would print its dot and circumflex beside the letter.
 */
const SEGMENT = /\n|[^\S\n\u00A0\u2007\u202F]+|[^\s\u00A0\u2007\u202F]+|[\u00A0\u2007\u202F]+/g;
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F]/g;

function tokenize(kit: Typesetter, inlines: readonly Inline[], base: BaseStyle): Token[] {
	const tokens: Token[] = [];
	for (const inline of inlines) {
		const style = inlineStyle(inline, base);
		const text = inline.text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '').normalize('NFC');
		for (const [segment] of text.matchAll(SEGMENT)) {
			if (segment === '\n') tokens.push({ kind: 'break' });
			else if (/^[^\S\u00A0\u2007\u202F]/.test(segment)) tokens.push({ kind: 'space', piece: piece(kit, ' '.repeat(segment.length), style, true) });
			else {
				const last = tokens.at(-1);
				const word = piece(kit, segment, style, false);
				// A word can change style mid-way ("**Điều** 1a"): no break is allowed between its parts.
				if (last?.kind === 'word') last.pieces.push(word);
				else tokens.push({ kind: 'word', pieces: [word] });
			}
		}
	}
	return tokens;
}

function piece(kit: Typesetter, text: string, style: Style, space: boolean): Piece {
	return { text, style, space, width: kit.width(text, style) };
}

const sumWidths = (pieces: readonly Piece[]) => pieces.reduce((sum, p) => sum + p.width, 0);

/** Greedy line breaking by measured width; spaces at a break are dropped, as a word processor does. */
function breakLines(kit: Typesetter, tokens: readonly Token[], width: number, baseSize: number): Line[] {
	const lines: Line[] = [];
	let pieces: Piece[] = [];
	let used = 0;
	let spaces: Piece[] = [];
	const end = (stretch: boolean) => {
		lines.push({ pieces, width: used, stretch, size: Math.max(baseSize, ...pieces.map((p) => p.style.size)) });
		pieces = [];
		used = 0;
		spaces = [];
	};
	for (const token of tokens) {
		if (token.kind === 'break') end(false);
		else if (token.kind === 'space') {
			if (pieces.length) spaces.push(token.piece);
		} else {
			const wordWidth = sumWidths(token.pieces);
			const gap = sumWidths(spaces);
			if (pieces.length && used + gap + wordWidth <= width) {
				pieces.push(...spaces, ...token.pieces);
				used += gap + wordWidth;
				spaces = [];
				continue;
			}
			if (pieces.length) end(true);
			const chunks = wordWidth <= width ? [token.pieces] : cutWord(kit, token.pieces, width);
			chunks.forEach((chunk, i) => {
				if (i > 0) end(false);
				pieces = chunk;
				used = sumWidths(chunk);
			});
			spaces = [];
		}
	}
	end(false);
	return lines;
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** A word wider than the line (a URL, a hash, a run of dashes) is cut between characters, never clipped. */
function cutWord(kit: Typesetter, word: readonly Piece[], width: number): Piece[][] {
	const chunks: Piece[][] = [];
	let chunk: Piece[] = [];
	let used = 0;
	for (const part of word) {
		let text = '';
		for (const { segment } of graphemes.segment(part.text)) {
			const w = kit.width(segment, part.style);
			if (used + w > width && (chunk.length || text)) {
				if (text) chunk.push(piece(kit, text, part.style, false));
				chunks.push(chunk);
				chunk = [];
				used = 0;
				text = '';
			}
			text += segment;
			used += w;
		}
		if (text) chunk.push(piece(kit, text, part.style, false));
	}
	if (chunk.length) chunks.push(chunk);
	return chunks;
}

// ——— Items: the unbreakable boxes that pages are cut from ———

/** A box drawn behind or beside the items it holds (a quote's rule, a record's panel), cut at page breaks. */
interface Frame {
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

interface Item {
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

type Align = 'left' | 'center' | 'right' | 'justify';

interface Box {
	x: number;
	width: number;
	frames: Frame[];
}

function lineItems(kit: Typesetter, lines: readonly Line[], box: Box, align: Align, leading = LEADING): Item[] {
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
function textItems(kit: Typesetter, inlines: readonly Inline[], base: BaseStyle, box: Box, align: Align): Item[] {
	const items = lineItems(kit, breakLines(kit, tokenize(kit, inlines, base), box.width, base.size), box, align);
	const [first, penultimate] = [items[0], items.at(-2)];
	if (first && items.length > 1) first.keepWithNext = true;
	if (penultimate) penultimate.keepWithNext = true;
	return items;
}

/** Several items as one that never breaks across pages. */
function keepTogether(parts: readonly Item[], spaceBefore: number): Item {
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
function inset(item: Item, above: number, below: number): void {
	const draw = item.draw;
	item.height += above + below;
	item.firstBaseline += above;
	item.draw = (page, top) => draw(page, top + above);
}

// ——— Blocks → items ———

interface Context extends Box {
	listDepth: number;
	colour: Colour;
}

const ROOT: Context = { x: MARGIN, width: CONTENT_WIDTH, frames: [], listDepth: 0, colour: INK };

function layoutBlocks(kit: Typesetter, blocks: readonly MinutesBlock[], ctx: Context): Item[] {
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

function ruleItem(ctx: Box, height = 14): Item {
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
			const tokens: Token[] = clean ? [{ kind: 'word', pieces: [piece(kit, clean, style, false)] }] : [];
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

function newFrame(frame: Partial<Frame> & Pick<Frame, 'x' | 'width' | 'pad'>): Frame {
	return { fill: null, border: null, leftRule: false, ...frame };
}

/** Pads the frame's first and last items and tells the frame which they are. */
function framed(frame: Frame, items: Item[]): Item[] {
	const [first, last] = [items[0], items.at(-1)];
	if (!first || !last) return items;
	inset(first, frame.pad, 0);
	inset(last, 0, frame.pad);
	frame.first = first;
	frame.last = last;
	return items;
}

// ——— Page 1 header and the signature ———

function headerItems(kit: Typesetter, input: MinutesPdfInput): Item[] {
	const centred = (text: string, base: BaseStyle) => textItems(kit, [{ text }], base, ROOT, 'center');
	const items: Item[] = [];
	if (input.body.trim()) {
		items.push(...centred(input.body, { size: 12, bold: true }));
		// The short rule under the body's name, as on Vietnamese administrative documents.
		items.push(ruleItem({ ...ROOT, x: MARGIN + CONTENT_WIDTH * 0.4, width: CONTENT_WIDTH * 0.2 }, 10));
	}
	const title = centred(input.title, { size: 16, bold: true });
	if (title[0] && items.length) title[0].spaceBefore = 10;
	items.push(...title);
	if (input.subtitle.trim()) {
		const subtitle = centred(input.subtitle, { size: BODY_SIZE, italic: true, colour: GREY });
		if (subtitle[0]) subtitle[0].spaceBefore = 4;
		items.push(...subtitle);
	}
	for (const item of items) item.keepWithNext = true;
	items.push({ height: 12, spaceBefore: 0, keepWithNext: false, frames: [], firstBaseline: 0, draw: () => {} });
	return items;
}

/** Role, name, time and hash on one page: a signature split from its name would sign nothing. */
function signatureItem(kit: Typesetter, signature: MinutesSignature, strings: Strings): Item {
	const column: Box = { x: MARGIN + CONTENT_WIDTH / 2, width: CONTENT_WIDTH / 2, frames: [] };
	const centred = (text: string, base: BaseStyle, spaceBefore: number) => {
		const items = textItems(kit, [{ text }], base, column, 'center');
		if (items[0]) items[0].spaceBefore = spaceBefore;
		return items;
	};
	const hash = textItems(
		kit,
		[{ text: strings.hash }, { text: signature.contentHash, code: true }],
		{ size: 8.5, colour: GREY },
		ROOT,
		'left'
	);
	if (hash[0]) hash[0].spaceBefore = 14;
	return keepTogether(
		[
			...centred(signature.roleLabel, { size: BODY_SIZE, bold: true }, 0),
			...centred(signature.name, { size: 12, bold: true }, 6),
			...centred(strings.signedAt(formatSignedAt(signature.signedAt)), { size: 10, italic: true, colour: GREY }, 2),
			...hash
		],
		24
	);
}

/** dd/MM/yyyy HH:mm in Vietnam. */
function formatSignedAt(iso: string): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) throw new Error(`minutes pdf: signedAt is not a date: ${iso}`);
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: TIME_ZONE,
		hourCycle: 'h23',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(at);
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

// ——— Pages ———

interface Placed {
	item: Item;
	top: number;
}

/** Padding of the frames `item` is in, owed below it (frames it does not close) and above it (frames it does not open). */
const padBelow = (item: Item) => item.frames.reduce((sum, f) => sum + (f.last === item ? 0 : f.pad), 0);
const padAbove = (item: Item) => item.frames.reduce((sum, f) => sum + (f.first === item ? 0 : f.pad), 0);

function paginate(items: readonly Item[]): Placed[][] {
	const pages: Placed[][] = [];
	let page: Placed[] = [];
	let cursor = CONTENT_TOP;
	items.forEach((item, i) => {
		const { height, last } = keptHeight(items, i);
		if (page.length && cursor + item.spaceBefore + height + padBelow(last) > CONTENT_BOTTOM) {
			pages.push(page);
			page = [];
		}
		cursor = page.length ? cursor + item.spaceBefore : CONTENT_TOP + padAbove(item);
		page.push({ item, top: cursor });
		cursor += item.height;
	});
	pages.push(page);
	return pages;
}

/** The height of `items[i]` and of what it must stay with, unless that chain would not fit on any page. */
function keptHeight(items: readonly Item[], i: number): { height: number; last: Item } {
	const item = items[i]!;
	let last = item;
	let height = item.height;
	for (let j = i + 1; last.keepWithNext && j < items.length; j++) {
		last = items[j]!;
		height += last.spaceBefore + last.height;
	}
	return height + padBelow(last) > (CONTENT_BOTTOM - CONTENT_TOP) * 0.8 ? { height: item.height, last: item } : { height, last };
}

// ——— Drawing ———

function drawFrames(page: PDFPage, placed: readonly Placed[]): void {
	const spans = new Map<Frame, { top: number; bottom: number; depth: number }>();
	for (const { item, top } of placed) {
		item.frames.forEach((frame, depth) => {
			const span = spans.get(frame);
			const bottom = top + item.height;
			if (span) span.bottom = bottom + (frame.last === item ? 0 : frame.pad);
			else spans.set(frame, { top: top - (frame.first === item ? 0 : frame.pad), bottom: bottom + (frame.last === item ? 0 : frame.pad), depth });
		});
	}
	// Outer frames first, so a code block's fill sits on top of the record panel around it.
	const ordered = [...spans].sort(([, a], [, b]) => a.depth - b.depth);
	for (const [frame, { top, bottom }] of ordered) {
		const y = PAGE_HEIGHT - bottom;
		if (frame.fill || frame.border) {
			page.drawRectangle({
				x: frame.x,
				y,
				width: frame.width,
				height: bottom - top,
				color: frame.fill ? rgb(...frame.fill) : undefined,
				borderColor: frame.border ? rgb(...frame.border) : undefined,
				borderWidth: frame.border ? 0.6 : 0
			});
		}
		if (frame.leftRule) page.drawRectangle({ x: frame.x, y, width: 2, height: bottom - top, color: rgb(...RULE) });
	}
}

interface Run {
	text: string;
	style: Style;
	dx: number;
	width: number;
}

function drawLine(kit: Typesetter, page: PDFPage, line: Line, box: Box, align: Align, baseline: number): void {
	const spaces = line.pieces.filter((p) => p.space).length;
	const stretch = align === 'justify' && line.stretch && spaces > 0 ? (box.width - line.width) / spaces : 0;
	const offset = align === 'center' ? (box.width - line.width) / 2 : align === 'right' ? box.width - line.width : 0;
	for (const run of toRuns(line.pieces, stretch)) {
		const x = box.x + offset + run.dx;
		if (run.text) drawText(kit, page, run.text, run.style, x, baseline);
		drawDecorations(kit, page, run, x, baseline);
	}
}

/**
 * Pieces merged into as few text-showing operations as possible. In a justified line the spaces are widened
 * and left as gaps (Type0 fonts ignore word spacing): every viewer, pdf.js included, reads a gap that wide as
 * a word break when extracting text.
 */
function toRuns(pieces: readonly Piece[], stretch: number): Run[] {
	const runs: Run[] = [];
	let dx = 0;
	let previousWasGap = false;
	for (const p of pieces) {
		const gap = stretch > 0 && p.space;
		const width = p.width + (gap ? stretch : 0);
		const last = runs.at(-1);
		if (last && !gap && !previousWasGap && styleKey(last.style) === styleKey(p.style)) {
			last.text += p.text;
			last.width += width;
		} else runs.push({ text: gap ? '' : p.text, style: p.style, dx, width });
		previousWasGap = gap;
		dx += width;
	}
	return runs;
}

function drawText(kit: Typesetter, page: PDFPage, text: string, style: Style, x: number, y: number): void {
	page.drawText(text, { x, y, size: style.size, font: kit.fonts[style.face], color: rgb(...style.colour) });
}

function drawDecorations(kit: Typesetter, page: PDFPage, run: Run, x: number, baseline: number): void {
	const { size, colour, underline, strike, link } = run.style;
	const thickness = size * 0.06;
	const rule = (y: number) => page.drawLine({ start: { x, y }, end: { x: x + run.width, y }, thickness, color: rgb(...colour) });
	if (underline) rule(baseline - size * 0.12);
	if (strike) rule(baseline + size * 0.3);
	if (link) {
		const { context } = kit.doc;
		const annotation = context.obj({
			Type: 'Annot',
			Subtype: 'Link',
			Rect: [x, baseline - size * 0.25, x + run.width, baseline + size * 0.9],
			Border: [0, 0, 0],
			// Hex, not pdf-lib's literal string, which does not escape: a ")" in the URL would end the string and
			// let the rest of the link be read as PDF syntax.
			A: { Type: 'Action', S: 'URI', URI: PDFHexString.of(Buffer.from(link, 'utf8').toString('hex')) }
		});
		page.node.addAnnot(context.register(annotation));
	}
}

const FOOTER_STYLE = inlineStyle({ text: '' }, { size: 9, colour: GREY });
/** In the top margin, where it hides none of the text (a diagonal watermark would). */
const DRAFT_STYLE = inlineStyle({ text: '', bold: true }, { size: 9, colour: DRAFT });

/** A line centred in the top or bottom margin: the draft marker, the page number. */
function drawMarginLine(kit: Typesetter, page: PDFPage, text: string, style: Style, baselineFromTop: number): void {
	drawText(kit, page, text, style, (PAGE_WIDTH - kit.width(text, style)) / 2, PAGE_HEIGHT - baselineFromTop);
}

function setMetadata(doc: PDFDocument, input: MinutesPdfInput, strings: Strings): void {
	doc.setTitle(input.title.normalize('NFC'), { showInWindowTitleBar: true });
	if (input.body.trim()) doc.setAuthor(input.body.normalize('NFC'));
	if (!input.signature) doc.setSubject(strings.draft);
	doc.setCreator('Quorum');
	doc.setProducer('Quorum');
	doc.setLanguage(strings.lang);
	// A draft has no date of its own to carry; the signing time is the approved minutes' date.
	if (input.signature) {
		const signedAt = new Date(input.signature.signedAt);
		doc.setCreationDate(signedAt);
		doc.setModificationDate(signedAt);
	}
}
