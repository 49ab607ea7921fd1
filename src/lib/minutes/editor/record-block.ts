import { mergeAttributes, Node } from '@tiptap/core';
import { Fragment, Slice, type DOMOutputSpec, type Node as PmNode } from '@tiptap/pm/model';
import { NodeSelection, Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { NODE, type RecordContent } from '../blocks';

/**
 * Reads a block's `content` attribute. It arrives from the room, so it is narrowed rather than trusted: a block
 * the server has not filled in yet (or one that is malformed) shows as an empty panel instead of breaking the
 * editor.
 */
export function parseRecordContent(raw: unknown): RecordContent {
	if (typeof raw !== 'string' || raw === '') return { title: '', lines: [] };
	try {
		const value = JSON.parse(raw) as unknown;
		if (!value || typeof value !== 'object') return { title: '', lines: [] };
		const { title, lines } = value as Record<string, unknown>;
		return {
			title: typeof title === 'string' ? title : '',
			lines: Array.isArray(lines) ? lines.filter((l): l is string => typeof l === 'string') : []
		};
	} catch {
		return { title: '', lines: [] };
	}
}

/** One string attribute kept in a `data-*` attribute both ways, so HTML (clipboard, getHTML) round-trips. */
function dataAttribute(name: string) {
	return {
		default: null,
		parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
		renderHTML: (attributes: Record<string, unknown>) => {
			const value = attributes[name];
			return typeof value === 'string' ? { [`data-${name}`]: value } : {};
		}
	};
}

const protectRecordsKey = new PluginKey('recordBlockProtect');

/** Keys that start text: printable characters, and what input methods (Vietnamese Telex, Android) report. */
const typesText = (key: string) => key.length === 1 || key === 'Process' || key === 'Unidentified' || key === 'Dead';

/**
 * When a record block is selected (a tap on it selects it), whatever is typed or pasted next goes into a new
 * paragraph after it instead of replacing it: typing over a vote result would delete it without anyone meaning
 * to. Deleting it on purpose (Backspace, Delete) still works, and undo brings it back.
 */
function stepOutOfRecord(view: EditorView): boolean {
	const { selection, schema } = view.state;
	if (!(selection instanceof NodeSelection) || selection.node.type.name !== NODE.record) return false;
	const at = selection.to;
	const tr = view.state.tr.insert(at, schema.nodes[NODE.paragraph]!.create());
	tr.setSelection(TextSelection.create(tr.doc, at + 1));
	view.dispatch(tr.scrollIntoView());
	return true;
}

/** Removes record blocks from a pasted slice: a copy would be a second block the server keeps for one record. */
function withoutRecords(fragment: Fragment): Fragment {
	const kept: PmNode[] = [];
	fragment.forEach((node) => {
		if (node.type.name === NODE.record) return;
		kept.push(node.isLeaf ? node : node.copy(withoutRecords(node.content)));
	});
	return Fragment.fromArray(kept);
}

/**
 * A block the server keeps in step with the record (attendance, a motion and its result; see blocks.ts). An atom:
 * people move it and write around it, never inside it. Its panel is drawn from `content` (JSON of
 * `{title, lines}`); the attributes keep exactly the names the server writes.
 */
export const RecordBlock = Node.create({
	name: NODE.record,
	group: 'block',
	atom: true,
	selectable: true,
	draggable: true,

	addAttributes() {
		return {
			kind: dataAttribute('kind'),
			ref: dataAttribute('ref'),
			content: dataAttribute('content')
		};
	},

	parseHTML() {
		return [{ tag: 'div[data-record-block]' }];
	},

	renderHTML({ node, HTMLAttributes }) {
		const { title, lines } = parseRecordContent(node.attrs.content);
		const children: DOMOutputSpec[] = [['p', { class: 'record-title' }, title]];
		if (lines.length > 0) children.push(['ul', { class: 'record-lines' }, ...lines.map((line): DOMOutputSpec => ['li', {}, line])]);
		return ['div', mergeAttributes({ 'data-record-block': '', class: 'record-block' }, HTMLAttributes), ...children];
	},

	renderText({ node }) {
		const { title, lines } = parseRecordContent(node.attrs.content);
		return [title, ...lines].join('\n');
	},

	addProseMirrorPlugins() {
		return [
			new Plugin({
				key: protectRecordsKey,
				props: {
					// A drag inside the editor moves the block (the original goes), so it is kept; a paste would copy it.
					transformPasted: (slice, view) => (view.dragging ? slice : new Slice(withoutRecords(slice.content), slice.openStart, slice.openEnd)),
					// keydown comes before the text (and before an input method's composition): the caret is moved first,
					// the browser then types into the new paragraph. Returning false lets the key do its work there.
					handleKeyDown: (view, event) => {
						if (!event.ctrlKey && !event.metaKey && !event.altKey && typesText(event.key)) stepOutOfRecord(view);
						return false;
					},
					handleTextInput: (view, _from, _to, text) => {
						if (!stepOutOfRecord(view)) return false;
						view.dispatch(view.state.tr.insertText(text).scrollIntoView());
						return true;
					},
					handlePaste: (view) => {
						stepOutOfRecord(view);
						return false;
					}
				}
			})
		];
	}
});
