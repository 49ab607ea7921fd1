/** File names and titles: what a person sees for a document, cleaned once at upload, encoded at download. */

const MAX_FILENAME = 200;
const MAX_TITLE = 300;
const FALLBACK_FILENAME = 'document.pdf';

// C0/C1 controls and the bidi overrides that can make "gpj.exe" read as "exe.jpg" in a file list.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a browser sent, reduced to a plain base name: no directories (old browsers send `C:\…\x.pdf`),
 * no control characters, NFC (macOS sends decomposed Vietnamese), at most 200 characters, keeping `.pdf`.
 */
export function cleanFilename(raw: string | null | undefined): string {
	const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
	let name = base.normalize('NFC').replace(/\s+/g, ' ').replace(UNSAFE, '').trim();
	if (name === '' || name === '.' || name === '..') return FALLBACK_FILENAME;
	if (name.length > MAX_FILENAME) {
		const ext = /\.[a-z0-9]{1,5}$/i.exec(name)?.[0] ?? '';
		name = name.slice(0, MAX_FILENAME - ext.length).trimEnd() + ext;
	}
	return name;
}

// Titles that are really a file name or an editor's placeholder say less than the file name the secretariat
// chose, e.g. the Vietnamese corpus article whose Title is "vn.html".
const FILE_LIKE = /\.(html?|pdf|docx?|odt|rtf|txt|xlsx?|pptx?|indd|qxd|tex|dvi|ps)$/i;
const PLACEHOLDER = /^(untitled|no title|title|document|tài liệu|không có tiêu đề)\d*$/i;
const OFFICE_PREFIX = /^Microsoft (Word|PowerPoint|Excel) - /i;

/** The title readers see: the PDF's own Title when it is a real title, else the file name without `.pdf`. */
export function documentTitle(metadataTitle: string | null | undefined, filename: string): string {
	const fromMeta = (metadataTitle ?? '').normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(OFFICE_PREFIX, '');
	if (fromMeta !== '' && !FILE_LIKE.test(fromMeta) && !PLACEHOLDER.test(fromMeta)) return fromMeta.slice(0, MAX_TITLE);
	const fromName = filename.replace(/\.pdf$/i, '').trim();
	return (fromName === '' ? filename : fromName).slice(0, MAX_TITLE);
}

/**
 * `Content-Disposition` with the real (often Vietnamese) name in `filename*` (RFC 6266/8187) and an ASCII
 * stand-in in `filename` for clients that only know that.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
	const ascii = filename
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
		.replace(/[^\x20-\x7e]/g, '_')
		.replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
