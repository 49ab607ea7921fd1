import type { Attachment } from 'svelte/attachments';

/**
 * For a small panel's container: a press outside it, or Escape, closes the panel. Escape hands focus back to the
 * container's first button (the one that opened it), so keyboard users are not left on a control that vanished.
 */
export function closeOnOutside(isOpen: () => boolean, close: () => void): Attachment<HTMLElement> {
	return (node) => {
		const down = (event: PointerEvent) => {
			if (isOpen() && !node.contains(event.target as Node)) close();
		};
		const key = (event: KeyboardEvent) => {
			if (event.key === 'Escape' && isOpen()) {
				close();
				node.querySelector<HTMLElement>('button')?.focus();
			}
		};
		document.addEventListener('pointerdown', down, true);
		document.addEventListener('keydown', key);
		return () => {
			document.removeEventListener('pointerdown', down, true);
			document.removeEventListener('keydown', key);
		};
	};
}
