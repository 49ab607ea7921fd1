import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../errors';

/** What the server learns from a PDF before accepting it. */
export interface PdfFacts {
	pages: number;
	/** The document information dictionary's Title, raw; `documentTitle` decides whether to use it. */
	metadataTitle: string | null;
	/** Text of page 1..n, NFC; '' for a page whose text could not be extracted. */
	pageTexts: string[];
	/** Pages whose text extraction failed (the document still opened and is accepted). */
	failedPages: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

// pdf.js is large and only uploads need it: load it on the first upload, not at server start.
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** Where pdf.js finds its CMaps (CJK and other CID-keyed fonts) and standard font metrics in Node. */
function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string } {
	const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
	return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
}

/**
 * pdf.js in Node runs its "worker" on the main thread. Parsing yields between pages (a few ms to ~40 ms each on
 * the corpus), but several big files at once would stack up CPU and hold every file in memory together; two at
 * a time keeps one core for everything else on the 2-core box.
 */
const MAX_CONCURRENT = 2;
/** A pathological file (or a decompression bomb) must not hold an upload slot forever. */
const INSPECT_DEADLINE_MS = 120_000;

class Gate {
	private active = 0;
	private readonly waiting: (() => void)[] = [];
	constructor(private readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.active++;
		try {
			return await task();
		} finally {
			this.active--;
			this.waiting.shift()?.();
		}
	}
}
const gate = new Gate(MAX_CONCURRENT);

/**
 * Opens the file with pdf.js (legacy build) and extracts page count, title and the text of every page.
 * Refusals: a password → `pdf_encrypted`; anything pdf.js cannot open → `pdf_damaged`. A document that opens
 * is accepted even if some page's text cannot be extracted: readers see what pdf.js can render.
 */
export function inspectPdf(file: string): Promise<PdfFacts> {
	return gate.run(() => inspectNow(file));
}

async function inspectNow(file: string): Promise<PdfFacts> {
	const { getDocument, VerbosityLevel } = await loadPdfJs();
	const data = new Uint8Array(await fs.promises.readFile(file));
	const task = getDocument({
		data,
		...pdfjsAssets(),
		// No code generated from file content, no fonts installed, no console noise for every damaged file.
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		enableXfa: false,
		verbosity: VerbosityLevel.ERRORS
	});
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new AppError('pdf_damaged', `pdf.js did not finish within ${INSPECT_DEADLINE_MS} ms`)), INSPECT_DEADLINE_MS);
	});
	try {
		return await Promise.race([extract(task), deadline]);
	} finally {
		clearTimeout(timer);
		await task.destroy().catch(() => {});
	}
}

type LoadingTask = ReturnType<PdfJs['getDocument']>;

async function extract(task: LoadingTask): Promise<PdfFacts> {
	let doc: Awaited<LoadingTask['promise']>;
	try {
		doc = await task.promise;
	} catch (e) {
		throw openFailure(e);
	}
	if (doc.numPages < 1) throw new AppError('pdf_damaged', 'the PDF has no pages');
	const metadataTitle = await doc
		.getMetadata()
		.then(({ info }) => titleOf(info))
		.catch(() => null);
	const pageTexts: string[] = [];
	let failedPages = 0;
	for (let n = 1; n <= doc.numPages; n++) {
		try {
			const page = await doc.getPage(n);
			const content = await page.getTextContent();
			pageTexts.push(joinText(content.items));
			page.cleanup();
		} catch {
			failedPages++;
			pageTexts.push('');
		}
	}
	return { pages: doc.numPages, metadataTitle, pageTexts, failedPages };
}

function openFailure(e: unknown): AppError {
	const name = e instanceof Error ? e.name : '';
	const message = e instanceof Error ? e.message : String(e);
	if (name === 'PasswordException') return new AppError('pdf_encrypted', `the PDF needs a password (${message})`);
	return new AppError('pdf_damaged', `pdf.js could not open the file: ${name} ${message}`);
}

function titleOf(info: unknown): string | null {
	if (typeof info !== 'object' || info === null || !('Title' in info)) return null;
	const title = (info as { Title: unknown }).Title;
	return typeof title === 'string' ? title : null;
}

/** Text items in reading order; pdf.js marks line ends with `hasEOL`. NFC so search sees one form of "ế". */
export function joinText(items: readonly object[]): string {
	let text = '';
	for (const item of items) {
		if (!('str' in item) || typeof item.str !== 'string') continue;
		text += item.str;
		if ('hasEOL' in item && item.hasEOL) text += '\n';
	}
	// NUL cannot be stored as text in PostgreSQL, the planned system of record.
	return text.normalize('NFC').replace(/\u0000/g, '');
}
