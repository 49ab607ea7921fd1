import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedDejaVu } from '../pdf-fonts';

/**
 * A Vietnamese administrative document (báo cáo, nghị quyết) as a PDF, for the demo's archived meeting: the
 * two-column header of an official document, a centred title, paragraphs and a signature block, on A4 with page
 * numbers. Drawn line by line with the embedded DejaVu font, so pdf.js extracts the text with its diacritics, as
 * it would from a real upload. Not a general typesetter: left-aligned lines, no hyphenation.
 */

export type DocumentBlock =
	| { kind: 'title' | 'subtitle' | 'heading' | 'paragraph' | 'basis'; text: string }
	| { kind: 'signature'; lines: string[] };

export interface OfficialDocument {
	filename: string;
	/** The PDF's Title: what the document list shows. */
	title: string;
	/** Left header column: the issuing body, one line each. */
	issuer: string[];
	number: string;
	dateLine: string;
	/** A draft carries "DỰ THẢO" in a box at the top. */
	draft: boolean;
	blocks: DocumentBlock[];
}

const A4 = { width: 595.28, height: 841.89 };
// Margins of Vietnamese administrative documents (Nghị định 30/2020): 30–35 mm left, 15–20 mm right, 20–25 mm top and bottom.
const MARGIN = { left: 85, right: 50, top: 62, bottom: 62 };
const SIZE = 12;
const LEADING = 17;
const INDENT = 28;
const PLACE = 'Tỉnh';

interface Fonts {
	regular: PDFFont;
	bold: PDFFont;
	italic: PDFFont;
}

