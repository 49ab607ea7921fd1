/**
 * Keeps a panel docked above the annotation tools inside the space the pages have: its height never reaches past
 * the top of the viewer, so no control of it is hidden behind the tool rows below or the header above, on any
 * screen (it scrolls inside instead). Recomputed when the window or the tool rows change size (rotation, a tool
 * row wrapping).
 */
const GAP_PX = 8;
/** Below this the panel would be cramped: it then covers the viewer's own tool row too (a phone). */
const MIN_HEIGHT_PX = 260;

export function dockAboveTools(node: HTMLElement): () => void {
	const tools = node.parentElement;
	const fit = () => {
		const bottom = tools?.getBoundingClientRect().top ?? innerHeight;
		// The pages first, so the viewer's zoom and search stay reachable; the whole viewer when that is too small.
		const pages = document.querySelector('.pdf-viewer .scroller')?.getBoundingClientRect().top ?? 0;
		const viewer = document.querySelector('.pdf-viewer')?.getBoundingClientRect().top ?? 0;
		const room = (top: number) => Math.floor(bottom - Math.max(0, top) - 2 * GAP_PX);
		const height = room(pages) >= MIN_HEIGHT_PX ? room(pages) : Math.max(room(viewer), Math.min(MIN_HEIGHT_PX, bottom - 2 * GAP_PX));
		node.style.maxHeight = `${height}px`;
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
