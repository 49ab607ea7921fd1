import type { MinutesPdfInput } from '$lib/minutes/blocks';
import { ROOT, ruleItem } from './blocks';
import { textItems, type Item } from './items';
import { BODY_SIZE, CONTENT_WIDTH, GREY, MARGIN } from './page';
import type { BaseStyle, Typesetter } from './text';

/** Page 1's header: the convening body over a short rule, then the title and the subtitle, all centred. */

export function headerItems(kit: Typesetter, input: MinutesPdfInput): Item[] {
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
