import type { Inline, MinutesBlock } from '$lib/minutes/blocks';

/** The mark the template leaves where the writers still have to write ("Tóm tắt thảo luận: …"). */
const FILL_IN = '…';

export interface UnfilledLine {
	text: string;
	/** The heading the line stands under (the agenda item of a "Tóm tắt thảo luận: …"), if any. */
	under: string | null;
}

const textOf = (content: readonly Inline[]) =>
	content
		.map((i) => i.text)
		.join('')
		.trim();

/**
 * The paragraphs and list lines that still end with the template's "…": places nobody has filled in yet, each with
 * the heading it stands under (the template writes the same "Tóm tắt thảo luận: …" under every agenda item). Shown
 * to the writer who submits, so the chair is not handed minutes that say "Cuộc họp kết thúc lúc …". An ellipsis
 * inside a sentence ("v.v… đã thống nhất") is writing, not a blank, and is not counted.
 */
export function unfilledLines(blocks: readonly MinutesBlock[]): UnfilledLine[] {
	const found: UnfilledLine[] = [];
	let under: string | null = null;
	const visit = (block: MinutesBlock) => {
		switch (block.type) {
			case 'heading': {
				const text = textOf(block.content);
				if (text.endsWith(FILL_IN)) found.push({ text, under });
				under = text || under;
				return;
			}
			case 'paragraph': {
				const text = textOf(block.content);
				if (text.endsWith(FILL_IN)) found.push({ text, under });
				return;
			}
			case 'list':
				for (const item of block.items) item.forEach(visit);
				return;
			case 'quote':
				block.blocks.forEach(visit);
				return;
			default:
				return;
		}
	};
	blocks.forEach(visit);
	return found;
}
