import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, addReply, listMarks, repliesTo } from '$lib/collab/annotations';
import { writeAnnotations } from '$lib/server/documents/annotated';

const hong = { id: 'u1', displayName: 'Lê Thị Hồng' };
const bao = { id: 'u2', displayName: 'Phạm Quốc Bảo' };

async function blankPdf(pages: number): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	for (let i = 0; i < pages; i++) pdf.addPage([595, 842]);
	return pdf.save();
}

describe('writeAnnotations', () => {
	it('writes every kind of mark as a standard PDF annotation that pdf.js reads back', async () => {
		const doc = new Y.Doc();
		addMark(doc, hong, { kind: 'highlight', page: 1, color: '#f7d94c', rects: [{ x: 72, y: 700, width: 200, height: 12 }], text: 'cải cách hành chính' });
		addMark(doc, hong, { kind: 'ink', page: 2, color: '#f28b82', points: [100, 100, 120, 130, 150, 110], pressures: null, width: 2 });
		addMark(doc, bao, { kind: 'rect', page: 2, color: '#6cb4ee', rect: { x: 50, y: 50, width: 100, height: 40 }, width: 2 });
		addMark(doc, bao, { kind: 'arrow', page: 2, color: '#6cb4ee', from: [10, 10], to: [200, 200], width: 2 });
		const note = addMark(doc, hong, { kind: 'note', page: 1, color: '#f7d94c', x: 300, y: 500, text: 'Đề nghị làm rõ số liệu', resolved: false });
		addReply(doc, note.id, bao, 'Sở Tài chính sẽ bổ sung');
		const marks = listMarks(doc);
		const out = await writeAnnotations(await blankPdf(2), [{ marks, replies: new Map([[note.id, repliesTo(doc, note.id)]]), label: 'Chung' }]);

		const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
		const loaded = await pdfjs.getDocument({ data: out, isEvalSupported: false }).promise;
		const page1 = await (await loaded.getPage(1)).getAnnotations();
		const page2 = await (await loaded.getPage(2)).getAnnotations();
		expect(page1.map((a: { subtype: string }) => a.subtype).sort()).toEqual(['Highlight', 'Text', 'Text']);
		expect(page2.map((a: { subtype: string }) => a.subtype).sort()).toEqual(['Ink', 'Line', 'Square']);
		const noteAnnotation = page1.find((a: { contentsObj?: { str: string } }) => a.contentsObj?.str === 'Đề nghị làm rõ số liệu');
		expect(noteAnnotation?.titleObj?.str).toBe('Lê Thị Hồng (Chung)');
		const reply = page1.find((a: { inReplyTo?: string }) => a.inReplyTo);
		expect(reply?.contentsObj?.str).toBe('Sở Tài chính sẽ bổ sung');
		await loaded.destroy();
	});

	it('skips marks on pages the document does not have', async () => {
		const doc = new Y.Doc();
		addMark(doc, hong, { kind: 'ink', page: 9, color: '#000000', points: [1, 1, 2, 2], pressures: null, width: 1 });
		const out = await writeAnnotations(await blankPdf(1), [{ marks: listMarks(doc), replies: new Map(), label: 'Riêng' }]);
		expect((await PDFDocument.load(out)).getPageCount()).toBe(1);
	});
});
