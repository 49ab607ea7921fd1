import { rgb } from 'pdf-lib';
import type { MinutesPdfInput } from '$lib/minutes/blocks';
import { minutesSymbol, placeName } from '../numbering';
import { keepTogether, textItems, type Box, type Item } from './items';
import { CONTENT_WIDTH, GREY, INK, MARGIN_LEFT, PAGE_HEIGHT } from './page';
import { vietnamDay, type Strings } from './strings';
import { inlineStyle, type BaseStyle, type Typesetter } from './text';

/**
 * Page 1's heading after Decree 30/2020/NĐ-CP, Appendix I, II (positions 1–5 of the layout diagram) and form 1.9 of
 * Appendix III: the issuing body top left (capitals, bold, a short rule under it) and the national title top right
 * (Quốc hiệu 12–13 pt bold capitals; Tiêu ngữ 13–14 pt bold with a rule under it as long as the text); below them,
 * on one line, the number left and the place and date right (italic); then "BIÊN BẢN" and the meeting's name,
 * centred, bold, with a short rule under them.
 */

const LEFT_SHARE = 0.4;
const left: Box = { x: MARGIN_LEFT, width: CONTENT_WIDTH * LEFT_SHARE, frames: [] };
const right: Box = { x: MARGIN_LEFT + CONTENT_WIDTH * LEFT_SHARE, width: CONTENT_WIDTH * (1 - LEFT_SHARE), frames: [] };
const whole: Box = { x: MARGIN_LEFT, width: CONTENT_WIDTH, frames: [] };

function spaced(items: Item[], spaceBefore: number): Item[] {
	if (items[0]) items[0].spaceBefore = spaceBefore;
	return items;
}

/** A rule centred in `box`, `width` long, drawn `gap` below the item above it. */
function centredRule(box: Box, width: number, gap = 3): Item {
	const x = box.x + (box.width - width) / 2;
	return {
		height: gap + 1,
		spaceBefore: 0,
		keepWithNext: true,
		frames: [],
		firstBaseline: 0,
		draw: (page, top) => page.drawLine({ start: { x, y: PAGE_HEIGHT - top - gap }, end: { x: x + width, y: PAGE_HEIGHT - top - gap }, thickness: 0.6, color: rgb(...INK) })
	};
}

/** Two stacks side by side, their tops level: one item, never split. */
function sideBySide(a: Item, b: Item, spaceBefore: number): Item {
	return {
		height: Math.max(a.height, b.height),
		spaceBefore,
		keepWithNext: true,
		frames: [],
		firstBaseline: Math.min(a.firstBaseline, b.firstBaseline),
		draw: (page, top) => {
			a.draw(page, top);
			b.draw(page, top);
		}
	};
}

export function headerItems(kit: Typesetter, input: MinutesPdfInput, strings: Strings): Item[] {
	const centred = (text: string, base: BaseStyle, box: Box) => textItems(kit, [{ text }], base, box, 'center');
	const width = (text: string, base: BaseStyle) => kit.width(text, inlineStyle({ text }, base));

	// The body's name, and the national title with its motto.
	const bodyStyle: BaseStyle = { size: 12.5, bold: true };
	const bodyLines = input.body.trim() ? centred(input.body, bodyStyle, left) : [];
	const bodyRule = bodyLines.length ? [centredRule(left, Math.min(left.width * 0.5, width(input.body, bodyStyle) / 3))] : [];
	const mottoStyle: BaseStyle = { size: 13, bold: true };
	const national = [
		...centred(strings.nationalTitle, { size: 12, bold: true }, right),
		...centred(strings.motto, mottoStyle, right),
		centredRule(right, width(strings.motto, mottoStyle), 2)
	];
	const top = sideBySide(keepTogether([...bodyLines, ...bodyRule], 0), keepTogether(national, 0), 0);

	// The number left, the place and date right, on one line.
	const symbol = minutesSymbol(input.body);
	const place = input.official?.place ?? placeName(input.body);
	const official = input.official;
	const numberText = official ? strings.number(official.number) : strings.blankNumber(symbol);
	const dateText = official
		? (() => {
				const { day, month, year } = vietnamDay(official.date);
				return strings.placeDate(place, day, month, year);
			})()
		: strings.blankPlaceDate(place);
	const numberLine = keepTogether(centred(numberText, { size: 13 }, left), 0);
	const dateLine = keepTogether(centred(dateText, { size: 13, italic: true }, right), 0);
	const second = sideBySide(numberLine, dateLine, 6);

	// The document type and the meeting's name.
	const titleStyle: BaseStyle = { size: 14, bold: true };
	const title = [
		...spaced(centred(input.variant?.documentType ?? strings.documentType, titleStyle, whole), 22),
		...centred(input.title, titleStyle, whole),
		centredRule(whole, CONTENT_WIDTH * 0.2, 4)
	];
	const subtitle = input.subtitle.trim() ? spaced(centred(input.subtitle, { size: 13, italic: true, colour: GREY }, whole), 4) : [];
	const items = [top, second, ...title, ...subtitle];
	for (const item of items) item.keepWithNext = true;
	items.push({ height: 14, spaceBefore: 0, keepWithNext: false, frames: [], firstBaseline: 0, draw: () => {} });
	return items;
}
