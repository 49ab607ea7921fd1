import fs from 'node:fs';
import path from 'node:path';
import { expect, request, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { PASSWORD } from './fixtures';
import { PDF_DIR } from '../fixtures/pdfs';

export const corpusFile = (name: string) => path.join(PDF_DIR, name);

export const DEMO_TITLE = /Phiên họp thường kỳ tháng 12 năm 2026/;
/** The demo agenda item the documents go under (item 3, the draft resolution). */
export const RESOLUTION_ITEM = /Dự thảo Nghị quyết về cải cách hành chính công/;

export interface DocumentSummary {
	id: string;
	title: string;
	filename: string;
	pages: number;
	latestVersionId: string;
	agendaItemId: string;
}

interface AgendaItem {
	id: string;
	title: string;
}

export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
	const api = await request.newContext({ baseURL });
	const res = await api.post('/api/v1/session', { data: { username, password: PASSWORD } });
	expect(res.status(), `sign in as ${username}`).toBe(200);
	return api;
}

export async function demoMeeting(api: APIRequestContext): Promise<{ id: string; agenda: AgendaItem[] }> {
	const { meetings } = (await (await api.get('/api/v1/meetings')).json()) as { meetings: { id: string; title: string }[] };
	const demo = meetings.find((m) => DEMO_TITLE.test(m.title));
	expect(demo, 'the demo meeting').toBeDefined();
	const meeting = (await (await api.get(`/api/v1/meetings/${demo!.id}`)).json()) as { agenda: AgendaItem[] };
	return { id: demo!.id, agenda: meeting.agenda };
}

/**
 * The newest version of `filename` under `itemId`, uploaded through the API if it is not there yet (both viewport
 * projects share one server, so the second run finds what the first uploaded).
 */
export async function ensureDocument(api: APIRequestContext, baseURL: string, meetingId: string, itemId: string, filename: string): Promise<DocumentSummary> {
	const listed = (await (await api.get(`/api/v1/meetings/${meetingId}/documents`)).json()) as { documents: DocumentSummary[] };
	const existing = listed.documents.find((d) => d.filename === filename && d.agendaItemId === itemId && d.id === d.latestVersionId);
	if (existing) return existing;
	const res = await api.post(`/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		// A multipart POST is a form submission to SvelteKit's CSRF check: it must name our own origin.
		headers: { origin: new URL(baseURL).origin },
		multipart: { file: { name: filename, mimeType: 'application/pdf', buffer: fs.readFileSync(corpusFile(filename)) } }
	});
	expect(res.status(), await res.text()).toBe(201);
	return (await res.json()) as DocumentSummary;
}

/**
 * Whether page `pageNumber` is drawn: its canvas exists and carries ink (some dark pixels), which a blank or
 * cancelled render does not.
 */
export function pageHasInk(page: Page, pageNumber: number): Promise<boolean> {
	return page.evaluate((n) => {
		const canvas = document.querySelector<HTMLCanvasElement>(`.pdfViewer .page[data-page-number="${n}"] canvas`);
		if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
		const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
		let dark = 0;
		for (let i = 0; i < data.length; i += 16) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) dark++;
		return dark > 50;
	}, pageNumber);
}

export async function expectPageRendered(page: Page, pageNumber: number): Promise<void> {
	await expect.poll(() => pageHasInk(page, pageNumber), { message: `page ${pageNumber} is drawn`, timeout: 20_000 }).toBe(true);
}

/** A file for the browser's file chooser, under a name no other run uses (the title comes from the name). */
export function namedCopy(source: string, name: string): { name: string; mimeType: string; buffer: Buffer } {
	return { name, mimeType: 'application/pdf', buffer: fs.readFileSync(corpusFile(source)) };
}

/** Drops files on an element as a person dragging them from the desktop would. */
export async function dropFiles(page: Page, target: Locator, files: { name: string; buffer: Buffer }[]): Promise<void> {
	const payload = files.map((f) => ({ name: f.name, bytes: [...f.buffer] }));
	const dataTransfer = await page.evaluateHandle((list) => {
		const dt = new DataTransfer();
		for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'application/pdf' }));
		return dt;
	}, payload);
	for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}
