import { Editor, Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import { MINUTES_FRAGMENT } from '../blocks';
import type { MinutesRoom } from './minutes-room.svelte';
import { RecordBlock } from './record-block';
import { oncePerFrame } from '$lib/once-per-frame';

export type HeadingLevel = 1 | 2 | 3;

/** The formatting at the cursor, for the toolbar's pressed states. */
export interface ActiveFormats {
	bold: boolean;
	italic: boolean;
	underline: boolean;
	heading: HeadingLevel | null;
	bulletList: boolean;
	orderedList: boolean;
	blockquote: boolean;
}

const NONE: ActiveFormats = { bold: false, italic: false, underline: false, heading: null, bulletList: false, orderedList: false, blockquote: false };

/**
 * Another writer's caret: a line in their colour and their name above it. The name comes from their tablet, so it
 * is only ever text; near the right edge of the page it hangs to the left of the caret instead of past the edge.
 */
function renderCaret(user: Record<string, unknown>): HTMLElement {
	const color = typeof user.color === 'string' ? user.color : 'transparent';
	const caret = document.createElement('span');
	caret.className = 'collaboration-carets__caret';
	caret.style.borderColor = color;
	const label = document.createElement('span');
	label.className = 'collaboration-carets__label';
	label.style.backgroundColor = color;
	label.textContent = typeof user.name === 'string' ? user.name : '';
	caret.append(label);
	requestAnimationFrame(() => {
		const page = caret.closest('.ProseMirror')?.getBoundingClientRect();
		if (page && label.getBoundingClientRect().right > page.right) label.classList.add('flip');
	});
	return caret;
}

/**
 * The Tiptap editor of the minutes, bound to the room's XML fragment. Browser only: the page creates it in an
 * effect (Tiptap needs the DOM); the server renders the minutes' HTML instead.
 *
 * The schema is StarterKit plus the record block, and must name nodes and marks as blocks.ts does: the Yjs
 * binding deletes from the shared document whatever this schema does not know.
 */
export class MinutesEditor {
	readonly editor: Editor;
	active = $state.raw<ActiveFormats>(NONE);
	canUndo = $state(false);
	canRedo = $state(false);
	/** Remote typing arrives in many small transactions: the toolbar is re-read once per frame. */
	readonly #refreshes = oncePerFrame(() => this.#refresh());
	#editable: boolean;

	constructor(element: HTMLElement, room: MinutesRoom, editable: boolean, label: string) {
		this.#editable = editable;
		const lang = document.documentElement.lang || 'vi';
		this.editor = new Editor({
			element,
			editable,
			// The room's text is the content; nothing here may seed it (a second tablet would add it twice).
			extensions: [
				StarterKit.configure({
					heading: { levels: [1, 2, 3] },
					// Collaboration brings its own undo that only takes back this tablet's changes.
					undoRedo: false,
					link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] }
				}),
				RecordBlock,
				Collaboration.configure({ document: room.connection.doc, field: MINUTES_FRAGMENT }),
				CollaborationCaret.configure({ provider: room.connection.provider, user: { ...room.me }, render: renderCaret }),
				this.#readOnlyState()
			],
			editorProps: {
				attributes: { role: 'textbox', 'aria-label': label, 'aria-multiline': 'true', class: 'minutes-doc', spellcheck: 'true', lang }
			},
			onTransaction: () => this.#refreshes.request()
		});
		this.#refresh();
	}

	/** `aria-readonly` on the text, re-read by ProseMirror on every update (so it follows setEditable). */
	#readOnlyState(): Extension {
		const readOnly = () => ({ 'aria-readonly': String(!this.#editable) });
		return Extension.create({
			name: 'minutesReadOnlyState',
			addProseMirrorPlugins: () => [new Plugin({ key: new PluginKey('minutesReadOnlyState'), props: { attributes: readOnly } })]
		});
	}

	setEditable(editable: boolean): void {
		if (this.#editable === editable) return;
		this.#editable = editable;
		this.editor.setEditable(editable, false);
		this.#refresh();
	}

	#refresh(): void {
		const e = this.editor;
		if (e.isDestroyed) return;
		const heading = ([1, 2, 3] as const).find((level) => e.isActive('heading', { level })) ?? null;
		this.active = {
			bold: e.isActive('bold'),
			italic: e.isActive('italic'),
			underline: e.isActive('underline'),
			heading,
			bulletList: e.isActive('bulletList'),
			orderedList: e.isActive('orderedList'),
			blockquote: e.isActive('blockquote')
		};
		this.canUndo = e.isEditable && e.can().undo();
		this.canRedo = e.isEditable && e.can().redo();
	}

	toggleBold = () => this.editor.chain().focus().toggleBold().run();
	toggleItalic = () => this.editor.chain().focus().toggleItalic().run();
	toggleUnderline = () => this.editor.chain().focus().toggleUnderline().run();
	toggleHeading = (level: HeadingLevel) => this.editor.chain().focus().toggleHeading({ level }).run();
	toggleBulletList = () => this.editor.chain().focus().toggleBulletList().run();
	toggleOrderedList = () => this.editor.chain().focus().toggleOrderedList().run();
	toggleBlockquote = () => this.editor.chain().focus().toggleBlockquote().run();
	undo = () => this.editor.chain().focus().undo().run();
	redo = () => this.editor.chain().focus().redo().run();

	/**
	 * The conclusion to give as a task: the selected words, else the whole paragraph or heading the cursor is in,
	 * as one line. Empty when the cursor is on something without text of its own (a record block).
	 */
	conclusionAtCursor(): string {
		const { state } = this.editor;
		// Not destructured: `$from` is a name Svelte reserves in a .svelte.ts module.
		const selection = state.selection;
		const { from, to } = selection;
		const block = selection.$from.parent;
		const selected = from !== to ? state.doc.textBetween(from, to, ' ', ' ') : '';
		const text = selected.trim() !== '' ? selected : block.isTextblock ? block.textContent : '';
		return text.replace(/\s+/g, ' ').trim();
	}

	destroy(): void {
		this.#refreshes.cancel();
		this.editor.destroy();
	}
}
