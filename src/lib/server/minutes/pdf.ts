import { PDFDocument } from 'pdf-lib';
import type { MinutesPdfInput } from '$lib/minutes/blocks';
import { layoutBlocks, ROOT } from './pdf/blocks';
import { DRAFT_STYLE, drawFrames, drawMarginLine, PAGE_NUMBER_STYLE } from './pdf/draw';
import { archiveCode, drawArchiveFooter, qrMatrix } from './pdf/footer';
import { headerItems } from './pdf/header';
import { MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH } from './pdf/page';
import { paginate } from './pdf/paginate';
import { signatureItem } from './pdf/signature';
import { TEXT, type Strings } from './pdf/strings';
import { typesetter } from './pdf/text';

/**
 * The minutes as an administrative document after Decree 30/2020/NĐ-CP (docs/minutes-format.md): A4, the decree's
 * margins, Liberation Serif (Times New Roman's metrics), the heading with the issuing body, national title, number,
 * place and date, the blocks in reading order, the THƯ KÝ and CHỦ TỌA signature blocks, page numbers from page 2
 * centred in the top margin, and either the archive footer with its QR code or a draft marker on every page.
 * Three stages: blocks are laid out into unbreakable items of known height (lines, panels' edges, the signatures),
 * the items are cut into pages, and only then is anything drawn, so the page count is known. The stages live in
 * ./pdf/: text (measuring, line breaking), items (unbreakable boxes and frames), blocks, header, signature and
 * footer (content → items or ink), paginate, draw.
 *
 * The bytes depend on the input alone (no clock, no random ids): a draft re-rendered from the same input is the
 * same file. Saved with a classic cross-reference table (no object streams), which the PAdES signatures are
 * appended to as incremental revisions (signing/pades.ts).
 */

export async function renderMinutesPdf(input: MinutesPdfInput): Promise<Uint8Array> {
	// updateMetadata: false keeps pdf-lib from stamping the current time and its own name into the file.
	const doc = await PDFDocument.create({ updateMetadata: false });
	const kit = await typesetter(doc);
	const strings = TEXT[input.locale];
	const items = [...headerItems(kit, input, strings), ...layoutBlocks(kit, input.blocks, ROOT), signatureItem(kit, input, strings)];
	const pages = paginate(items);
	const qr = input.official ? qrMatrix(archiveCode(input.official)) : null;
	pages.forEach((placed, i) => {
		const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
		// Drawn in reading order, which is the order text is extracted and read aloud in.
		if (i > 0) drawMarginLine(kit, page, strings.page(i + 1), PAGE_NUMBER_STYLE, MARGIN_TOP * 0.6);
		drawFrames(page, placed);
		for (const { item, top } of placed) item.draw(page, top);
		if (input.official && qr) drawArchiveFooter(kit, page, input.official, strings, qr);
		else drawMarginLine(kit, page, strings.draft, DRAFT_STYLE, PAGE_HEIGHT - MARGIN_BOTTOM / 2);
	});
	setMetadata(doc, input, strings);
	return doc.save({ useObjectStreams: false });
}

function setMetadata(doc: PDFDocument, input: MinutesPdfInput, strings: Strings): void {
	doc.setTitle(`${input.variant?.documentType ?? strings.documentType} ${input.title}`.normalize('NFC'), { showInWindowTitleBar: true });
	if (input.body.trim()) doc.setAuthor(input.body.normalize('NFC'));
	if (!input.official) doc.setSubject(strings.draft);
	else doc.setSubject(`${strings.number(input.official.number)} · ${archiveCode(input.official)}`);
	doc.setCreator('Quorum');
	doc.setProducer('Quorum');
	doc.setLanguage(strings.lang);
	// A draft has no date of its own to carry; the approval time is the approved minutes' date.
	if (input.official) {
		const date = new Date(input.official.date);
		doc.setCreationDate(date);
		doc.setModificationDate(date);
	}
}
