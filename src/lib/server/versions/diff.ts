import { round } from '../../collab/mark-geometry';
import { charBox, rectsOfRange, type PageLayout } from './layout';
import { VersionText } from './text-index';

/**
 * What changed from one version to the next. The whole document is compared at once, sentence by sentence, not
 * page n against page n: a paragraph inserted on page 2 pushes everything after it, and a page-by-page comparison
 * would call every later page changed. Each run of changed sentences (a paragraph inserted, reworded, deleted) is
 * told on the new version's page where it now is (deleted text: where it was). Text removed in one place and the
 * same text added in another is "moved".
 */
export interface PageChanges {
	page: number;
	added: string[];
	removed: string[];
	moved: string[];
}

/** A change bar: which stretch of which page of the new version, and what happened there. */
export interface ChangeBar {
	page: number;
	kind: 'added' | 'removed' | 'moved';
	/** PDF user space; a removed paragraph's bar is a thin mark where it was. */
	top: number;
	bottom: number;
	text: string;
}

export interface VersionChanges {
	pages: PageChanges[];
	bars: ChangeBar[];
	/** For each page of the previous version (index = page - 1), the page of the new one its text went to. */
	pageMap: number[];
}

/** Past this many differences the comparison stops refining and reports the rest as replaced. */
const MAX_EDITS = 4000;

type Op = { kind: 'same'; a: number; b: number } | { kind: 'removed'; a: number } | { kind: 'added'; b: number };

/** Myers' O(ND) difference between two sequences of interned paragraphs, after their common ends are trimmed. */
export function diffSequences(a: readonly number[], b: readonly number[]): Op[] {
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const ops: Op[] = [];
	for (let i = 0; i < head; i++) ops.push({ kind: 'same', a: i, b: i });
	ops.push(...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head));
	for (let i = tail; i > 0; i--) ops.push({ kind: 'same', a: a.length - i, b: b.length - i });
	return ops;
}

