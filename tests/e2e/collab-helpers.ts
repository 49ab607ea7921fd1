import fs from 'node:fs';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { signInAs } from './fixtures';
import { corpusFile, type DocumentSummary } from './viewer-helpers';

/** Uploads a fresh copy of a corpus PDF under its own name, so this run's layers start empty. */
export async function uploadCopy(api: APIRequestContext, baseURL: string, meetingId: string, itemId: string, source: string, name: string): Promise<DocumentSummary> {
	const res = await api.post(`/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		// A multipart POST is a form submission to SvelteKit's CSRF check: it must name our own origin.
		headers: { origin: new URL(baseURL).origin },
		multipart: { file: { name, mimeType: 'application/pdf', buffer: fs.readFileSync(corpusFile(source)) } }
	});
	expect(res.status(), await res.text()).toBe(201);
	return (await res.json()) as DocumentSummary;
}

/** A second tablet: a browser context like the project's (viewport, touch, language), signed in as `username`. */
export async function tabletAs(browser: Browser, testInfo: TestInfo, baseURL: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
	const { viewport, hasTouch, locale } = testInfo.project.use;
	const context = await browser.newContext({ baseURL, viewport, hasTouch, locale });
	await signInAs(context, baseURL, username);
	return { context, page: await context.newPage() };
}

/** Every WebSocket frame the page receives, as bytes (Yjs frames are binary; strings are kept as UTF-8). */
export function recordFrames(page: Page): Buffer[] {
	const frames: Buffer[] = [];
	page.on('websocket', (ws) => {
		ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload)));
	});
	return frames;
}

export const framesContain = (frames: Buffer[], text: string) => frames.some((f) => f.includes(Buffer.from(text, 'utf8')));

export const overlay = (page: Page, pageNumber: number): Locator => page.locator(`.quorum-page-overlay[data-page-overlay="${pageNumber}"]`);

/** The viewer is showing the document and both annotation rooms are in step with the server. */
export async function openSynced(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
	await expect(page.getByRole('status', { name: /Trạng thái đồng bộ ghi chú|Annotation sync status/ })).toHaveText(/Ghi chú đã đồng bộ|Annotations up to date/, { timeout: 15_000 });
}

/**
 * Drags the mouse across the part of a page that is on screen; points are fractions of that visible part (a page
 * at reading zoom is taller than the screen). One point is a tap.
 */
export async function dragOnPage(page: Page, pageNumber: number, path: [number, number][]): Promise<void> {
	const target = overlay(page, pageNumber);
	await target.scrollIntoViewIfNeeded();
	const box = (await target.boundingBox())!;
	const stage = (await page.locator('.pdf-viewer .scroller').boundingBox())!;
	const top = Math.max(box.y, stage.y) + 10;
	const bottom = Math.min(box.y + box.height, stage.y + stage.height) - 10;
	expect(bottom - top, `page ${pageNumber} is on screen`).toBeGreaterThan(100);
	const at = ([u, v]: [number, number]) => [box.x + u * box.width, top + v * (bottom - top)] as const;
	const [x0, y0] = at(path[0]!);
	await page.mouse.move(x0, y0);
	await page.mouse.down();
	for (const point of path.slice(1)) {
		const [x, y] = at(point);
		await page.mouse.move(x, y, { steps: 6 });
	}
	await page.mouse.up();
}

/** Selects the text of one line of a page's text layer with the mouse, as a reader would; returns that text. */
export async function selectTextOnPage(page: Page, pageNumber: number, minLength = 20): Promise<string> {
	const spans = page.locator(`.pdfViewer .page[data-page-number="${pageNumber}"] .textLayer span:not(:has(span))`);
	await expect(spans.first()).toBeAttached({ timeout: 20_000 });
	const count = await spans.count();
	for (let i = 0; i < count; i++) {
		const span = spans.nth(i);
		const text = ((await span.textContent()) ?? '').trim();
		if (text.length < minLength) continue;
		await span.scrollIntoViewIfNeeded();
		const box = await span.boundingBox();
		if (!box || box.width < 80) continue;
		const y = box.y + box.height / 2;
		await page.mouse.move(box.x + 1, y);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width - 1, y, { steps: 8 });
		await page.mouse.up();
		return text;
	}
	throw new Error(`no line of at least ${minLength} characters on page ${pageNumber}`);
}

/**
 * A stroke by a stylus or a finger, as the pointer events a tablet sends (Chromium cannot emulate a pen here):
 * from and to are fractions of the page's drawing surface, pressure rises along a pen stroke.
 */
export async function penStroke(surface: Locator, pointerType: 'pen' | 'touch', from: [number, number], to: [number, number]): Promise<void> {
	await surface.scrollIntoViewIfNeeded();
	const box = (await surface.boundingBox())!;
	const pointerId = pointerType === 'pen' ? 21 : 22;
	const steps = 12;
	const at = (t: number) => ({
		clientX: box.x + (from[0] + (to[0] - from[0]) * t) * box.width,
		clientY: box.y + (from[1] + (to[1] - from[1]) * t) * box.height
	});
	const common = { pointerId, pointerType, isPrimary: true, button: 0, buttons: 1 };
	await surface.dispatchEvent('pointerdown', { ...common, ...at(0), pressure: 0.1 });
	for (let i = 1; i <= steps; i++) await surface.dispatchEvent('pointermove', { ...common, ...at(i / steps), pressure: 0.1 + (0.8 * i) / steps });
	await surface.dispatchEvent('pointerup', { ...common, ...at(1), pressure: 0, buttons: 0 });
}
