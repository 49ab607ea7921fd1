/** File names and titles: what a person sees for a document, cleaned once at upload, encoded at download. */

import { hasVisibleCharacter, stripUnsafeCharacters } from '$lib/identity-text';

const MAX_FILENAME = 200;
export const MAX_TITLE = 300;
const FALLBACK_FILENAME = 'document.pdf';

/**
 * The name a browser sent, reduced to a plain base name: no directories (old browsers send `C:\…\x.pdf`),
 * no control or bidi characters (identity-text.ts: "gpj.exe" must not read as "exe.jpg" in a file list), NFC
 * (macOS sends decomposed Vietnamese), at most 200 characters, keeping `.pdf`. A name with nothing visible
 * before its extension (zero-width spaces, Hangul fillers) becomes `document.pdf`.
 */
export function cleanFilename(raw: string | null | undefined): string {
	const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
	let name = stripUnsafeCharacters(base.normalize('NFC').replace(/\s+/g, ' ')).trim();
	if (name === '' || name === '.' || name === '..' || !hasVisibleCharacter(withoutExtension(name))) return FALLBACK_FILENAME;
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

/**
 * The title readers see: the PDF's own Title when it is a real, visible title, else the file name without
 * `.pdf`. Both are cleaned like names people type (identity-text.ts), since both are shown as one.
 */
export function documentTitle(metadataTitle: string | null | undefined, filename: string): string {
	const fromMeta = cleanTitle(metadataTitle ?? '').replace(OFFICE_PREFIX, '');
	if (hasVisibleCharacter(fromMeta) && !FILE_LIKE.test(fromMeta) && !PLACEHOLDER.test(fromMeta)) return fromMeta.slice(0, MAX_TITLE);
	const fromName = cleanTitle(withoutExtension(filename));
	return (hasVisibleCharacter(fromName) ? fromName : withoutExtension(FALLBACK_FILENAME)).slice(0, MAX_TITLE);
}

// Whitespace (tabs, newlines) becomes a space before the controls go, so words stay apart.
function cleanTitle(raw: string): string {
	return stripUnsafeCharacters(raw.normalize('NFC').replace(/\s+/g, ' ')).replace(/\s+/g, ' ').trim();
}

function withoutExtension(filename: string): string {
	return filename.replace(/\.pdf$/i, '');
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
