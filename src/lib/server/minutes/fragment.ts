import * as Y from 'yjs';
import { NODE, RECORD_KINDS, type Inline, type MinutesBlock, type RecordAttrs, type RecordContent, type RecordKind } from '$lib/minutes/blocks';

/**
 * The minutes room's XML fragment, read and written without ProseMirror. The layout is the one y-prosemirror
 * (@tiptap/y-tiptap) uses: one Y.XmlElement per node named after its type, node attributes as element
 * attributes, text in Y.XmlText whose formatting attributes are the marks.
 */

type Child = Y.XmlElement | Y.XmlText;

export function readBlocks(fragment: Y.XmlFragment): MinutesBlock[] {
	return readChildren(fragment.toArray() as Child[]);
}

function readChildren(children: Child[]): MinutesBlock[] {
	const blocks: MinutesBlock[] = [];
	for (const child of children) {
		if (child instanceof Y.XmlElement) {
			const block = readElement(child);
			if (block) blocks.push(block);
		}
	}
	return blocks;
}

function readElement(el: Y.XmlElement): MinutesBlock | null {
	const children = el.toArray() as Child[];
	switch (el.nodeName) {
		case NODE.paragraph:
			return { type: 'paragraph', content: readInlines(children) };
		case NODE.heading:
			return { type: 'heading', level: headingLevel(el.getAttribute('level')), content: readInlines(children) };
		case NODE.bulletList:
		case NODE.orderedList: {
			const start = Number(el.getAttribute('start') ?? 1);
			const items = children
				.filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === NODE.listItem)
				.map((item) => readChildren(item.toArray() as Child[]));
			return { type: 'list', ordered: el.nodeName === NODE.orderedList, start: Number.isInteger(start) ? start : 1, items };
		}
		case NODE.blockquote:
			return { type: 'quote', blocks: readChildren(children) };
		case NODE.horizontalRule:
			return { type: 'rule' };
		case NODE.codeBlock:
			return { type: 'code', text: readInlines(children).map((i) => i.text).join('') };
		case NODE.record: {
			const attrs = readRecordAttrs(el);
			if (!attrs) return null;
			const content = parseRecordContent(attrs.content);
			return { type: 'record', kind: attrs.kind, ref: attrs.ref, title: content.title, lines: content.lines };
		}
		default:
			// A node type we do not know holds no text we could print faithfully; its text still counts.
			return children.length > 0 ? { type: 'paragraph', content: readInlines(children) } : null;
	}
}

function headingLevel(raw: unknown): 1 | 2 | 3 | 4 | 5 | 6 {
	const n = Number(raw);
	return n >= 1 && n <= 6 ? (Math.trunc(n) as 1 | 2 | 3 | 4 | 5 | 6) : 1;
}

function readInlines(children: Child[]): Inline[] {
	const inlines: Inline[] = [];
	for (const child of children) {
		if (child instanceof Y.XmlText) {
			for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
				if (typeof op.insert === 'string' && op.insert.length > 0) inlines.push(inline(op.insert, op.attributes ?? {}));
			}
		} else if (child.nodeName === NODE.hardBreak) {
			inlines.push({ text: '\n' });
		} else {
			inlines.push(...readInlines(child.toArray() as Child[]));
		}
	}
	return inlines;
}

function inline(text: string, attributes: Record<string, unknown>): Inline {
	const out: Inline = { text };
	for (const [rawKey, value] of Object.entries(attributes)) {
		// Marks that may overlap themselves are stored under "name--hash".
		const key = rawKey.split('--')[0];
		switch (key) {
			case 'bold':
			case 'italic':
			case 'underline':
			case 'strike':
			case 'code':
				out[key] = true;
				break;
			case 'link': {
				const href = (value as { href?: unknown } | null)?.href;
				if (typeof href === 'string') out.link = href;
				break;
			}
		}
	}
	return out;
}

function readRecordAttrs(el: Y.XmlElement): RecordAttrs | null {
	const kind = el.getAttribute('kind');
	const ref = el.getAttribute('ref');
	const content = el.getAttribute('content');
	if (!RECORD_KINDS.includes(kind as RecordKind) || typeof ref !== 'string') return null;
	return { kind: kind as RecordKind, ref, content: typeof content === 'string' ? content : '' };
}

