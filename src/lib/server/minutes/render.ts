import type { Inline, MinutesBlock } from '$lib/minutes/blocks';
import { canonicalJson, sha256Hex } from '../archive/canonical';

/** What the chair signs: the hash of the minutes' blocks in canonical JSON. */
export function minutesContentHash(blocks: MinutesBlock[]): string {
	return sha256Hex(canonicalJson(blocks));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Only links a reader can safely follow survive into the HTML. */
function safeHref(href: string): string | null {
	return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

function inlineHtml(piece: Inline): string {
	if (piece.text === '\n') return '<br>';
	let html = escapeHtml(piece.text);
	if (piece.code) html = `<code>${html}</code>`;
	if (piece.bold) html = `<strong>${html}</strong>`;
	if (piece.italic) html = `<em>${html}</em>`;
	if (piece.underline) html = `<u>${html}</u>`;
	if (piece.strike) html = `<s>${html}</s>`;
	const href = piece.link ? safeHref(piece.link) : null;
	if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${html}</a>`;
	return html;
}

export function blocksToHtml(blocks: MinutesBlock[]): string {
	return blocks.map(blockHtml).join('\n');
}

function blockHtml(block: MinutesBlock): string {
	switch (block.type) {
		case 'heading':
			return `<h${block.level}>${block.content.map(inlineHtml).join('')}</h${block.level}>`;
		case 'paragraph':
			return `<p>${block.content.map(inlineHtml).join('')}</p>`;
		case 'list': {
			const tag = block.ordered ? 'ol' : 'ul';
			const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
			return `<${tag}${start}>${block.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join('')}</${tag}>`;
		}
		case 'quote':
			return `<blockquote>${blocksToHtml(block.blocks)}</blockquote>`;
		case 'rule':
			return '<hr>';
		case 'code':
			return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
		case 'record': {
			const lines = block.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
			return `<section class="record" data-kind="${block.kind}" data-ref="${escapeHtml(block.ref)}"><h4>${escapeHtml(block.title)}</h4><ul>${lines}</ul></section>`;
		}
	}
}

/** Plain text, one block per paragraph: for search and for reading without markup. */
export function blocksToText(blocks: MinutesBlock[]): string {
	return blocks.map((b) => blockText(b, '')).join('\n\n');
}

function blockText(block: MinutesBlock, indent: string): string {
	switch (block.type) {
		case 'heading':
		case 'paragraph':
			return indent + block.content.map((i) => i.text).join('');
		case 'list':
			return block.items
				.map((item, i) => {
					const marker = block.ordered ? `${block.start + i}. ` : '• ';
					return item.map((b, j) => (j === 0 ? indent + marker + blockText(b, '').trimStart() : blockText(b, indent + '   '))).join('\n');
				})
				.join('\n');
		case 'quote':
			return block.blocks.map((b) => blockText(b, indent + '> ')).join('\n');
		case 'rule':
			return indent + '———';
		case 'code':
			return block.text
				.split('\n')
				.map((l) => indent + l)
				.join('\n');
		case 'record':
			return [indent + block.title, ...block.lines.map((l) => `${indent}- ${l}`)].join('\n');
	}
}
