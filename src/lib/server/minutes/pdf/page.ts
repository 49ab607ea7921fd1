/**
 * The sheet every part of the minutes PDF lays out against: A4 with 20 mm margins, the body text's size and
 * leading, and the colours more than one part uses. Coordinates elsewhere are measured from the page's top
 * (as text flows); pdf-lib's origin is the bottom left, so drawing turns them over with `PAGE_HEIGHT - y`.
 */

const mm = (v: number) => (v * 72) / 25.4;
export const PAGE_WIDTH = mm(210);
export const PAGE_HEIGHT = mm(297);
export const MARGIN = mm(20);
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
export const CONTENT_TOP = MARGIN;
export const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN;

export const BODY_SIZE = 11;
export const LEADING = 1.4;

export type Colour = readonly [number, number, number];
export const INK: Colour = [0.1, 0.1, 0.1];
export const GREY: Colour = [0.4, 0.4, 0.4];
export const LINK: Colour = [0.05, 0.25, 0.6];
export const DRAFT: Colour = [0.7, 0.1, 0.1];
export const RULE: Colour = [0.7, 0.7, 0.7];
