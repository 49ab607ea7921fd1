import { degrees, PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { embedDejaVu } from '../pdf-fonts';

/**
 * The downloaded copy carries its reader's name and the date on every page, as board portals do: a leaked copy
 * says whose it was. The in-app view is never stamped (it is served from the stored bytes).
 */

const MARGIN = 14;
const FONT_SIZE = 7;
const GREY = rgb(0.45, 0.45, 0.45);
/** pdf-lib yields to the event loop every this many objects while parsing and writing a big file. */
const OBJECTS_PER_TICK = 200;

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * Where the stamp's baseline starts, and its angle, so it reads upright along the bottom-left of the page as
 * displayed: a page with /Rotate 90 is shown turned clockwise, so its displayed bottom is the box's right edge.
 */
export function stampPlacement(box: Box, rotation: number, margin = MARGIN): { x: number; y: number; angle: number } {
	const { x, y, width, height } = box;
	switch ((((Math.round(rotation / 90) * 90) % 360) + 360) % 360) {
		case 90:
			return { x: x + width - margin, y: y + margin, angle: 90 };
		case 180:
			return { x: x + width - margin, y: y + height - margin, angle: 180 };
		case 270:
			return { x: x + margin, y: y + height - margin, angle: 270 };
		default:
			return { x: x + margin, y: y + margin, angle: 0 };
	}
}

/** A stamped copy of `pdf`: `text` in small grey type at the bottom margin of every page. */
export async function stampPdf(pdf: Uint8Array, text: string): Promise<Uint8Array> {
	const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false, parseSpeed: OBJECTS_PER_TICK });
	// Names carry Vietnamese diacritics, which only an embedded Unicode font can draw.
	const font: PDFFont = await embedDejaVu(doc);
	for (const page of doc.getPages()) {
		const { x, y, angle } = stampPlacement(page.getCropBox(), page.getRotation().angle);
		page.drawText(text, { x, y, size: FONT_SIZE, font, color: GREY, rotate: degrees(angle) });
	}
	return doc.save({ objectsPerTick: OBJECTS_PER_TICK });
}

/** The date on the stamp, as it is in Vietnam (where the meetings are), dd/mm/yyyy. */
export function stampDate(now: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
	return new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(now);
}
