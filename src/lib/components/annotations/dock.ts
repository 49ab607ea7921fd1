/**
 * Keeps a panel docked above the annotation tools inside the space the pages have: its height never reaches past
 * the top of the viewer, so no control of it is hidden behind the tool rows below or the header above, on any
 * screen (it scrolls inside instead). Recomputed when the window or the tool rows change size (rotation, a tool
 * row wrapping).
 */
const GAP_PX = 8;
/** Below this the panel is cramped anyway: a phone on its side; it then covers the viewer's own tools too. */
const MIN_HEIGHT_PX = 180;

export function dockAboveTools(node: HTMLElement): () => void {
	const tools = node.parentElement;
	const fit = () => {
		const bottom = tools?.getBoundingClientRect().top ?? innerHeight;
		const viewer = document.querySelector('.pdf-viewer');
		const top = Math.max(0, viewer?.getBoundingClientRect().top ?? 0);
		node.style.maxHeight = `${Math.max(MIN_HEIGHT_PX, Math.floor(bottom - top - 2 * GAP_PX))}px`;
	};
	fit();
	const observer = new ResizeObserver(fit);
	if (tools) observer.observe(tools);
	observer.observe(document.documentElement);
	addEventListener('resize', fit);
	return () => {
		observer.disconnect();
		removeEventListener('resize', fit);
	};
}

/** After a panel closes, the focus goes back to the mark it was about, or to the tools (never lost on <body>). */
export function returnFocus(markId: string | null, fallback: string): void {
	requestAnimationFrame(() => {
		const mark = markId ? document.querySelector<HTMLElement>(`.pin[data-mark-id="${CSS.escape(markId)}"]`) : null;
		const target = mark ?? document.querySelector<HTMLElement>(fallback) ?? document.querySelector<HTMLElement>('.annotation-bar');
		target?.focus({ preventScroll: true });
	});
}
