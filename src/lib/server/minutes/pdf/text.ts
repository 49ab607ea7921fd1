import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { Inline } from '$lib/minutes/blocks';
import { embedSerif, SERIF_FACES, type SerifFace } from '../../pdf-fonts';
import { INK, LINK, type Colour } from './page';

/**
 * Text before it has a place on a page: the embedded faces and their cached widths, a run's style, and the
 * greedy breaking of styled runs into lines of a given width, a word too wide for the line cut between letters.
 */

export interface Style {
	face: SerifFace;
	size: number;
	colour: Colour;
	underline: boolean;
	strike: boolean;
	link: string | null;
}

export interface Typesetter {
	doc: PDFDocument;
	fonts: Record<SerifFace, PDFFont>;
	width(text: string, style: Style): number;
	/** Whether `face` has a glyph for the character: a monospace face may lack some Vietnamese letters. */
	covers(face: SerifFace, char: string): boolean;
}

/** A stretch of text in one style: the unit that is measured, wrapped and drawn. */
export interface Piece {
	text: string;
	style: Style;
	width: number;
	space: boolean;
}

export type Token = { kind: 'word'; pieces: Piece[] } | { kind: 'space'; piece: Piece } | { kind: 'break' };

export interface Line {
	pieces: Piece[];
	width: number;
	size: number;
	/** False for the last line of a paragraph, a line ended by "\n" and a cut word: those are never stretched. */
	stretch: boolean;
}

export async function typesetter(doc: PDFDocument): Promise<Typesetter> {
	// Every face is embedded, used or not: an unused face costs a kilobyte or two of subset, and the
	// layout can then measure synchronously. One after the other, not in parallel: the order of embedding
	// numbers the PDF objects, and file reads finishing in a different order would change the bytes.
	const fonts = {} as Record<SerifFace, PDFFont>;
	for (const face of SERIF_FACES) fonts[face] = await embedSerif(doc, face);
	const unitWidths = new Map<string, number>();
	const characterSets = new Map<SerifFace, ReadonlySet<number>>();
	return {
		doc,
		fonts,
		covers(face, char) {
			let set = characterSets.get(face);
			if (!set) characterSets.set(face, (set = new Set(fonts[face].getCharacterSet())));
			return set.has(char.codePointAt(0)!);
		},
		width(text, style) {
			const key = `${style.face}\u0000${text}`;
			let unit = unitWidths.get(key);
			if (unit === undefined) unitWidths.set(key, (unit = fonts[style.face].widthOfTextAtSize(text, 1)));
			return unit * style.size;
		}
	};
}

function faceOf(bold: boolean, italic: boolean, code = false): SerifFace {
	if (code) return 'mono';
	if (bold) return italic ? 'serifBoldItalic' : 'serifBold';
	return italic ? 'serifItalic' : 'serif';
}

export interface BaseStyle {
	size: number;
	bold?: boolean;
	italic?: boolean;
	colour?: Colour;
}

export function inlineStyle(inline: Inline, base: BaseStyle): Style {
	const link = safeLink(inline.link);
	return {
		face: faceOf(Boolean(base.bold || inline.bold), Boolean(base.italic || inline.italic), inline.code),
		// A monospace face is wide; a little smaller it sits in a line of serif text without shouting.
		size: inline.code ? base.size * 0.9 : base.size,
		colour: link ? LINK : (base.colour ?? INK),
		underline: Boolean(inline.underline) || link !== null,
		strike: Boolean(inline.strike),
		link
	};
}

/** Only web and mail links become clickable: a `javascript:` or `file:` link in an archived PDF is a trap. */
function safeLink(link: string | undefined): string | null {
	if (!link) return null;
	try {
		const url = new URL(link);
		return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
	} catch {
		return null;
	}
}

export const styleKey = (s: Style) => `${s.face}|${s.size}|${s.colour.join(',')}|${s.underline}|${s.strike}|${s.link}`;

/**
 * Breaking spaces, "\n", and everything else. No-break spaces belong to words. Control characters are
 * dropped (they have no glyph), and text is composed (NFC): pdf-lib does not position combining marks, so a
 * decomposed "ệ" would print its dot and circumflex beside the letter.
 */
