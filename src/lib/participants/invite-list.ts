/**
 * A list of people to invite, pasted or exported from a spreadsheet: one person a line, with (optionally) a role
 * and a voting right. Pure, shared by the participants page (to show what was read) and the server (which reads
 * the role and voting-right words the same way). Tolerant of what Vietnamese office files look like: a UTF-8 BOM,
 * CRLF, `;` as the separator (Excel in the Vietnamese locale writes that, since `,` is the decimal mark), quoted
 * cells with separators, quotes or line breaks inside, a header row or none, headers and values in Vietnamese or
 * English, with or without diacritics.
 */
import type { ParticipantRole } from '$lib/server/db/schema';

export interface InviteLine {
	/** 1-based line of the source where the row starts, for the error list. */
	line: number;
	/** A username or a display name. */
	who: string;
	role?: string;
	canVote?: string;
}

/** Upper bound of rows read from one paste or file: a provincial council is under a hundred people. */
export const MAX_INVITE_ROWS = 500;

/** Accent-, case- and space-insensitive form of a name or a word: "Đặng  Minh Tuấn" → "dang minh tuan". */
export function foldName(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** The separator of a delimited text: the one of `;`, tab and `,` seen most on the first line, outside quotes. */
export function detectSeparator(text: string): string {
	const counts = new Map<string, number>([
		[';', 0],
		['\t', 0],
		[',', 0]
	]);
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
	}
	let best = ';';
	let most = 0;
	for (const [sep, n] of counts) {
		if (n > most) {
			best = sep;
			most = n;
		}
	}
	return best;
}

/**
 * RFC 4180 cells, with the separator given or detected: quotes around a cell, `""` for a quote inside, line
 * breaks inside quotes kept, CRLF / LF / CR line ends, a leading BOM dropped. Blank lines are skipped; each row
 * keeps the line it started on.
 */
export function parseDelimited(source: string, separator = detectSeparator(source.replace(/^\uFEFF/, ''))): { line: number; cells: string[] }[] {
	const text = source.replace(/^\uFEFF/, '');
	const rows: { line: number; cells: string[] }[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let rowLine = 1;
	const endRow = () => {
		cells.push(cell);
		if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells: cells.map((c) => c.trim()) });
		cells = [];
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
				cell += ch;
			}
		} else if (ch === '"' && cell.trim() === '') {
			cell = '';
			quoted = true;
		} else if (ch === separator) {
			cells.push(cell);
			cell = '';
		} else if (ch === '\r' || ch === '\n') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRow();
			line++;
			rowLine = line;
		} else {
			cell += ch;
		}
	}
	if (cell !== '' || cells.length > 0) endRow();
	return rows;
}

type Column = 'who' | 'role' | 'canVote';

// Folded header words (foldName), Vietnamese and English.
const HEADERS: Record<Column, string[]> = {
	who: ['username', 'user', 'login', 'name', 'display name', 'full name', 'ten dang nhap', 'tai khoan', 'ho ten', 'ho va ten', 'ten', 'nguoi dung', 'dai bieu'],
	role: ['role', 'vai tro', 'chuc danh tham du', 'tu cach', 'tu cach tham du'],
	canVote: ['voting right', 'voting', 'can vote', 'vote', 'quyen bieu quyet', 'bieu quyet', 'co quyen bieu quyet']
};

function headerColumn(cell: string): Column | null {
	const folded = foldName(cell);
	for (const column of ['who', 'role', 'canVote'] as const) if (HEADERS[column].includes(folded)) return column;
	return null;
}

/**
 * The rows of a pasted or imported list. A first row whose cells are all header words is a header and says which
 * column is which (in any order); without one the columns are: who, role, voting right.
 */
export function readInviteList(source: string): InviteLine[] {
	const rows = parseDelimited(source);
	let columns: (Column | null)[] = ['who', 'role', 'canVote'];
	const first = rows[0];
	if (first) {
		const named = first.cells.map(headerColumn);
		if (named.includes('who') && named.every((c, i) => c !== null || first.cells[i] === '')) {
			columns = named;
			rows.shift();
		}
	}
	const at = (cells: string[], column: Column) => {
		const i = columns.indexOf(column);
		const value = i >= 0 ? cells[i]?.trim() : undefined;
		return value ? value : undefined;
	};
	return rows.slice(0, MAX_INVITE_ROWS).map(({ line, cells }) => {
		const role = at(cells, 'role');
		const canVote = at(cells, 'canVote');
		return { line, who: at(cells, 'who') ?? '', ...(role ? { role } : {}), ...(canVote ? { canVote } : {}) };
	});
}

const ROLE_WORDS: Record<ParticipantRole, string[]> = {
	chair: ['chair', 'chairman', 'chairperson', 'chu toa', 'chu tri', 'chu tich'],
	delegate: ['delegate', 'member', 'dai bieu', 'thanh vien', 'uy vien'],
	observer: ['observer', 'guest', 'quan sat', 'quan sat vien', 'khach moi', 'du thinh', 'moi du']
};

/** The role a word means (Vietnamese or English, any accents or case); `undefined` when empty, `null` when unknown. */
export function roleOf(word: string | undefined): ParticipantRole | null | undefined {
	if (word === undefined || word.trim() === '') return undefined;
	const folded = foldName(word);
	for (const role of ['chair', 'delegate', 'observer'] as const) if (ROLE_WORDS[role].includes(folded)) return role;
	return null;
}

const YES = ['yes', 'y', 'true', '1', 'x', 'co', 'co quyen', 'co quyen bieu quyet', 'duoc', 'bieu quyet'];
const NO = ['no', 'n', 'false', '0', '-', 'khong', 'k', 'khong co', 'khong bieu quyet', 'khong co quyen'];

/** The voting right a cell means; `undefined` when empty (the role decides), `null` when it means nothing known. */
export function votingRightOf(word: string | undefined): boolean | null | undefined {
	if (word === undefined || word.trim() === '') return undefined;
	const folded = foldName(word);
	if (YES.includes(folded)) return true;
	if (NO.includes(folded)) return false;
	return null;
}
