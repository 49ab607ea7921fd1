import type { Item } from './items';
import { CONTENT_BOTTOM, CONTENT_TOP } from './page';

/**
 * Items cut into pages: an item starts a new page when it and the items it must stay with would cross the
 * bottom margin, unless that chain would fill more than four fifths of a page. Space before an item is dropped at
 * the top of a page; the padding of a frame cut by the break is not.
 */

export interface Placed {
	item: Item;
	top: number;
}

/** Padding of the frames `item` is in, owed below it (frames it does not close) and above it (frames it does not open). */
const padBelow = (item: Item) => item.frames.reduce((sum, f) => sum + (f.last === item ? 0 : f.pad), 0);
const padAbove = (item: Item) => item.frames.reduce((sum, f) => sum + (f.first === item ? 0 : f.pad), 0);

export function paginate(items: readonly Item[]): Placed[][] {
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
