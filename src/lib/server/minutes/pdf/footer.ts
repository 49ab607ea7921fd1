import { rgb, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { MinutesOfficial } from '$lib/minutes/blocks';
import { drawText } from './draw';
import { CONTENT_WIDTH, INK, MARGIN_BOTTOM, MARGIN_LEFT, mm } from './page';
import type { Strings } from './strings';
import { inlineStyle, type Typesetter } from './text';

/**
 * The archive's mark in every page's bottom margin: a QR code and a short line with the archive record's number
 * and the signed content's SHA-256, which the /verify page reads back. Not the record's chain hash: the record holds
 * the PDF's own hash, so no hash that covers the PDF can be printed inside it; the PDF's SHA-256 is what /verify
 * looks up, and the record found says which chain link it is.
 */

const QR_SIZE = mm(15);
const STYLE = inlineStyle({ text: '' }, { size: 8.5, colour: [0.3, 0.3, 0.3] });

/** What the QR code holds: a plain, versioned string the /verify page parses ("QUORUM-BB/1 <seq> <sha256>"). */
export function archiveCode(official: Pick<MinutesOfficial, 'archiveSeq' | 'contentHash'>): string {
	return `QUORUM-BB/1 ${official.archiveSeq} ${official.contentHash}`;
}

export interface QrMatrix {
	size: number;
	dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

export function drawArchiveFooter(kit: Typesetter, page: PDFPage, official: MinutesOfficial, strings: Strings, qr: QrMatrix): void {
	const bottom = (MARGIN_BOTTOM - QR_SIZE) / 2;
	const x0 = MARGIN_LEFT + CONTENT_WIDTH - QR_SIZE;
	const cell = QR_SIZE / qr.size;
	// Dark runs of each row as one rectangle: a few hundred operators rather than a thousand.
	for (let row = 0; row < qr.size; row++) {
		let col = 0;
		while (col < qr.size) {
			if (!qr.dark(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < qr.size && qr.dark(row, col)) col++;
			page.drawRectangle({ x: x0 + start * cell, y: bottom + (qr.size - row - 1) * cell, width: (col - start) * cell, height: cell, color: rgb(...INK) });
		}
	}
	drawText(kit, page, strings.footer(official.archiveSeq, official.contentHash), STYLE, MARGIN_LEFT, bottom + QR_SIZE / 2 - 3);
}
