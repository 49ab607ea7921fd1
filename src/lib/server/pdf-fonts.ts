import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * WinAnsi (the standard 14 fonts) has no "ả", "ệ" or "ồ": Vietnamese needs an embedded Unicode font. DejaVu
 * covers it, ships with the app (dejavu-fonts-ttf), and is subset on embedding, so a page of text adds a few
 * kilobytes, not the 700 KB font.
 */
const FILES = {
	sans: 'DejaVuSans.ttf',
	sansBold: 'DejaVuSans-Bold.ttf',
	sansOblique: 'DejaVuSans-Oblique.ttf',
	sansBoldOblique: 'DejaVuSans-BoldOblique.ttf',
	mono: 'DejaVuSansMono.ttf'
} as const;

export type DejaVuFace = keyof typeof FILES;
export const DEJAVU_FACES = Object.keys(FILES) as DejaVuFace[];

const bytes = new Map<DejaVuFace, Promise<Buffer>>();

/** The font file, read once per process; a failed read is not cached, so the next request tries again. */
function fontBytes(face: DejaVuFace): Promise<Buffer> {
	let pending = bytes.get(face);
	if (!pending) {
		pending = fs.promises.readFile(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${FILES[face]}`));
		pending.catch(() => bytes.delete(face));
		bytes.set(face, pending);
	}
	return pending;
}

/** `face` embedded in `doc`, subset to the glyphs the document ends up using. */
export async function embedDejaVu(doc: PDFDocument, face: DejaVuFace = 'sans'): Promise<PDFFont> {
	doc.registerFontkit(fontkit);
	return doc.embedFont(await fontBytes(face), { subset: true });
}

/**
 * The official minutes' faces: Liberation Serif, metric-compatible with Times New Roman (the face Decree
 * 30/2020/NĐ-CP prescribes) and complete for Vietnamese, with Liberation Mono for code. Shipped in the repository
 * (vendor/fonts-liberation2, SIL OFL) and installed as a local package, so they resolve like dejavu-fonts-ttf.
 */
const SERIF_FILES = {
	serif: 'LiberationSerif-Regular.ttf',
	serifBold: 'LiberationSerif-Bold.ttf',
	serifItalic: 'LiberationSerif-Italic.ttf',
	serifBoldItalic: 'LiberationSerif-BoldItalic.ttf',
	mono: 'LiberationMono-Regular.ttf'
} as const;

export type SerifFace = keyof typeof SERIF_FILES;
export const SERIF_FACES = Object.keys(SERIF_FILES) as SerifFace[];

const serifBytes = new Map<SerifFace, Promise<Buffer>>();

function serifFontBytes(face: SerifFace): Promise<Buffer> {
	let pending = serifBytes.get(face);
	if (!pending) {
		pending = fs.promises.readFile(createRequire(import.meta.url).resolve(`quorum-fonts-liberation/${SERIF_FILES[face]}`));
		pending.catch(() => serifBytes.delete(face));
		serifBytes.set(face, pending);
	}
	return pending;
}

/** `face` embedded in `doc`, subset to the glyphs the document ends up using. */
export async function embedSerif(doc: PDFDocument, face: SerifFace): Promise<PDFFont> {
	doc.registerFontkit(fontkit);
	return doc.embedFont(await serifFontBytes(face), { subset: true });
}
