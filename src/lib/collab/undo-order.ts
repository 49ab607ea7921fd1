import type * as Y from 'yjs';

/**
 * Undo and redo across several Yjs documents (the shared and the private layer), in the order the edits were
 * made: each document has its own `Y.UndoManager`, and this keeps which of them holds each entry of the combined
 * history, through the managers' own events, so "undo" takes back my last edit wherever I made it.
 */
export class UndoOrder<K extends string> {
	#undo: K[] = [];
	#redo: K[] = [];
	readonly #cleanups: (() => void)[] = [];

	constructor(
		private readonly managers: ReadonlyMap<K, Y.UndoManager>,
		/** Told after every change of what can be undone or redone. */
		private readonly onChange: () => void = () => {}
	) {
		for (const [key, um] of managers) this.#track(key, um);
	}

	get canUndo(): boolean {
		return this.#undo.length > 0;
	}

	get canRedo(): boolean {
		return this.#redo.length > 0;
	}

	undo(): void {
		const key = this.#undo.at(-1);
		if (key) this.managers.get(key)!.undo();
	}

	redo(): void {
		const key = this.#redo.at(-1);
		if (key) this.managers.get(key)!.redo();
	}

	#track(key: K, um: Y.UndoManager): void {
		const added = ({ type, origin }: { type: 'undo' | 'redo'; origin: unknown }) => {
			(type === 'undo' ? this.#undo : this.#redo).push(key);
			// A new edit (not an undo or redo replaying one) clears its own manager's redo stack; redoing in another
			// document afterwards would bring back something older than that edit, so every redo goes.
			if (type === 'undo' && origin !== um) {
				for (const [other, otherUm] of this.managers) if (other !== key) otherUm.clear(false, true);
			}
			this.#sync();
		};
		// The manager's stack is already shorter when these fire: trimming to its length removes the right entry.
		const shrunk = () => this.#sync();
		um.on('stack-item-added', added);
		um.on('stack-item-popped', shrunk);
		um.on('stack-cleared', shrunk);
		this.#cleanups.push(() => {
			um.off('stack-item-added', added);
			um.off('stack-item-popped', shrunk);
			um.off('stack-cleared', shrunk);
		});
	}

	/**
	 * Trims the combined lists to the managers' real stacks: a clear empties a stack at once, and one undo can
	 * silently drop several items (those whose marks someone else deleted meanwhile) while reporting one.
	 */
	#sync(): void {
		for (const [key, um] of this.managers) {
			while (count(this.#undo, key) > um.undoStack.length) removeLast(this.#undo, key);
			while (count(this.#redo, key) > um.redoStack.length) removeLast(this.#redo, key);
		}
		this.onChange();
	}

	destroy(): void {
		for (const cleanup of this.#cleanups) cleanup();
	}
}

const count = <K>(list: K[], key: K) => list.reduce((n, k) => (k === key ? n + 1 : n), 0);

function removeLast<K>(list: K[], key: K): void {
	const i = list.lastIndexOf(key);
	if (i >= 0) list.splice(i, 1);
}
