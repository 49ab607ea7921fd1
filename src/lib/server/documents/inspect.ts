import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import { layoutFromRuns, type PageLayout, type RawPageRuns } from '../versions/layout';

/** What the server learns from a PDF before accepting it. */
export interface PdfFacts {
	pages: number;
	/** The document information dictionary's Title, raw; `documentTitle` decides whether to use it. */
	metadataTitle: string | null;
	/** Text of page 1..n, NFC; '' for a page whose text could not be extracted. */
	pageTexts: string[];
	/** Where each page's text runs sit (page 1..n), for carrying marks to a later version (versions/layout.ts). */
	layouts: PageLayout[];
	/** Pages whose text extraction failed (the document still opened and is accepted). */
	failedPages: number;
}

/**
 * pdf.js runs in a worker thread, one per file. In Node, pdf.js's own "worker" is a fake that runs on the
 * calling thread: on the main thread, extracting the text of a 352-page book stalled the event loop for up to
 * 100 ms at a time, which a live vote (p95 < 100 ms) cannot afford. A thread of its own also gets a heap limit
 * and can be killed at a deadline, so a hostile file costs one refused upload, not the server.
 *
 * The worker's code is plain JavaScript in a string, run with `eval: true`: it must survive both the SvelteKit
 * (Vite) server build and the test runner unchanged, and neither would ship a separate worker file beside the
 * route chunks. It only drives pdf.js; everything decided from its answer is typed, below.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
(async () => {
	const pdfjs = await import(workerData.pdfjsUrl);
	const data = new Uint8Array(await fs.promises.readFile(workerData.file));
	const task = pdfjs.getDocument({
		data,
		cMapUrl: workerData.cMapUrl,
		cMapPacked: true,
		standardFontDataUrl: workerData.standardFontDataUrl,
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		enableXfa: false,
		verbosity: pdfjs.VerbosityLevel.ERRORS
	});
	let doc;
	try {
		doc = await task.promise;
	} catch (e) {
		parentPort.postMessage({ kind: 'refused', name: (e && e.name) || 'Error', message: String((e && e.message) || e) });
		return;
	}
	let metadataTitle = null;
	try {
		const { info } = await doc.getMetadata();
		if (info && typeof info.Title === 'string') metadataTitle = info.Title;
	} catch {}
	const pageTexts = [];
	const layouts = [];
	let failedPages = 0;
	for (let n = 1; n <= doc.numPages; n++) {
		try {
			const page = await doc.getPage(n);
			const content = await page.getTextContent();
			let text = '';
			const strs = [];
			const nums = [];
			for (const item of content.items) {
				if (typeof item.str !== 'string') continue;
				text += item.str;
				if (item.hasEOL) text += '\n';
				const t = item.transform;
				strs.push(item.str);
				nums.push(t[4], t[5], item.width, item.height, item.hasEOL ? 1 : 0);
			}
			pageTexts.push(text);
			layouts.push({ view: Array.from(page.view), strs, nums });
			page.cleanup();
		} catch {
			failedPages++;
			pageTexts.push('');
			layouts.push({ view: [0, 0, 0, 0], strs: [], nums: [] });
		}
	}
	parentPort.postMessage({ kind: 'read', pages: doc.numPages, metadataTitle, pageTexts, layouts, failedPages });
	await task.destroy();
})().catch((e) => parentPort.postMessage({ kind: 'refused', name: 'Error', message: String((e && e.stack) || e) }));
`;

/** Where pdf.js, its CMaps (CJK and other CID-keyed fonts) and its standard font metrics are, in Node. */
function pdfjsPaths(): { pdfjsUrl: string; cMapUrl: string; standardFontDataUrl: string } {
	const require = createRequire(import.meta.url);
	const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
	return {
		pdfjsUrl: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.mjs')).href,
		cMapUrl: path.join(root, 'cmaps') + path.sep,
		standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep
	};
}

/**
 * One file at a time: parsing holds the whole file and pdf.js's structures in memory (about 5× the file for a
 * damaged one), and with two cores one is left for the meeting going on. Uploads are rare; they can queue.
 */
