import { PDFHexString, rgb, type PDFPage } from 'pdf-lib';
import type { Align, Box, Frame } from './items';
import type { Placed } from './paginate';
import { DRAFT, PAGE_HEIGHT, PAGE_WIDTH, RULE } from './page';
import { inlineStyle, styleKey, type Line, type Piece, type Style, type Typesetter } from './text';

/** Ink on a page: lines of styled text with their underlines and links, frames, and the margin lines. */

export function drawFrames(page: PDFPage, placed: readonly Placed[]): void {
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

export function drawLine(kit: Typesetter, page: PDFPage, line: Line, box: Box, align: Align, baseline: number): void {
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

export function drawText(kit: Typesetter, page: PDFPage, text: string, style: Style, x: number, y: number): void {
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

/** Decree 30/2020/NĐ-CP, Appendix I: page numbers in Arabic numerals, 13–14 pt, upright, centred in the top margin. */
export const PAGE_NUMBER_STYLE = inlineStyle({ text: '' }, { size: 13 });
/** In the bottom margin, where it hides none of the text (a diagonal watermark would). */
export const DRAFT_STYLE = inlineStyle({ text: '', bold: true }, { size: 9, colour: DRAFT });

/** A line centred in the top or bottom margin: the draft marker, the page number. */
export function drawMarginLine(kit: Typesetter, page: PDFPage, text: string, style: Style, baselineFromTop: number): void {
	drawText(kit, page, text, style, (PAGE_WIDTH - kit.width(text, style)) / 2, PAGE_HEIGHT - baselineFromTop);
}