export function parseRecordContent(raw: string): RecordContent {
	try {
		const parsed = JSON.parse(raw) as Partial<RecordContent>;
		return {
			title: typeof parsed.title === 'string' ? parsed.title : '',
			lines: Array.isArray(parsed.lines) ? parsed.lines.filter((l): l is string => typeof l === 'string') : []
		};
	} catch {
		return { title: '', lines: [] };
	}
}

export function serializeRecordContent(content: RecordContent): string {
	return JSON.stringify({ title: content.title, lines: content.lines });
}

// ---------------------------------------------------------------------------------------------------------------
// Writing: the template and the server-maintained record blocks.

export function appendBlocks(fragment: Y.XmlFragment, blocks: MinutesBlock[]): void {
	fragment.insert(fragment.length, blocks.map(toElement));
}

function toElement(block: MinutesBlock): Y.XmlElement {
	switch (block.type) {
		case 'paragraph':
			return withInlines(new Y.XmlElement(NODE.paragraph), block.content);
		case 'heading': {
			const el = withInlines(new Y.XmlElement(NODE.heading), block.content);
			el.setAttribute('level', block.level as unknown as string);
			return el;
		}
		case 'list': {
			const el = new Y.XmlElement(block.ordered ? NODE.orderedList : NODE.bulletList);
			if (block.ordered) el.setAttribute('start', block.start as unknown as string);
			el.insert(
				0,
				block.items.map((item) => {
					const li = new Y.XmlElement(NODE.listItem);
					// A list item must start with a paragraph, or the editor's schema rejects (and deletes) it.
					const content = item[0]?.type === 'paragraph' ? item : [{ type: 'paragraph', content: [] } as MinutesBlock, ...item];
					li.insert(0, content.map(toElement));
					return li;
				})
			);
			return el;
		}
		case 'quote': {
			const el = new Y.XmlElement(NODE.blockquote);
			el.insert(0, (block.blocks.length ? block.blocks : [{ type: 'paragraph', content: [] } as MinutesBlock]).map(toElement));
			return el;
		}
		case 'rule':
			return new Y.XmlElement(NODE.horizontalRule);
		case 'code':
			return withInlines(new Y.XmlElement(NODE.codeBlock), [{ text: block.text }]);
		case 'record': {
			const el = new Y.XmlElement(NODE.record);
			el.setAttribute('kind', block.kind);
			el.setAttribute('ref', block.ref);
			el.setAttribute('content', serializeRecordContent({ title: block.title, lines: block.lines }));
			return el;
		}
	}
}

function withInlines(el: Y.XmlElement, inlines: Inline[]): Y.XmlElement {
	const parts: Child[] = [];
	let text: Y.XmlText | null = null;
	// A type not yet in a document reports length 0: count the offset ourselves.
	let offset = 0;
	for (const piece of inlines) {
		if (piece.text === '\n') {
			parts.push(new Y.XmlElement(NODE.hardBreak));
			text = null;
			continue;
		}
		if (!text) {
			text = new Y.XmlText();
			parts.push(text);
			offset = 0;
		}
		// Yjs queues edits of a type that is not in a document yet and replays them when it is inserted.
		text.insert(offset, piece.text, marksOf(piece));
		offset += piece.text.length;
	}
	el.insert(0, parts);
	return el;
}

function marksOf(piece: Inline): Record<string, unknown> {
	const marks: Record<string, unknown> = {};
	for (const key of ['bold', 'italic', 'underline', 'strike', 'code'] as const) if (piece[key]) marks[key] = {};
	if (piece.link) marks.link = { href: piece.link };
	return marks;
}

/** Every record block in the fragment, wherever people have moved it, by `kind:ref`. */
export function findRecordElements(fragment: Y.XmlFragment): Map<string, Y.XmlElement> {
	const found = new Map<string, Y.XmlElement>();
	const walk = (node: Y.XmlFragment | Y.XmlElement) => {
		for (const child of node.toArray()) {
			if (!(child instanceof Y.XmlElement)) continue;
			if (child.nodeName === NODE.record) {
				const attrs = readRecordAttrs(child);
				if (attrs) found.set(recordKey(attrs.kind, attrs.ref), child);
			} else {
				walk(child);
			}
		}
	};
	walk(fragment);
	return found;
}

export const recordKey = (kind: RecordKind, ref: string) => `${kind}:${ref}`;

/** Rewrites a record block only when its content changed, so an unchanged record costs no update. */
export function setRecordContent(el: Y.XmlElement, content: RecordContent): boolean {
	const next = serializeRecordContent(content);
	if (el.getAttribute('content') === next) return false;
	el.setAttribute('content', next);
	return true;
}