/** Greedy line breaking on spaces, measured in the font that will draw the text. */
function wrap(text: string, font: PDFFont, size: number, width: number, firstLineIndent = 0): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		const room = width - (lines.length === 0 ? firstLineIndent : 0);
		if (line && font.widthOfTextAtSize(candidate, size) > room) {
			lines.push(line);
			line = word;
		} else {
			line = candidate;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/** Where the next line goes; starts a new page when the current one is full. */
class Cursor {
	page!: PDFPage;
	y = 0;

	constructor(private readonly doc: PDFDocument) {
		this.newPage();
	}

	newPage(): void {
		this.page = this.doc.addPage([A4.width, A4.height]);
		this.y = A4.height - MARGIN.top;
	}

	/** Room for `lines` more lines on this page, or a new page. */
	need(lines: number): void {
		if (this.y - lines * LEADING < MARGIN.bottom) this.newPage();
	}

	text(text: string, x: number, font: PDFFont, size = SIZE): void {
		this.page.drawText(text, { x, y: this.y, size, font, color: rgb(0, 0, 0) });
	}

	centred(text: string, font: PDFFont, size = SIZE, centreX = A4.width / 2 + (MARGIN.left - MARGIN.right) / 2): void {
		this.text(text, centreX - font.widthOfTextAtSize(text, size) / 2, font, size);
	}

	down(lines = 1): void {
		this.y -= lines * LEADING;
	}

	get width(): number {
		return A4.width - MARGIN.left - MARGIN.right;
	}
}

const HEADER_SIZE = 11;
const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập – Tự do – Hạnh phúc';

/** A short rule under the last line drawn, centred on `centreX`, as official documents underline the motto. */
function underline(c: Cursor, centreX: number, width: number): void {
	const y = c.y - 6;
	c.page.drawLine({ start: { x: centreX - width / 2, y }, end: { x: centreX + width / 2, y }, thickness: 0.6, color: rgb(0, 0, 0) });
}

/** Issuer and number on the left, nation, motto and date on the right, each column centred on itself. */
function drawHeader(c: Cursor, doc: OfficialDocument, fonts: Fonts): void {
	const widthOf = (text: string, font: PDFFont) => font.widthOfTextAtSize(text, HEADER_SIZE);
	const leftWidth = Math.max(...doc.issuer.map((l) => widthOf(l, fonts.bold)), widthOf(doc.number, fonts.regular));
	const rightWidth = widthOf(NATION, fonts.bold);
	const leftCentre = MARGIN.left + leftWidth / 2;
	const rightCentre = A4.width - MARGIN.right - rightWidth / 2;
	const top = c.y;

	doc.issuer.forEach((line, i) => {
		c.y = top - i * LEADING;
		c.centred(line, fonts.bold, HEADER_SIZE, leftCentre);
	});
	underline(c, leftCentre, 50);
	c.down(1.3);
	c.centred(doc.number, fonts.regular, HEADER_SIZE, leftCentre);
	const leftBottom = c.y;

	c.y = top;
	c.centred(NATION, fonts.bold, HEADER_SIZE, rightCentre);
	c.down();
	c.centred(MOTTO, fonts.bold, HEADER_SIZE, rightCentre);
	underline(c, rightCentre, widthOf(MOTTO, fonts.bold));
	c.down(1.3);
	c.centred(`${PLACE}, ${doc.dateLine}`, fonts.italic, HEADER_SIZE, rightCentre);

	c.y = Math.min(c.y, leftBottom) - LEADING;
	if (doc.draft) {
		const label = 'DỰ THẢO';
		const w = fonts.bold.widthOfTextAtSize(label, SIZE);
		const x = leftCentre - w / 2;
		c.page.drawRectangle({ x: x - 6, y: c.y - 5, width: w + 12, height: LEADING + 2, borderColor: rgb(0, 0, 0), borderWidth: 0.8 });
		c.text(label, x, fonts.bold);
		c.down(1.5);
	}
	c.down(0.5);
}

function drawBlock(c: Cursor, block: DocumentBlock, fonts: Fonts): void {
	switch (block.kind) {
		case 'title':
			c.need(2);
			c.down(0.4);
			c.centred(block.text, fonts.bold, SIZE + 1);
			c.down();
			return;
		case 'subtitle':
			c.need(1);
			c.centred(block.text, fonts.bold);
			c.down();
			return;
		case 'heading':
			c.need(3);
			c.down(0.3);
			c.text(block.text, MARGIN.left + INDENT, fonts.bold);
			c.down();
			return;
		case 'paragraph':
		case 'basis': {
			const font = block.kind === 'basis' ? fonts.italic : fonts.regular;
			const lines = wrap(block.text, font, SIZE, c.width, INDENT);
			lines.forEach((line, i) => {
				c.need(1);
				c.text(line, MARGIN.left + (i === 0 ? INDENT : 0), font);
				c.down();
			});
			c.down(0.25);
			return;
		}
		case 'signature': {
			c.need(block.lines.length + 1);
			c.down(0.5);
			const centre = A4.width - MARGIN.right - 110;
			for (const line of block.lines) {
				if (line) c.centred(line, fonts.bold, SIZE, centre);
				c.down();
			}
			return;
		}
	}
}

/** Page numbers at the top centre from page 2 on, as Vietnamese administrative documents number them. */
function numberPages(pdf: PDFDocument, font: PDFFont): void {
	pdf.getPages().forEach((page, i) => {
		if (i === 0) return;
		const label = String(i + 1);
		page.drawText(label, { x: A4.width / 2 - font.widthOfTextAtSize(label, 10) / 2, y: A4.height - 36, size: 10, font });
	});
}

/** The document as PDF bytes. `date` is its creation date (metadata only). */
export async function renderOfficialDocument(doc: OfficialDocument, date: Date): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	const fonts: Fonts = {
		regular: await embedDejaVu(pdf, 'sans'),
		bold: await embedDejaVu(pdf, 'sansBold'),
		italic: await embedDejaVu(pdf, 'sansOblique')
	};
	pdf.setTitle(doc.title);
	pdf.setLanguage('vi-VN');
	pdf.setCreator('Quorum demo');
	pdf.setCreationDate(date);
	pdf.setModificationDate(date);
	const cursor = new Cursor(pdf);
	drawHeader(cursor, doc, fonts);
	for (const block of doc.blocks) drawBlock(cursor, block, fonts);
	numberPages(pdf, fonts.regular);
	return pdf.save();
}
