/*
 * Names and titles: the text people read to know who someone is and what they are voting on. Someone who can
 * type one must not be able to make it say something else on another person's screen. The server refuses such
 * names and titles (validation.ts `identityText`); the browser uses the same rules to clean names other
 * tablets put into shared rooms, which the server never reads. Pure: no server or browser dependency.
 *
 * OWASP Input Validation Cheat Sheet (validating free-form Unicode text): normalise first (NFC), then check
 * against an allow-list of character categories. Here: no control characters, no bidirectional controls (an
 * override turns "Admin\u202Efdp.exe" into "Adminexe.pdf" on screen, and can reorder the text around it), and
 * at least one visible character, so nobody is named "" by way of zero-width spaces or Hangul fillers.
 */

export type IdentityTextProblem = 'control_character' | 'bidi_control' | 'no_visible_character';

export const IDENTITY_TEXT_PROBLEMS: readonly IdentityTextProblem[] = ['control_character', 'bidi_control', 'no_visible_character'];

// C0, DEL, C1, and the line and paragraph separators: a name or a title is one line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// Arabic letter mark, LRM/RLM, the embeddings and overrides (LRE RLE PDF LRO RLO), the isolates (LRI RLI FSI PDI).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE = new RegExp(`${CONTROL.source}|${BIDI.source}`, 'gu');

// Letters, numbers, punctuation and symbols are what the eye can see; marks need a base, separators are space.
const VISIBLE_CATEGORY = /[\p{L}\p{N}\p{P}\p{S}]/u;
// …except the characters Unicode asks renderers to draw as nothing, some of which are letters on paper:
// Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), plus zero-width spaces and joiners, variation selectors,
// tags. The braille blank (U+2800) is a symbol that prints nothing, and is not in that property.
const DRAWN_AS_NOTHING = /[\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Trimmed and composed: decomposed Vietnamese (macOS, some keyboards) would not match or sort as typed. */
export function normaliseIdentityText(raw: string): string {
	return raw.trim().normalize('NFC');
}

/** Why `text` (already normalised) cannot be a name or a title, or null when it can. */
export function identityTextProblem(text: string): IdentityTextProblem | null {
	if (CONTROL.test(text)) return 'control_character';
	if (BIDI.test(text)) return 'bidi_control';
	if (!hasVisibleCharacter(text)) return 'no_visible_character';
	return null;
}

export function hasVisibleCharacter(text: string): boolean {
	for (const char of text) {
		if (VISIBLE_CATEGORY.test(char) && !DRAWN_AS_NOTHING.test(char)) return true;
	}
	return false;
}

/**
 * For names nobody typed (an uploaded file's name, a PDF's Title): the same characters removed rather than
 * refused, since the upload itself is fine.
 */
export function stripUnsafeCharacters(text: string): string {
	return text.replace(UNSAFE, '');
}
