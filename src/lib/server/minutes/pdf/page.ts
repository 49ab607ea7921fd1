/**
 * The page after Decree 30/2020/NĐ-CP, Appendix I, section I (docs/minutes-format.md): A4 portrait, margins top
 * 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm (we take 20, 25, 30 and 15: the bottom margin holds
 * the archive footer and its QR code), body text 13–14 pt (13).
 *
 * Layout works in points from the page's top (as text flows); pdf-lib's origin is the bottom left, so drawing
 * turns them over with `PAGE_HEIGHT - y`.
 */

export const mm = (v: number) => (v * 72) / 25.4;
export const PAGE_WIDTH = mm(210);
export const PAGE_HEIGHT = mm(297);
export const MARGIN_TOP = mm(20);
export const MARGIN_BOTTOM = mm(25);
export const MARGIN_LEFT = mm(30);
export const MARGIN_RIGHT = mm(15);
export const CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
export const CONTENT_TOP = MARGIN_TOP;
export const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN_BOTTOM;

export const BODY_SIZE = 13;
export const LEADING = 1.3;

export type Colour = readonly [number, number, number];
export const INK: Colour = [0, 0, 0];
export const GREY: Colour = [0.35, 0.35, 0.35];
export const LINK: Colour = [0.05, 0.25, 0.6];
export const DRAFT: Colour = [0.7, 0.1, 0.1];
export const RULE: Colour = [0.7, 0.7, 0.7];
