import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString, type PDFDict, type PDFObject, type PDFRef } from 'pdf-lib';
import type { Mark, Reply } from '../../collab/annotations';

/**
 * Writes Quorum's marks into a PDF as standard PDF annotations (Highlight, Ink, Text with reply threads,
 * Square, Line with an arrow head), so any PDF reader shows them, with author and date. Marks are already in PDF
 * user space, the coordinate system annotations use.
 */
export interface AnnotatedLayer {
	marks: Mark[];
	replies: Map<string, Reply[]>;
	/** Shown before the author in the reader's comment list: "Chung" (shared) or "Riêng" (private). */
	label: string;
}

function color(hex: string): number[] {
	const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!m) return [1, 0.85, 0.3];
	return [m[1]!, m[2]!, m[3]!].map((h) => Math.round((parseInt(h, 16) / 255) * 1000) / 1000);
}

/** PDF date string, D:YYYYMMDDHHmmSSZ. */
function pdfDate(ms: number): string {
	const d = new Date(ms);
	const p = (n: number) => String(n).padStart(2, '0');
	return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** Text that may hold Vietnamese: UTF-16BE with BOM (a hex string) is what every reader understands. */
const text = (s: string) => PDFHexString.fromText(s);

function bbox(points: number[]): [number, number, number, number] {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (let i = 0; i + 1 < points.length; i += 2) {
		minX = Math.min(minX, points[i]!);
		maxX = Math.max(maxX, points[i]!);
		minY = Math.min(minY, points[i + 1]!);
		maxY = Math.max(maxY, points[i + 1]!);
	}
	return [minX, minY, maxX, maxY];
}

function pad([x1, y1, x2, y2]: [number, number, number, number], by: number): number[] {
	return [x1 - by, y1 - by, x2 + by, y2 + by];
}

/** What pdf-lib's `context.obj` accepts (its own type is not exported). */
type Literal = PDFObject | string | number | boolean | null | Literal[] | { [key: string]: Literal };
type Fields = { [key: string]: Literal };

function annotationFor(mark: Mark, label: string): Fields | null {
	const common: Fields = {
		Type: 'Annot',
		C: color(mark.color),
		T: text(`${mark.author.displayName} (${label})`),
		M: PDFString.of(pdfDate(mark.updatedAt)),
		CreationDate: PDFString.of(pdfDate(mark.createdAt)),
		NM: PDFString.of(`quorum-${mark.id}`),
		F: 4
	};
	switch (mark.kind) {
		case 'highlight': {
			if (mark.rects.length === 0) return null;
			const quads = mark.rects.flatMap((r) => [r.x, r.y + r.height, r.x + r.width, r.y + r.height, r.x, r.y, r.x + r.width, r.y]);
			return { ...common, Subtype: 'Highlight', Rect: pad(bbox(quads), 1), QuadPoints: quads, Contents: text(mark.text), CA: 0.5 };
		}
		case 'ink': {
			if (mark.points.length < 4) return null;
			return { ...common, Subtype: 'Ink', Rect: pad(bbox(mark.points), mark.width), InkList: [mark.points], BS: { W: mark.width } };
		}
		case 'rect':
			return { ...common, Subtype: 'Square', Rect: [mark.rect.x, mark.rect.y, mark.rect.x + mark.rect.width, mark.rect.y + mark.rect.height], BS: { W: mark.width } };
		case 'arrow': {
			const l = [...mark.from, ...mark.to];
			return { ...common, Subtype: 'Line', Rect: pad(bbox(l), 8), L: l, LE: [PDFName.of('None'), PDFName.of('OpenArrow')], BS: { W: mark.width } };
		}
		case 'note':
			return { ...common, Subtype: 'Text', Rect: [mark.x, mark.y - 20, mark.x + 20, mark.y], Contents: text(mark.text), Name: 'Comment', Open: false, ...(mark.resolved ? { State: text('Completed'), StateModel: text('Review') } : {}) };
	}
}

function dict(pdf: PDFDocument, fields: Fields): PDFDict {
	// Fields mirrors pdf-lib's unexported LiteralObject; the record overload of obj() builds a PDFDict.
	return pdf.context.obj(fields as unknown as Record<string, never>);
}

function addToPage(pdf: PDFDocument, pageIndex: number, dict: PDFDict): PDFRef {
	const page = pdf.getPage(pageIndex);
	const ref = pdf.context.register(dict);
	const existing = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
	if (existing) existing.push(ref);
	else page.node.set(PDFName.of('Annots'), pdf.context.obj([ref]));
	return ref;
}

export async function writeAnnotations(pdfBytes: Uint8Array, layers: AnnotatedLayer[]): Promise<Uint8Array> {
	const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false, throwOnInvalidObject: false });
	const pages = pdf.getPageCount();
	for (const layer of layers) {
		for (const mark of layer.marks) {
			if (mark.page < 1 || mark.page > pages) continue;
			const fields = annotationFor(mark, layer.label);
			if (!fields) continue;
			const pageRef = pdf.getPage(mark.page - 1).ref;
			const ref = addToPage(pdf, mark.page - 1, dict(pdf, { ...fields, P: pageRef }));
			if (mark.kind !== 'note') continue;
			// Replies are Text annotations "in reply to" the note: readers show them as its thread.
			for (const reply of layer.replies.get(mark.id) ?? []) {
				addToPage(
					pdf,
					mark.page - 1,
					dict(pdf, {
						Type: 'Annot',
						Subtype: 'Text',
						Rect: [mark.x, mark.y - 20, mark.x + 20, mark.y],
						Contents: text(reply.text),
						T: text(`${reply.author.displayName} (${layer.label})`),
						M: PDFString.of(pdfDate(reply.createdAt)),
						IRT: ref,
						RT: 'R',
						F: 4 | 2,
						P: pageRef
					})
				);
			}
		}
	}
	return pdf.save({ useObjectStreams: false });
}

