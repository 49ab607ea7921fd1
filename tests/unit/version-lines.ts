import { RUN, type PageLayout } from '$lib/server/versions/layout';
import { normalize } from '$lib/server/versions/text-index';

/** One paragraph of a page: its words (normalized) and how far down the page it reaches, for a change bar. */
export interface Paragraph {
	page: number;
	text: string;
	/** PDF user space: the top of its first line and the bottom of its last (top > bottom). */
	top: number;
	bottom: number;
}

export interface Line {
	text: string;
	x1: number;
	y: number;
	h: number;
}

/** The lines of a page as pdf.js ends them, each with its right edge, baseline and height. */
export function linesOf(layout: PageLayout): Line[] {
	const lines: Line[] = [];
	let current: Line | null = null;
	const r = layout.runs;
	for (let i = 0; i < r.length / RUN; i++) {
		const [s, e, x, y, w, h] = r.slice(i * RUN, i * RUN + RUN) as [number, number, number, number, number, number];
		const str = layout.text.slice(s, e);
		if (!current) current = { text: str, x1: x + w, y, h };
		else {
			current.text += str;
			current.x1 = Math.max(current.x1, x + w);
			current.h = Math.max(current.h, h);
		}
		if (layout.text[e] === '\n' || i === r.length / RUN - 1) {
			if (current.text.trim()) lines.push(current);
			current = null;
		}
	}
	return lines;
}

const ENDS_SENTENCE = /[.:;!?…"”')\]]$/;

/**
 * A page's paragraphs, from where its lines sit: a new paragraph starts after a gap taller than a line and a
 * half, when the text jumps up (the next column), or after a short line that ends a sentence. pdf.js marks line
 * ends only, so this is the judgement a reader makes by eye, not a fact of the file.
 */
export function paragraphsOf(layout: PageLayout, page: number): Paragraph[] {
	const lines = linesOf(layout);
	const right = lines.reduce((m, l) => Math.max(m, l.x1), 0);
	const width = Math.max(1, layout.view[2] - layout.view[0]);
	const out: Paragraph[] = [];
	let group: Line[] = [];
	const close = () => {
		if (group.length === 0) return;
		const text = normalize(group.map((l) => l.text).join(' '));
		if (text) {
			const top = Math.max(...group.map((l) => l.y + l.h * 0.9));
			const bottom = Math.min(...group.map((l) => l.y - l.h * 0.2));
			out.push({ page, text, top, bottom });
		}
		group = [];
	};
	for (const line of lines) {
		const prev = group.at(-1);
		if (prev) {
			const lineHeight = Math.max(prev.h, line.h, 1);
			const gap = prev.y - line.y;
			const shortEnd = ENDS_SENTENCE.test(prev.text.trimEnd()) && prev.x1 < right - width * 0.1;
			if (gap > lineHeight * 1.7 || gap < -lineHeight || shortEnd) close();
		}
		group.push(line);
	}
	close();
	return out;
}