function middle(a: readonly number[], b: readonly number[], base: number): Op[] {
	const n = a.length;
	const m = b.length;
	const max = Math.min(n + m, MAX_EDITS);
	const offset = max + 1;
	const v = new Int32Array(2 * max + 3);
	const trace: Int32Array[] = [];
	let found = -1;
	for (let d = 0; d <= max && found < 0; d++) {
		trace.push(v.slice(offset - d - 1, offset + d + 2));
		for (let k = -d; k <= d; k += 2) {
			let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
			let y = x - k;
			while (x < n && y < m && a[x] === b[y]) x++, y++;
			v[offset + k] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
	}
	if (found < 0) {
		// Too different to align finely: everything in between was replaced.
		return [...a.map((_, i) => ({ kind: 'removed' as const, a: base + i })), ...b.map((_, j) => ({ kind: 'added' as const, b: base + j }))];
	}
	const ops: Op[] = [];
	let x = n;
	let y = m;
	for (let d = found; d > 0; d--) {
		const prev = trace[d]!; // v before step d, indexed from k = -d - 1
		const at = (k: number) => prev[k + d + 1]!;
		const k = x - y;
		const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
		const prevK = down ? k + 1 : k - 1;
		const prevX = at(prevK);
		const prevY = prevX - prevK;
		while (x > prevX && y > prevY) ops.push({ kind: 'same', a: base + --x, b: base + --y });
		if (down) ops.push({ kind: 'added', b: base + --y });
		else ops.push({ kind: 'removed', a: base + --x });
	}
	while (x > 0 && y > 0) ops.push({ kind: 'same', a: base + --x, b: base + --y });
	return ops.reverse();
}

/** One stretch of a page's normalized text, [start, end). */
interface Span {
	page: number;
	start: number;
	end: number;
}

/** A sentence of the document, wherever its pages break it. */
interface Sentence {
	text: string;
	spans: Span[];
}

const SENTENCE_END = /[.!?…;:]["”’')\]]*(?= )/g;
/** A page number alone at a page's top or bottom moves with the pagination: it is not text that changed. */
const PAGE_NUMBER_HEAD = /^(?:(?:trang|page) )?\d{1,4}(?: ?\/ ?\d{1,4})? /i;
const PAGE_NUMBER_TAIL = / (?:(?:trang|page) )?\d{1,4}(?: ?\/ ?\d{1,4})?$/i;

/**
 * The document as sentences, read across page breaks: typesetting moves line and page breaks, never sentence
 * ends, so comparing sentences finds what the secretariat changed rather than where the lines now break.
 */
function sentencesOf(version: VersionText): Sentence[] {
	const out: Sentence[] = [];
	let open: Sentence | null = null;
	const add = (page: number, start: number, end: number, text: string) => {
		const words = text.slice(start, end).trim();
		if (!words) return;
		if (open) {
			open.text += ' ' + words;
			open.spans.push({ page, start, end });
		} else open = { text: words, spans: [{ page, start, end }] };
	};
	for (let page = 1; page <= version.pages.length; page++) {
		const text = version.text(page);
		const head = PAGE_NUMBER_HEAD.exec(text)?.[0].length ?? 0;
		const tail = PAGE_NUMBER_TAIL.exec(text.slice(head))?.[0].length ?? 0;
		let from = head;
		const to = text.length - tail;
		for (const match of text.slice(0, to).matchAll(SENTENCE_END)) {
			const end = match.index + match[0].length;
			if (end <= from) continue;
			add(page, from, end, text);
			if (open) out.push(open);
			open = null;
			from = end + 1;
		}
		if (from < to) add(page, from, to, text);
	}
	if (open) out.push(open);
	return out;
}

/** The bars of a sentence of the new version: one per page it covers, from its letters' boxes. */
function barsOf(sentence: Sentence, next: readonly PageLayout[], version: VersionText, kind: ChangeBar['kind']): ChangeBar[] {
	return sentence.spans.flatMap(({ page, start, end }) => {
		const [s, e] = version.rawRange(page, start, end);
		const rects = rectsOfRange(next[page - 1]!, s, e);
		if (rects.length === 0) return [];
		return [{ page, kind, top: Math.max(...rects.map((r) => r.y + r.height)), bottom: Math.min(...rects.map((r) => r.y)), text: sentence.text }];
	});
}

/** Bars of consecutive sentences on one page become one bar. */
function mergeBars(bars: ChangeBar[]): ChangeBar[] {
	const out: ChangeBar[] = [];
	for (const bar of bars) {
		const last = out.at(-1);
		if (last && last.page === bar.page && last.kind === bar.kind && bar.kind !== 'removed') {
			last.top = Math.max(last.top, bar.top);
			last.bottom = Math.min(last.bottom, bar.bottom);
			last.text += ' ' + bar.text;
		} else out.push({ ...bar });
	}
	return out;
}

export function compareVersions(previous: readonly PageLayout[], next: readonly PageLayout[], texts?: { previous: VersionText; next: VersionText }): VersionChanges {
	const oldText = texts?.previous ?? new VersionText(previous);
	const newText = texts?.next ?? new VersionText(next);
	const a = sentencesOf(oldText);
	const b = sentencesOf(newText);
	const ids = new Map<string, number>();
	const intern = (s: Sentence) => {
		let id = ids.get(s.text);
		if (id === undefined) ids.set(s.text, (id = ids.size));
		return id;
	};
	const ops = diffSequences(a.map(intern), b.map(intern));

	// Runs of changed sentences: what was there (removed) and what is there now (added), by region.
	interface Region {
		removed: Sentence[];
		added: Sentence[];
		/** Where in the new version the region sits: just after this point. */
		at: { page: number; y: number };
	}
	const regions: Region[] = [];
	const votes: Map<number, number>[] = previous.map(() => new Map());
	let at = { page: 1, y: next[0] ? next[0].view[3] - 36 : 0 };
	let region: Region | null = null;
	for (const op of ops) {
		if (op.kind === 'same') {
			region = null;
			const pa = a[op.a]!.spans[0]!.page;
			const last = b[op.b]!.spans.at(-1)!;
			const v = votes[pa - 1]!;
			v.set(b[op.b]!.spans[0]!.page, (v.get(b[op.b]!.spans[0]!.page) ?? 0) + 1);
			const [, e] = newText.rawRange(last.page, last.start, last.end);
			const box = charBox(next[last.page - 1]!, Math.max(0, e - 1));
			at = { page: last.page, y: box ? box.y : at.y };
			continue;
		}
		if (!region) regions.push((region = { removed: [], added: [], at }));
		if (op.kind === 'removed') region.removed.push(a[op.a]!);
		else region.added.push(b[op.b]!);
	}

	const joined = (list: Sentence[]) => list.map((s) => s.text).join(' ');
	const removedTexts = new Set(regions.filter((r) => r.removed.length > 0).map((r) => joined(r.removed)));
	const addedTexts = new Set(regions.filter((r) => r.added.length > 0).map((r) => joined(r.added)));

	const pages = new Map<number, PageChanges>();
	const entry = (page: number) => {
		let e = pages.get(page);
		if (!e) pages.set(page, (e = { page, added: [], removed: [], moved: [] }));
		return e;
	};
	const bars: ChangeBar[] = [];
	for (const r of regions) {
		if (r.added.length > 0) {
			const kind = removedTexts.has(joined(r.added)) ? 'moved' : 'added';
			// Told on each page the new text starts on, one entry per page.
			let current: { page: number; texts: string[] } | null = null;
			for (const s of r.added) {
				const page = s.spans[0]!.page;
				if (!current || current.page !== page) {
					if (current) entry(current.page)[kind].push(current.texts.join(' '));
					current = { page, texts: [] };
				}
				current.texts.push(s.text);
				bars.push(...barsOf(s, next, newText, kind));
			}
			if (current) entry(current.page)[kind].push(current.texts.join(' '));
		}
		if (r.removed.length > 0 && !addedTexts.has(joined(r.removed))) {
			const page = r.added[0]?.spans[0]?.page ?? r.at.page;
			entry(page).removed.push(joined(r.removed));
			if (r.added.length === 0) bars.push({ page, kind: 'removed', top: r.at.y + 2, bottom: r.at.y - 4, text: joined(r.removed) });
		}
	}
	return {
		pages: [...pages.values()].sort((x, y) => x.page - y.page),
		bars: mergeBars(bars).map((bar) => ({ ...bar, top: round(bar.top), bottom: round(bar.bottom) })),
		pageMap: mapPages(votes, next.length)
	};
}

/** Each old page goes where most of its unchanged paragraphs went; a page with none follows its neighbours. */
function mapPages(votes: Map<number, number>[], newPages: number): number[] {
	const map = votes.map((v) => {
		let best = 0;
		let count = 0;
		for (const [page, n] of v) if (n > count) (best = page), (count = n);
		return best;
	});
	let last = 0;
	let lastIndex = -1;
	for (let i = 0; i < map.length; i++) {
		if (map[i]! > 0) (last = map[i]!), (lastIndex = i);
		else map[i] = Math.max(1, Math.min(newPages, lastIndex < 0 ? i + 1 : last + (i - lastIndex)));
	}
	return map;
}