const SEGMENT = /\n|[^\S\n\u00A0\u2007\u202F]+|[^\s\u00A0\u2007\u202F]+|[\u00A0\u2007\u202F]+/g;
export const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F]/g;

export function tokenize(kit: Typesetter, inlines: readonly Inline[], base: BaseStyle): Token[] {
	const tokens: Token[] = [];
	for (const inline of inlines) {
		const style = inlineStyle(inline, base);
		const text = inline.text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '').normalize('NFC');
		for (const [segment] of text.matchAll(SEGMENT)) {
			if (segment === '\n') tokens.push({ kind: 'break' });
			else if (/^[^\S\u00A0\u2007\u202F]/.test(segment)) tokens.push({ kind: 'space', piece: piece(kit, ' '.repeat(segment.length), style, true) });
			else {
				const last = tokens.at(-1);
				const pieces = wordPieces(kit, segment, style);
				// A word can change style mid-way ("**Điều** 1a"): no break is allowed between its parts.
				if (last?.kind === 'word') last.pieces.push(...pieces);
				else tokens.push({ kind: 'word', pieces });
			}
		}
	}
	return tokens;
}

/**
 * A word as pieces its faces can print: letters the monospace face has no glyph for are set in Liberation Serif,
 * which has every Vietnamese letter, rather than printed as empty boxes.
 */
export function wordPieces(kit: Typesetter, text: string, style: Style): Piece[] {
	if (style.face !== 'mono') return [piece(kit, text, style, false)];
	const fallback: Style = { ...style, face: 'serif' };
	const runs: { text: string; style: Style }[] = [];
	for (const char of text) {
		const runStyle = kit.covers('mono', char) ? style : fallback;
		const last = runs.at(-1);
		if (last?.style === runStyle) last.text += char;
		else runs.push({ text: char, style: runStyle });
	}
	return runs.map((run) => piece(kit, run.text, run.style, false));
}

export function piece(kit: Typesetter, text: string, style: Style, space: boolean): Piece {
	return { text, style, space, width: kit.width(text, style) };
}

const sumWidths = (pieces: readonly Piece[]) => pieces.reduce((sum, p) => sum + p.width, 0);

/** Greedy line breaking by measured width; spaces at a break are dropped, as a word processor does. */
export function breakLines(kit: Typesetter, tokens: readonly Token[], width: number, baseSize: number): Line[] {
	const lines: Line[] = [];
	let pieces: Piece[] = [];
	let used = 0;
	let spaces: Piece[] = [];
	const end = (stretch: boolean) => {
		lines.push({ pieces, width: used, stretch, size: Math.max(baseSize, ...pieces.map((p) => p.style.size)) });
		pieces = [];
		used = 0;
		spaces = [];
	};
	for (const token of tokens) {
		if (token.kind === 'break') end(false);
		else if (token.kind === 'space') {
			if (pieces.length) spaces.push(token.piece);
		} else {
			const wordWidth = sumWidths(token.pieces);
			const gap = sumWidths(spaces);
			if (pieces.length && used + gap + wordWidth <= width) {
				pieces.push(...spaces, ...token.pieces);
				used += gap + wordWidth;
				spaces = [];
				continue;
			}
			if (pieces.length) end(true);
			const chunks = wordWidth <= width ? [token.pieces] : cutWord(kit, token.pieces, width);
			chunks.forEach((chunk, i) => {
				if (i > 0) end(false);
				pieces = chunk;
				used = sumWidths(chunk);
			});
			spaces = [];
		}
	}
	end(false);
	return lines;
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** A word wider than the line (a URL, a hash, a run of dashes) is cut between characters, never clipped. */
function cutWord(kit: Typesetter, word: readonly Piece[], width: number): Piece[][] {
	const chunks: Piece[][] = [];
	let chunk: Piece[] = [];
	let used = 0;
	for (const part of word) {
		let text = '';
		for (const { segment } of graphemes.segment(part.text)) {
			const w = kit.width(segment, part.style);
			if (used + w > width && (chunk.length || text)) {
				if (text) chunk.push(piece(kit, text, part.style, false));
				chunks.push(chunk);
				chunk = [];
				used = 0;
				text = '';
			}
			text += segment;
			used += w;
		}
		if (text) chunk.push(piece(kit, text, part.style, false));
	}
	if (chunk.length) chunks.push(chunk);
	return chunks;
}
