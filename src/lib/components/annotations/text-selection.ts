import type { Rect } from '$lib/collab/annotations';
import { mergeLineRects, round } from '$lib/collab/mark-geometry';
import type { PageOverlays } from '$lib/pdf';

export interface SelectedText {
	page: number;
	rects: Rect[];
	text: string;
}

/** The text layer node of pdf.js that `node` sits in, if any (the selection must be document text). */
function textLayerOf(node: Node | null): Element | null {
	const element = node instanceof Element ? node : (node?.parentElement ?? null);
	return element?.closest('.pdfViewer .textLayer') ?? null;
}

export function hasDocumentSelection(selection: Selection | null): boolean {
	return !!selection && !selection.isCollapsed && selection.rangeCount > 0 && textLayerOf(selection.anchorNode) !== null;
}

/**
 * The current text selection as highlight rectangles in PDF points, one entry per page it covers. Only the text
 * nodes of pdf.js's text layers count: the range's own client rectangles would also include whole elements it
 * spans (the page, pdf.js's end-of-content filler), which cover far more than the words.
 */
export function selectedText(selection: Selection | null, overlays: PageOverlays): SelectedText[] {
	if (!selection || selection.isCollapsed || selection.rangeCount === 0) return [];
	const range = selection.getRangeAt(0);
	const rootNode = range.commonAncestorContainer;
	const nodes: Text[] = [];
	if (rootNode instanceof Text) nodes.push(rootNode);
	else {
		const walker = document.createTreeWalker(rootNode, NodeFilter.SHOW_TEXT, {
			acceptNode: (node) => (range.intersectsNode(node) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT)
		});
		for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
	}

	const pages = new Map<number, { rects: Rect[]; first: Text; last: Text }>();
	for (const node of nodes) {
		if (!node.data.trim() || !textLayerOf(node)) continue;
		const pageNumber = Number(node.parentElement?.closest<HTMLElement>('.page')?.dataset.pageNumber);
		const overlay = overlays.get(pageNumber);
		if (!overlay?.geometry || !overlay.element.isConnected) continue;
		const part = document.createRange();
		part.selectNodeContents(node);
		if (node === range.startContainer) part.setStart(node, range.startOffset);
		if (node === range.endContainer) part.setEnd(node, range.endOffset);
		const box = overlay.element.getBoundingClientRect();
		const entry = pages.get(pageNumber) ?? { rects: [], first: node, last: node };
		entry.last = node;
		for (const r of part.getClientRects()) {
			if (r.width < 1 || r.height < 1) continue;
			const [x0, y0, x1, y1] = overlay.geometry.cssRectToPdf({ left: r.left - box.left, top: r.top - box.top, width: r.width, height: r.height }, box);
			entry.rects.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
		}
		pages.set(pageNumber, entry);
	}

	const out: SelectedText[] = [];
	for (const [page, { rects, first, last }] of pages) {
		if (rects.length === 0) continue;
		const pageRange = document.createRange();
		pageRange.setStart(first, first === range.startContainer ? range.startOffset : 0);
		pageRange.setEnd(last, last === range.endContainer ? range.endOffset : last.length);
		const merged = mergeLineRects(rects).map((r) => ({ x: round(r.x), y: round(r.y), width: round(r.width), height: round(r.height) }));
		out.push({ page, rects: merged, text: pageRange.toString().replace(/\s+/g, ' ').trim().slice(0, 2000) });
	}
	return out.sort((a, b) => a.page - b.page);
}
