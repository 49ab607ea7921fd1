import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, inspectPdf } from '$lib/server/documents/inspect';
import { isAppError } from '$lib/server/errors';
import { PDF_DIR } from '../fixtures/pdfs';

// pdf.js in its worker thread, on the corpus: what it reads, what it refuses, and that refusals are typed.
const CORPUS = PDF_DIR;
const file = (name: string) => path.join(CORPUS, name);

async function refusal(name: string): Promise<string> {
	try {
		await inspectPdf(file(name));
	} catch (e) {
		return isAppError(e) ? e.code : String(e);
	}
	return 'accepted';
}

describe('inspectPdf', () => {
	it('reads page count, metadata title and the text of each page', async () => {
		const facts = await inspectPdf(file('alphatrans.pdf'));
		expect(facts).toMatchObject({ pages: 1, metadataTitle: 'Alpha Transparency Test', failedPages: 0 });
		expect(facts.pageTexts[0]).toContain('Red: stroke=1, fill=1.\n');
	});

	it('keeps Vietnamese text composed', async () => {
		const facts = await inspectPdf(file('quang-ninh-hanh-chinh-cong.pdf'));
		expect(facts.pages).toBe(5);
		expect(facts.pageTexts.join('\n')).toContain('Lan tỏa');
	});

	it('refuses a password with pdf_encrypted and anything unreadable with pdf_damaged', async () => {
		expect(await refusal('issue3371.pdf')).toBe('pdf_encrypted');
		expect(await refusal('truncated.pdf')).toBe('pdf_damaged');
		expect(await refusal('not-a-pdf.pdf')).toBe('pdf_damaged');
		expect(await refusal('no-such-file.pdf')).toBe('pdf_damaged');
	});

	it('takes files one at a time and still answers each', async () => {
		const results = await Promise.all(['tracemonkey.pdf', 'alphatrans.pdf', 'GHOSTSCRIPT-698804-1-fuzzed.pdf'].map((f) => inspectPdf(file(f))));
		expect(results.map((r) => r.pages)).toEqual([14, 1, 1]);
	});
});

describe('cleanText', () => {
	it('composes decomposed diacritics and drops NUL', () => {
		expect(cleanText('ha\u0300nh chi\u0301nh\u0000')).toBe('hành chính');
	});
});