const MAX_CONCURRENT = 1;
/** A pathological file (or a decompression bomb) must not hold the upload queue forever. */
const INSPECT_DEADLINE_MS = 120_000;
/** The worker's JavaScript heap; the file's bytes themselves live outside it. */
const WORKER_HEAP_MB = 1024;

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
	return gate.run(() => inspectInWorker(file));
}

type WorkerAnswer =
	| { kind: 'read'; pages: number; metadataTitle: string | null; pageTexts: string[]; layouts: RawPageRuns[]; failedPages: number }
	| { kind: 'refused'; name: string; message: string };

function isWorkerAnswer(value: unknown): value is WorkerAnswer {
	if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
	const v = value as Record<string, unknown>;
	if (v.kind === 'refused') return typeof v.name === 'string' && typeof v.message === 'string';
	return (
		v.kind === 'read' &&
		typeof v.pages === 'number' &&
		typeof v.failedPages === 'number' &&
		(v.metadataTitle === null || typeof v.metadataTitle === 'string') &&
		Array.isArray(v.pageTexts) &&
		v.pageTexts.every((t) => typeof t === 'string') &&
		Array.isArray(v.layouts) &&
		v.layouts.length === v.pageTexts.length &&
		v.layouts.every(isRawRuns)
	);
}

function isRawRuns(value: unknown): value is RawPageRuns {
	if (typeof value !== 'object' || value === null) return false;
	const r = value as Record<string, unknown>;
	return (
		Array.isArray(r.view) &&
		r.view.length === 4 &&
		Array.isArray(r.strs) &&
		Array.isArray(r.nums) &&
		r.nums.length === r.strs.length * 5 &&
		r.strs.every((s) => typeof s === 'string') &&
		[...r.view, ...r.nums].every((n) => typeof n === 'number' && Number.isFinite(n))
	);
}

function inspectInWorker(file: string): Promise<PdfFacts> {
	return new Promise<PdfFacts>((resolve, reject) => {
		const worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: { file, ...pdfjsPaths() },
			resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
			stdout: false,
			stderr: false
		});
		let settled = false;
		const finish = (outcome: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			void worker.terminate();
			outcome();
		};
		const timer = setTimeout(
			() => finish(() => reject(new AppError('pdf_damaged', `pdf.js did not finish within ${INSPECT_DEADLINE_MS} ms`))),
			INSPECT_DEADLINE_MS
		);
		worker.on('message', (answer: unknown) =>
			finish(() => {
				if (!isWorkerAnswer(answer)) return reject(new Error('pdf.js worker sent an answer of the wrong shape'));
				if (answer.kind === 'refused') return reject(openFailure(answer.name, answer.message));
				if (answer.pages < 1) return reject(new AppError('pdf_damaged', 'the PDF has no pages'));
				resolve({
					pages: answer.pages,
					metadataTitle: answer.metadataTitle,
					pageTexts: answer.pageTexts.map(cleanText),
					layouts: answer.layouts.map((raw) => layoutFromRuns(raw, cleanText)),
					failedPages: answer.failedPages
				});
			})
		);
		// Out of memory (ERR_WORKER_OUT_OF_MEMORY) or a crash inside pdf.js: the file is what pdf.js cannot read.
		worker.on('error', (e) => finish(() => reject(new AppError('pdf_damaged', `pdf.js worker failed: ${e.message}`))));
		worker.on('exit', (code) => finish(() => reject(new AppError('pdf_damaged', `pdf.js worker exited (${code}) without an answer`))));
	});
}

function openFailure(name: string, message: string): AppError {
	if (name === 'PasswordException') return new AppError('pdf_encrypted', `the PDF needs a password (${message})`);
	return new AppError('pdf_damaged', `pdf.js could not open the file: ${name} ${message}`);
}

/** NFC so search sees one form of "ế"; no NUL, which PostgreSQL (the planned system of record) cannot store. */
export function cleanText(text: string): string {
	return text.normalize('NFC').replace(/\u0000/g, '');
}
