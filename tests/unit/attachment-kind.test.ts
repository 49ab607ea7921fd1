import { describe, expect, it } from 'vitest';
import { attachmentKind, kindOfName } from '../../src/lib/server/documents/attachment-kind';

const bytes = (...b: number[]) => new Uint8Array(b);
const PDF = new TextEncoder().encode('%PDF-1.7\n');
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00);
const OLE = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00);
const HTML = new TextEncoder().encode('<html><script>alert(1)</script>');

describe('attachmentKind', () => {
	it.each([
		[PDF, 'Báo cáo tiến độ.pdf', 'pdf'],
		[ZIP, 'Kế hoạch.DOCX', 'docx'],
		[ZIP, 'bang-tinh.xlsx', 'xlsx'],
		[ZIP, 'to-trinh.odt', 'odt'],
		[OLE, 'cong-van.doc', 'doc'],
		[OLE, 'so-lieu.xls', 'xls']
	])('accepts matching bytes and name (%#: %s)', (head, name, kind) => expect(attachmentKind(head, name, true)).toBe(kind));

	it.each([
		[HTML, 'report.pdf'],
		[ZIP, 'report.pdf'],
		[PDF, 'report.docx'],
		[OLE, 'report.xlsx'],
		[PDF, 'report.html'],
		[PDF, 'report'],
		[ZIP, 'payload.exe'],
		[bytes(), 'empty.docx']
	])('refuses what does not match (%#: %s)', (head, name) => expect(attachmentKind(head, name, true)).toBeNull());

	it('waits for more bytes while the stream cannot tell yet', () => {
		expect(attachmentKind(bytes(0x50, 0x4b), 'a.docx', false)).toBe('more');
		expect(attachmentKind(bytes(0x50, 0x4b), 'a.docx', true)).toBeNull();
		expect(attachmentKind(bytes(0x20, 0x20), 'a.pdf', false)).toBe('more');
		// A PDF header may come after junk, within the first 1024 bytes as pdf.js allows.
		const junkThenPdf = new Uint8Array([...new Uint8Array(100).fill(0x20), ...PDF]);
		expect(attachmentKind(junkThenPdf, 'a.pdf', false)).toBe('pdf');
		expect(attachmentKind(new Uint8Array(1024).fill(0x20), 'a.pdf', false)).toBeNull();
		expect(attachmentKind(bytes(0x41), 'a.docx', false)).toBeNull();
	});

	it('takes the extension case-insensitively and nothing else from the name', () => {
		expect(kindOfName('x.PDF')).toBe('pdf');
		expect(kindOfName('x.pdf.exe')).toBeNull();
		expect(kindOfName('pdf')).toBeNull();
	});
});
