/**
 * How archive text and queries are made diacritics-insensitive.
 *
 * FTS5's tokenizer (`unicode61 remove_diacritics 2`) folds every Vietnamese vowel with its tone and hat, but not
 * đ/Đ: Unicode counts đ as a letter of its own, not d with a mark. So both the indexed text (the SQL view in
 * migration 0007) and the query replace đ/Đ, and the look-alike Ð/ð that older Vietnamese encodings produce, by
 * d/D before the tokenizer sees them. The replacement is one UTF-16 unit for one, so an offset in folded text is
 * the same offset in the original: snippets keep the original letters.
 */
const FOLD: Record<string, string> = { đ: 'd', Đ: 'D', ð: 'd', Ð: 'D' };
const FOLDED_LETTERS = /[đĐðÐ]/g;

/** The text as the index holds it. Must agree with the replace() chain of the view `archive_search_content`. */
export function foldText(text: string): string {
	return text.replace(FOLDED_LETTERS, (c) => FOLD[c] ?? c);
}

/**
 * A word as the index compares it: folded, without any diacritic, lower case. What FTS5's unicode61 tokenizer with
 * `remove_diacritics 2` does to a token, for the words of a query and of a snippet (snippets are highlighted here,
 * not by FTS5: a unit test checks that both agree).
 */
export function indexForm(word: string): string {
	return foldText(word).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** Words beyond this many are not searched for (each one is another index lookup). */
export const MAX_QUERY_WORDS = 12;

/*
 * A word, as FTS5's unicode61 tokenizer sees one: letters, digits, combining marks and private-use characters
 * (its default token characters, "L* N* Co", plus the marks it drops with remove_diacritics). Everything else
 * separates words, so none of FTS5's syntax (quotes, parentheses, *, ^, :, +, -, NEAR, AND/OR/NOT as operators)
 * can reach the MATCH expression except as a quoted string.
 */
export const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

export type QueryProblem = 'empty' | 'too_long';

export type ParsedQuery =
	| {
			ok: true;
			words: string[];
			prefix: boolean;
			/** Every word, anywhere: what decides whether an entry is a hit. */
			match: string;
			/**
			 * The same hits, ranked with the words side by side counting extra: `(all words) OR "the phrase"` (every
			 * phrase match is also an all-words match, so the set is the same). Vietnamese words are several syllables
			 * ("hành chính", "Văn An"); a page where they stand together is the better hit.
			 */
			ranking: string;
	  }
	| { ok: false; problem: QueryProblem };

/**
 * Turns what a person typed into an FTS5 MATCH expression: each word folded and quoted as an FTS5 string (so
 * `NEAR`, `OR`, `title:` or `"` are words to find, never syntax), all words required, and the last one a prefix
 * while it is being typed (no space after it). A last word of a single letter is too short to be a useful prefix
 * (it would match half the index) and is left out, unless it is the only word; a single digit stays, as itself.
 */
export function parseQuery(input: string): ParsedQuery {
	if (input.length > MAX_QUERY_LENGTH) return { ok: false, problem: 'too_long' };
	const folded = foldText(input.normalize('NFC'));
	const all = folded.match(WORD) ?? [];
	const words = all.slice(0, MAX_QUERY_WORDS);
	if (words.length === 0) return { ok: false, problem: 'empty' };
	// The last word typed is still being typed only if it made it under the word limit and nothing follows it.
	const typing = words.length === all.length && !/\s$/u.test(input);
	const last = words[words.length - 1]!;
	const oneLetter = [...last].length === 1;
	if (typing && oneLetter && /\p{L}/u.test(last) && words.length > 1) words.pop();
	const prefix = typing && !oneLetter;
	const quote = (w: string) => w.replaceAll('"', '""');
	const star = prefix ? '*' : '';
	const match = words.map((w, i) => `"${quote(w)}"${i === words.length - 1 ? star : ''}`).join(' ');
	const ranking = words.length > 1 ? `(${match}) OR "${words.map(quote).join(' ')}"${star}` : match;
	return { ok: true, words, prefix, match, ranking };
}
