import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { inspectPdf } from '$lib/server/documents/inspect';
import { embedDejaVu } from '$lib/server/pdf-fonts';
import type { PageLayout } from '$lib/server/versions/layout';
import { linesOf } from './version-lines';

/**
 * New versions of a real document, made the way a secretariat makes them: the same lines, typeset again (pdf-lib,
 * DejaVu Sans, so every Vietnamese letter survives), with a paragraph inserted, a sentence reworded or a paragraph
 * deleted. Each page of the new version holds at most `linesPerPage` lines; what does not fit flows onto the next.
 */
export type Pages = string[][];

export const LINE_HEIGHT = 14;
const MARGIN = 32;
/** The first line's baseline on a page of standard height. */
export const TOP = 792 - MARGIN;
export const LEFT = 40;

export function linesByPage(layouts: readonly PageLayout[]): Pages {
	return layouts.map((l) => linesOf(l).map((line) => line.text.trim()));
}

/** Lines flowed onto pages of `linesPerPage`, keeping each page's own breaks unless a page overflows. */
export function reflow(pages: Pages, linesPerPage: number): Pages {
	const out: Pages = [];
	let carry: string[] = [];
	for (const page of pages) {
		const lines = [...carry, ...page];
		out.push(lines.slice(0, linesPerPage));
		carry = lines.slice(linesPerPage);
	}
	while (carry.length > 0) {
		out.push(carry.slice(0, linesPerPage));
		carry = carry.slice(linesPerPage);
	}
	return out;
}

export async function typeset(pages: Pages): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	const font = await embedDejaVu(pdf);
	const known = new Set(font.getCharacterSet());
	for (const lines of pages) {
		const texts = lines.map((line) => [...line].map((c) => (known.has(c.codePointAt(0)!) ? c : '?')).join(''));
		// As wide as the longest line needs: text past the page's edge is not text pdf.js reads.
		const width = Math.max(612, ...texts.map((t) => font.widthOfTextAtSize(t, 9) + 2 * LEFT));
		// And as tall: a long page of a two-column paper is one column here.
		const height = Math.max(792, texts.length * LINE_HEIGHT + 2 * MARGIN);
		const page = pdf.addPage([width, height]);
		texts.forEach((text, i) => {
			if (text) page.drawText(text, { x: LEFT, y: height - MARGIN - i * LINE_HEIGHT, size: 9, font, color: rgb(0, 0, 0) });
		});
	}
	return pdf.save();
}

/** The layouts pdf.js reads from bytes, through the same worker uploads use. */
export async function layoutsOfBytes(bytes: Uint8Array): Promise<PageLayout[]> {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-versions-')), 'v.pdf');
	fs.writeFileSync(file, bytes);
	try {
		return (await inspectPdf(file)).layouts;
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}
