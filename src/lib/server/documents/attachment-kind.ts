/**
 * What a task attachment is, judged from its first bytes and its name together: the name says which format the
 * sender meant, the bytes must be of that family (OWASP File Upload Cheat Sheet: an allow-list of extensions and
 * a signature check, never the client's Content-Type). Attachments are only ever served as downloads
 * (`Content-Disposition: attachment`, `nosniff`), so a file that passes here is never rendered by the browser.
 */
export const ATTACHMENT_KINDS = ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'doc', 'xls', 'ppt'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

type Family = 'pdf' | 'zip' | 'ole';

/** Office Open XML and OpenDocument files are ZIP archives; the formats before 2007 are OLE compound files. */
const FAMILY: Record<AttachmentKind, Family> = {
	pdf: 'pdf',
	docx: 'zip',
	xlsx: 'zip',
	pptx: 'zip',
	odt: 'zip',
	ods: 'zip',
	odp: 'zip',
	doc: 'ole',
	xls: 'ole',
	ppt: 'ole'
};

const PDF_MAGIC = Buffer.from('%PDF-');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** How many first bytes the judgement needs at most (pdf.js accepts a PDF header anywhere in the first 1024). */
export const ATTACHMENT_HEAD_BYTES = 1024;

export const MEDIA_TYPES: Record<AttachmentKind, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation',
	doc: 'application/msword',
	xls: 'application/vnd.ms-excel',
	ppt: 'application/vnd.ms-powerpoint'
};

export function kindOfName(filename: string): AttachmentKind | null {
	const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
	return (ATTACHMENT_KINDS as readonly string[]).includes(ext ?? '') ? (ext as AttachmentKind) : null;
}

/**
 * The kind when the name and the first bytes agree; `'more'` while the bytes seen so far cannot tell yet (a
 * PDF header may come later in the window); null when the file is refused.
 */
export function attachmentKind(head: Uint8Array, filename: string, complete: boolean): AttachmentKind | 'more' | null {
	const kind = kindOfName(filename);
	if (!kind) return null;
	const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
	const startsWith = (magic: Buffer): AttachmentKind | 'more' | null => {
		const seen = bytes.subarray(0, magic.length);
		if (!magic.subarray(0, seen.length).equals(seen)) return null;
		if (seen.length === magic.length) return kind;
		return complete ? null : 'more';
	};
	switch (FAMILY[kind]) {
		case 'pdf':
			if (bytes.includes(PDF_MAGIC)) return kind;
			return complete || bytes.length >= ATTACHMENT_HEAD_BYTES ? null : 'more';
		case 'zip':
			return startsWith(ZIP_MAGIC);
		case 'ole':
			return startsWith(OLE_MAGIC);
	}
}
