/**
 * pdf.js shows a PDF comment without its own appearance (and a file attachment) as an icon it loads from
 * `imageResourcesPath + "annotation-<name>.svg"`. Ours are bundled with hashed names, so the viewer gives pdf.js a
 * prefix that loads nothing (an empty `data:` URL) and, when a page's annotation layer is drawn, points each icon at the
 * bundled file.
 */
const icons = import.meta.glob('../../../node_modules/pdfjs-dist/web/images/annotation-*.svg', {
	query: '?url',
	import: 'default',
	eager: true
}) as Record<string, string>;

const byName = new Map(Object.entries(icons).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

export const ICON_PREFIX = 'data:,';

export function fixAnnotationIcons(layer: ParentNode): void {
	for (const img of layer.querySelectorAll<HTMLImageElement>(`img[src^="${ICON_PREFIX}"]`)) {
		const name = img.getAttribute('src')!.slice(ICON_PREFIX.length);
		const url = byName.get(name) ?? byName.get('annotation-note.svg');
		if (url) img.src = url;
	}
}
