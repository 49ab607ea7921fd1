import { PDFDocument } from 'pdf-lib';
import type { MinutesPdfInput } from '$lib/minutes/blocks';
import { layoutBlocks, ROOT } from './pdf/blocks';
import { DRAFT_STYLE, drawFrames, drawMarginLine, FOOTER_STYLE } from './pdf/draw';
import { headerItems } from './pdf/header';
import { MARGIN, PAGE_HEIGHT, PAGE_WIDTH } from './pdf/page';
import { paginate } from './pdf/paginate';
import { signatureItem } from './pdf/signature';
import { TEXT, type Strings } from './pdf/strings';
import { typesetter } from './pdf/text';

/**
 * The minutes as the secretariat prints them: A4, 20 mm margins, the convening body and title centred on
 * page 1, the blocks in reading order, "Trang X/Y" on every page, and either the chair's signature block or a
 * draft marker on every page. Three stages: blocks are laid out into unbreakable items of known height
 * (lines, panels' edges, the signature), the items are cut into pages, and only then is anything drawn, so
 * the page count is known for the footers. The stages live in ./pdf/: text (measuring, line breaking), items
 * (unbreakable boxes and frames), blocks, header and signature (content → items), paginate, draw.
 *
 * The bytes depend on the input alone (no clock, no random ids): the archive stores the PDF beside the hash
 * of the content, and re-rendering an archived record must give the same file.
 */

export async function renderMinutesPdf(input: MinutesPdfInput): Promise<Uint8Array> {
	// updateMetadata: false keeps pdf-lib from stamping the current time and its own name into the file.
	const doc = await PDFDocument.create({ updateMetadata: false });
	const kit = await typesetter(doc);
	const strings = TEXT[input.locale];
	const items = [
		...headerItems(kit, input),
		...layoutBlocks(kit, input.blocks, ROOT),
		...(input.signature ? [signatureItem(kit, input.signature, strings)] : [])
	];
	const pages = paginate(items);
	pages.forEach((placed, i) => {
		const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
		// Drawn in reading order, which is the order text is extracted and read aloud in.
		if (!input.signature) drawMarginLine(kit, page, strings.draft, DRAFT_STYLE, MARGIN * 0.6);
		drawFrames(page, placed);
		for (const { item, top } of placed) item.draw(page, top);
		drawMarginLine(kit, page, strings.page(i + 1, pages.length), FOOTER_STYLE, PAGE_HEIGHT - MARGIN / 2);
	});
	setMetadata(doc, input, strings);
	return doc.save();
}

function setMetadata(doc: PDFDocument, input: MinutesPdfInput, strings: Strings): void {
	doc.setTitle(input.title.normalize('NFC'), { showInWindowTitleBar: true });
	if (input.body.trim()) doc.setAuthor(input.body.normalize('NFC'));
	if (!input.signature) doc.setSubject(strings.draft);
	doc.setCreator('Quorum');
	doc.setProducer('Quorum');
	doc.setLanguage(strings.lang);
	// A draft has no date of its own to carry; the signing time is the approved minutes' date.
	if (input.signature) {
		const signedAt = new Date(input.signature.signedAt);
		doc.setCreationDate(signedAt);
		doc.setModificationDate(signedAt);
	}
}
