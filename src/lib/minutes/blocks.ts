/**
 * The minutes as plain data: what the Yjs document `meeting:<id>:minutes` holds, read without ProseMirror.
 * The server turns the room's XML fragment into these blocks (minutes/serialize.ts) and renders them as text,
 * HTML and PDF; the archive record keeps them.
 *
 * The editor's schema (Tiptap StarterKit plus the record block below) and these names must agree: a node the
 * schema does not know is deleted by the Yjs binding on the first client that opens the draft.
 */

/** The Y.XmlFragment that the Tiptap Collaboration extension binds to (its default `field`). */
export const MINUTES_FRAGMENT = 'default';

/** ProseMirror node names the server writes and reads. */
export const NODE = {
	paragraph: 'paragraph',
	heading: 'heading',
	bulletList: 'bulletList',
	orderedList: 'orderedList',
	listItem: 'listItem',
	blockquote: 'blockquote',
	horizontalRule: 'horizontalRule',
	hardBreak: 'hardBreak',
	codeBlock: 'codeBlock',
	record: 'recordBlock'
} as const;

export const RECORD_KINDS = ['attendance', 'motion'] as const;
/** attendance: who was present, absent, excused, represented; motion: a motion and, once closed, its result. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * A block the server keeps in step with the record (attendance, vote results). It is an atom in the editor:
 * people write around it, never inside it, and the server rewrites its `content` attribute when the record
 * changes, wherever the block has been moved to.
 */
export interface RecordContent {
	title: string;
	lines: string[];
}

export interface RecordAttrs {
	kind: RecordKind;
	/** The meeting id for attendance, the motion id for a motion. */
	ref: string;
	/** JSON of RecordContent (a string: y-prosemirror round-trips string attributes exactly). */
	content: string;
}

/** A run of text with its marks. A hard line break inside a paragraph is an Inline with text "\n". */
export interface Inline {
	text: string;
	bold?: boolean;
	italic?: boolean;
	underline?: boolean;
	strike?: boolean;
	code?: boolean;
	link?: string;
}

export type MinutesBlock =
	| { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; content: Inline[] }
	| { type: 'paragraph'; content: Inline[] }
	| { type: 'list'; ordered: boolean; start: number; items: MinutesBlock[][] }
	| { type: 'quote'; blocks: MinutesBlock[] }
	| { type: 'rule' }
	| { type: 'code'; text: string }
	| { type: 'record'; kind: RecordKind; ref: string; title: string; lines: string[] };

/** One signature of the minutes, as kept in the archive record. */
export interface MinutesSignature {
	name: string;
	/** Role as printed, e.g. "Chủ tọa". */
	roleLabel: string;
	/** ISO 8601 instant. */
	signedAt: string;
	/** SHA-256 (hex) of the signed minutes content. */
	contentHash: string;
}

/** What approval adds to the minutes PDF (Decree 30/2020/NĐ-CP's number, place and date, and the archive's mark). */
export interface MinutesOfficial {
	/** "05/BB-UBND". */
	number: string;
	/** The place of the date line, e.g. "Quảng Nam". */
	place: string;
	/** ISO 8601 instant of approval: the document's date. */
	date: string;
	/** The archive record the PDF belongs to. */
	archiveSeq: number;
	/** SHA-256 (hex) of the signed content: in the footer line and the QR code. */
	contentHash: string;
}

/** Everything the minutes PDF is drawn from. */
export interface MinutesPdfInput {
	locale: 'vi' | 'en';
	/** The convening body, printed top left in capitals; may be empty. */
	body: string;
	title: string;
	/** e.g. "14:00, 27/11/2026 · Hội trường A" — already formatted in the meeting's time zone. */
	subtitle: string;
	blocks: MinutesBlock[];
	/** The full names under THƯ KÝ and CHỦ TỌA; empty while nobody holds the role. */
	signers: { secretary: string; chair: string };
	/** Null while not approved: the PDF is then a draft, marked as such on every page, with blanks for number and date. */
	official: MinutesOfficial | null;
	/**
	 * Another administrative document drawn in the minutes' format (a poll's summary, "TỔNG HỢP Ý KIẾN THÀNH VIÊN"):
	 * its type line and the titles of its signature blocks, which are not signed digitally (an empty title leaves
	 * its column empty). Absent for minutes.
	 */
	variant?: { documentType: string; signatureTitles: { left: string; right: string } };
}
