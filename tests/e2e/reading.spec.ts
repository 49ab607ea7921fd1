import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { signInAs } from './fixtures';
import { apiAs, demoMeeting, ensureDocument, RESOLUTION_ITEM, type DocumentSummary } from './viewer-helpers';

/*
 * The document page as a delegate reads it: reading mode (the page alone, swipe and edge taps, following the
 * presenter), phones without sideways overflow, the zoom ladder (buttons, Ctrl+wheel, pinch, a sharp redraw), a
 * search hit from the archive opened with its words highlighted, and a page-not-found message that goes away.
 * tracemonkey.pdf (14 letter-size pages) is uploaded once under agenda item 3, as viewer.spec.ts does.
 */

const TABLET_LANDSCAPE = { width: 1024, height: 768 };
const TABLET_PORTRAIT = { width: 768, height: 1024 };
const PHONE = { width: 390, height: 844 };
const READING_SIZES = [TABLET_LANDSCAPE, TABLET_PORTRAIT, PHONE];

let meetingId: string;
let doc: DocumentSummary;

test.beforeAll(async ({ baseURL }) => {
	const secretary = await apiAs(baseURL!, 'secretary');
	const demo = await demoMeeting(secretary);
	meetingId = demo.id;
	const item = demo.agenda.find((i) => RESOLUTION_ITEM.test(i.title));
	expect(item, 'agenda item 3').toBeDefined();
	doc = await ensureDocument(secretary, baseURL!, demo.id, item!.id, 'tracemonkey.pdf');
	expect(doc.pages).toBe(14);
	// Nobody presents when these tests start: a presenter left over would move the pages under them.
	expect((await secretary.delete(`/api/v1/meetings/${meetingId}/presenter`)).status()).toBe(204);
	await secretary.dispose();
});

const docUrl = (page = 1) => `/meetings/${meetingId}/documents/${doc.id}#page=${page}`;

async function openDocument(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
}

/**
 * The share of the screen covered by rendered page canvases, measured from their boxes in the DOM: each canvas
 * clipped to the pages' scroll area (what is scrolled out of it is not seen) and to the screen.
 */
function pageCoverage(page: Page): Promise<number> {
	return page.evaluate(() => {
		const scroller = document.querySelector('.pdf-viewer .scroller')!.getBoundingClientRect();
		const left = Math.max(0, scroller.left);
		const top = Math.max(0, scroller.top);
		const right = Math.min(innerWidth, scroller.right);
		const bottom = Math.min(innerHeight, scroller.bottom);
		let area = 0;
		for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.pdfViewer .page canvas')) {
			if (canvas.width === 0) continue;
			const r = canvas.getBoundingClientRect();
			area += Math.max(0, Math.min(right, r.right) - Math.max(left, r.left)) * Math.max(0, Math.min(bottom, r.bottom) - Math.max(top, r.top));
		}
		return area / (innerWidth * innerHeight);
	});
}

async function zoomPercent(page: Page): Promise<number> {
	const text = (await page.locator('.zoom-level [aria-hidden="true"]').textContent()) ?? '';
	return Number(/(\d+)%/.exec(text)?.[1]);
}

async function swipe(cdp: CDPSession, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...from, id: 1 }] });
	for (let step = 1; step <= 5; step++) {
		const x = from.x + ((to.x - from.x) * step) / 5;
		const y = from.y + ((to.y - from.y) * step) / 5;
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y, id: 1 }] });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function pinch(cdp: CDPSession, cx: number, cy: number, from: number, to: number): Promise<void> {
	const fingers = (spread: number) => [
		{ x: cx - spread, y: cy, id: 0 },
		{ x: cx + spread, y: cy, id: 1 }
	];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(from) });
	for (let step = 1; step <= 12; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(from + ((to - from) * step) / 12) });
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

test.describe('reading mode', () => {
	test('the page fills at least 90 % of the screen on tablets and a phone; swipes and edge taps turn pages; leaving brings the tools back', async ({
		page,
		context,
		baseURL
	}) => {
		await signInAs(context, baseURL!, 'delegate4');
		const cdp = await context.newCDPSession(page);
		for (const size of READING_SIZES) {
			await test.step(`${size.width}×${size.height}`, async () => {
				await page.setViewportSize(size);
				await openDocument(page, docUrl(2));
				const tools = page.getByRole('toolbar', { name: 'Công cụ xem tài liệu' });
				await expect(tools).toBeVisible();
				await expect(page.getByRole('banner')).toBeVisible();
				// Normal reading: far from 90 % (this is what the reading mode is for).
				expect(await pageCoverage(page)).toBeLessThan(0.9);

				await page.getByRole('button', { name: 'Chế độ đọc' }).click();
				const bar = page.getByRole('toolbar', { name: 'Điều khiển chế độ đọc' });
				await expect(bar).toBeVisible();
				// The bar fades (and leaves the accessibility tree) while the reader reads; its page number is still there.
				const indicator = page.getByRole('toolbar', { name: 'Điều khiển chế độ đọc', includeHidden: true }).getByText(/^trang \d+ \/ 14$/);
				await expect(tools).toBeHidden();
				await expect(page.getByRole('banner')).toBeHidden();
				await expect(page.getByRole('toolbar', { name: 'Công cụ ghi chú' })).toBeHidden();
				await expect(page.getByRole('status', { name: 'Trạng thái đồng bộ ghi chú' })).toBeHidden();
				await expect(page.locator('.viewer-page')).toHaveAttribute('data-reading-mode', 'true');
				await expect.poll(() => pageCoverage(page), { message: 'page canvas share of the screen', timeout: 15_000 }).toBeGreaterThanOrEqual(0.9);
				await expect(indicator).toHaveText('trang 2 / 14');

				// The bar fades while the reader reads, and comes back with a tap in the middle.
				await expect(bar).toBeHidden({ timeout: 8_000 });
				await page.touchscreen.tap(size.width / 2, size.height / 2);
				await expect(bar).toBeVisible();

				// A swipe to the left turns to the next page, to the right back.
				const y = size.height / 2;
				await swipe(cdp, { x: size.width * 0.75, y }, { x: size.width * 0.25, y: y + 8 });
				await expect(indicator).toHaveText('trang 3 / 14');
				await swipe(cdp, { x: size.width * 0.25, y }, { x: size.width * 0.75, y });
				await expect(indicator).toHaveText('trang 2 / 14');
				// A tap on the right edge turns forward, on the left edge back.
				await page.touchscreen.tap(size.width - 12, y);
				await expect(indicator).toHaveText('trang 3 / 14');
				await page.touchscreen.tap(12, y);
				await expect(indicator).toHaveText('trang 2 / 14');
				await expect.poll(() => pageCoverage(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(0.9);

				// Leaving: the tools and the app header are back, and the zoom is what it was.
				if (!(await bar.isVisible())) await page.touchscreen.tap(size.width / 2, y);
				await bar.getByRole('button', { name: 'Thoát chế độ đọc' }).click();
				await expect(tools).toBeVisible();
				await expect(page.getByRole('banner')).toBeVisible();
				await expect(page.getByRole('toolbar', { name: 'Công cụ ghi chú' })).toBeVisible();
				await expect(bar).toHaveCount(0);
				await expect(page.locator('.viewer-page')).not.toHaveAttribute('data-reading-mode', 'true');
				await expect(page.locator('#page-indicator')).toHaveText('trang 2 / 14');
			});
		}

		// Esc leaves reading mode too (on a keyboard); ← and → turn pages.
		await page.getByRole('button', { name: 'Chế độ đọc' }).click();
		await expect(page.getByRole('toolbar', { name: 'Điều khiển chế độ đọc' })).toBeVisible();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('toolbar', { name: 'Điều khiển chế độ đọc', includeHidden: true }).getByText(/^trang \d+ \/ 14$/)).toHaveText('trang 3 / 14');
		await page.keyboard.press('Escape');
		await expect(page.getByRole('toolbar', { name: 'Công cụ xem tài liệu' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Chế độ đọc' })).toBeFocused();
	});

	test('a delegate following the presenter in reading mode is taken to each presented page', async ({ page, context, baseURL }) => {
		const chair = await apiAs(baseURL!, 'chair');
		try {
			await signInAs(context, baseURL!, 'delegate5');
			await openDocument(page, docUrl(1));
			await page.getByRole('button', { name: 'Chế độ đọc' }).click();
			const indicator = page.getByRole('toolbar', { name: 'Điều khiển chế độ đọc', includeHidden: true }).getByText(/^trang \d+ \/ 14$/);
			await expect(indicator).toHaveText('trang 1 / 14');
			for (const presented of [5, 9]) {
				const res = await chair.put(`/api/v1/meetings/${meetingId}/presenter`, { data: { documentId: doc.id, page: presented } });
				expect(res.status(), await res.text()).toBe(200);
				// Following is asked for once (the consent prompt shows inside the reading view), then it follows.
				if (presented === 5) {
					const prompt = page.getByRole('region', { name: 'Theo dõi trình chiếu' });
					await prompt.getByRole('button', { name: 'Theo dõi' }).click();
					await expect(prompt).toBeHidden();
				}
				await expect(indicator).toHaveText(`trang ${presented} / 14`, { timeout: 10_000 });
				await expect(page.locator('.viewer-page')).toHaveAttribute('data-reading-mode', 'true');
			}
			await expect.poll(() => pageCoverage(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(0.9);
		} finally {
			await chair.delete(`/api/v1/meetings/${meetingId}/presenter`);
			await chair.dispose();
		}
	});
});

test.describe('phones and small screens', () => {
	test('nothing overflows sideways from 320 to 1440 px; on a phone the zoom tools sit behind "More tools"', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate4');
		for (const width of [320, 390, 768, 1024, 1440]) {
			await test.step(`${width} px wide`, async () => {
				await page.setViewportSize({ width, height: width < 700 ? 844 : 900 });
				await openDocument(page, docUrl(1));
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
				expect(overflow, `overflow at ${width} px`).toBeLessThanOrEqual(0);
				// Every tool of the viewer is on the screen, or one tap away.
				const tools = page.getByRole('toolbar', { name: 'Công cụ xem tài liệu' });
				for (const name of ['Trang và mục lục', 'Trang trước', 'Trang sau', 'Tìm trong tài liệu', 'Chế độ đọc']) {
					await expect(tools.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
				}
				const more = tools.getByRole('button', { name: 'Thêm công cụ' });
				if (width < 640) {
					await expect(tools.getByRole('button', { name: 'Phóng to' })).toBeHidden();
					await more.click();
					await expect(more).toHaveAttribute('aria-expanded', 'true');
				} else {
					await expect(more).toBeHidden();
				}
				for (const name of ['Thu nhỏ', 'Phóng to', 'Vừa chiều rộng', 'Vừa trang']) {
					await expect(tools.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
				}
				if (width < 640) {
					const before = await zoomPercent(page);
					await tools.getByRole('button', { name: 'Phóng to' }).click();
					await expect.poll(() => zoomPercent(page)).toBeGreaterThan(before);
					await page.keyboard.press('Escape');
					await expect(tools.getByRole('button', { name: 'Phóng to' })).toBeHidden();
					await expect(more).toBeFocused();
				}
				expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
			});
		}
	});
});

test.describe('zoom', () => {
	test('buttons step along the 50–400 % ladder; Ctrl+wheel zooms in proportion, one rung at most per notch; a pinch stops at 400 %', async ({
		page,
		context,
		baseURL
	}) => {
		await signInAs(context, baseURL!, 'delegate4');
		await openDocument(page, docUrl(1));
		const stage = (await page.getByRole('region', { name: 'Trình xem tài liệu' }).boundingBox())!;
		const cx = stage.x + stage.width / 2;
		const cy = stage.y + stage.height / 2;

		// From a fitted zoom between rungs, a tap goes to the next rung, not past it.
		await page.getByRole('button', { name: 'Vừa chiều rộng' }).click();
		const fitted = await zoomPercent(page);
		await page.getByRole('button', { name: 'Phóng to' }).click();
		const ladder = [50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400];
		const nextRung = ladder.find((z) => z > fitted)!;
		await expect.poll(() => zoomPercent(page)).toBe(nextRung);
		await page.getByRole('button', { name: 'Thu nhỏ' }).click();
		await expect.poll(() => zoomPercent(page)).toBe(ladder[ladder.indexOf(nextRung) - 1]!);

		// Ctrl+wheel: one notch is about one rung, in and out alike, and the point under the cursor stays.
		await page.mouse.move(cx, cy);
		const start = await zoomPercent(page);
		await page.keyboard.down('Control');
		await page.mouse.wheel(0, -100);
		await expect.poll(() => zoomPercent(page)).toBeGreaterThan(start);
		const once = await zoomPercent(page);
		expect(once / start).toBeLessThanOrEqual(1.26);
		await page.mouse.wheel(0, -100);
		await expect.poll(() => zoomPercent(page)).toBeGreaterThan(once);
		const twice = await zoomPercent(page);
		// Proportional: the second notch multiplies by the same factor as the first (within 1 % rounding).
		expect(Math.abs(twice / once - once / start)).toBeLessThan(0.03);
		for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -100);
		await expect.poll(() => zoomPercent(page)).toBe(400);
		for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 100);
		await expect.poll(() => zoomPercent(page)).toBe(50);
		await page.keyboard.up('Control');

		// A wide pinch stops at 400 %, a tight one at 50 %.
		await page.getByRole('button', { name: 'Vừa chiều rộng' }).click();
		const cdp = await context.newCDPSession(page);
		await pinch(cdp, cx, cy, 20, Math.min(stage.width, stage.height) / 2 - 10);
		await pinch(cdp, cx, cy, 20, Math.min(stage.width, stage.height) / 2 - 10);
		await expect.poll(() => zoomPercent(page)).toBe(400);
		await page.getByRole('button', { name: 'Thu nhỏ' }).click();
		await expect.poll(() => zoomPercent(page)).toBe(300);
		await page.getByRole('button', { name: 'Phóng to' }).click();
		await page.getByRole('button', { name: 'Phóng to' }).click();
		await expect.poll(() => zoomPercent(page)).toBe(400);
		await expect(page.getByRole('button', { name: 'Phóng to' })).toBeEnabled();
		for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Thu nhỏ' }).click();
		await expect.poll(() => zoomPercent(page)).toBe(50);
	});
});

test.describe('sharp pages after zooming', () => {
	test.use({ deviceScaleFactor: 2 });

	test('after a zoom settles, the page is redrawn at its new size times the pixel ratio', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate4');
		await openDocument(page, docUrl(1));
		const backing = () =>
			page.evaluate(() => {
				const canvas = document.querySelector<HTMLCanvasElement>('.pdfViewer .page[data-page-number="1"] canvas');
				if (!canvas) return null;
				return { backing: canvas.width, css: canvas.getBoundingClientRect().width, dpr: devicePixelRatio };
			});
		// Within 1 %: pdf.js draws the page's whole viewport, its 1 px border takes 2 CSS px of the box; a page
		// only stretched by CSS after a zoom step is off by 10 % or more.
		const sharp = async () => {
			await expect
				.poll(
					async () => {
						const b = await backing();
						return b ? Math.abs(b.backing / (b.css * b.dpr) - 1) : Infinity;
					},
					{ message: 'canvas pixels = CSS width × devicePixelRatio', timeout: 10_000 }
				)
				.toBeLessThan(0.01);
		};
		// 100 % then one notch out with Ctrl+wheel: small enough that the whole page fits the canvas budget.
		for (let i = 0; i < 10 && (await zoomPercent(page)) !== 100; i++) {
			await page.getByRole('button', { name: (await zoomPercent(page)) > 100 ? 'Thu nhỏ' : 'Phóng to' }).click();
		}
		await expect.poll(() => zoomPercent(page)).toBe(100);
		await sharp();
		const stage = (await page.getByRole('region', { name: 'Trình xem tài liệu' }).boundingBox())!;
		await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 3);
		await page.keyboard.down('Control');
		await page.mouse.wheel(0, 100);
		await page.keyboard.up('Control');
		await expect.poll(() => zoomPercent(page)).toBeLessThan(100);
		expect((await backing())!.dpr).toBe(2);
		await sharp();
	});
});

test.describe('a search hit opened from the archive', () => {
	test('opens the page with the words found highlighted, and steps through the matches', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate1');
		await page.goto('/archive');
		await page.getByRole('searchbox', { name: 'Tìm trong biên bản và tài liệu' }).fill('hanh chinh');
		await page.getByRole('button', { name: 'Tìm kiếm' }).click();
		const hit = page.getByRole('link', { name: /Báo cáo tình hình kinh tế.*trang \d+/ }).first();
		await expect(hit).toBeVisible();
		const href = (await hit.getAttribute('href'))!;
		expect(href).toMatch(/\?q=hanh%20chinh#page=\d+$/);
		const hitPage = Number(/#page=(\d+)/.exec(href)![1]);
		await hit.click();
		await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });

		const findBar = page.getByRole('search', { name: 'Tìm trong tài liệu' });
		await expect(findBar).toBeVisible();
		await expect(findBar.getByRole('searchbox', { name: 'Từ cần tìm' })).toHaveValue('hanh chinh');
		// The first match is on the hit's page, highlighted and selected.
		const selected = page.locator(`.pdfViewer .page[data-page-number="${hitPage}"] .textLayer .highlight.selected`);
		await expect(selected).toBeVisible({ timeout: 15_000 });
		await expect(selected).toBeInViewport();
		await expect(selected).toHaveText(/hành chính/i);
		// Matches are counted through the whole document: the first one on the hit's page is the current one.
		const count = findBar.getByRole('status').first();
		await expect(count).toHaveText(/^\d+ \/ \d+ kết quả$/);
		const [current, total] = /^(\d+) \/ (\d+)/.exec((await count.textContent())!)!.slice(1).map(Number) as [number, number];
		expect(total).toBeGreaterThan(1);
		const after = (current % total) + 1;

		await findBar.getByRole('button', { name: 'Kết quả sau' }).click();
		await expect(count).toHaveText(`${after} / ${total} kết quả`);
		await expect(page.locator('.textLayer .highlight.selected')).toHaveCount(1);
		await expect(page.locator('.textLayer .highlight.selected')).toBeInViewport();
		await findBar.getByRole('button', { name: 'Kết quả trước' }).click();
		await expect(count).toHaveText(`${current} / ${total} kết quả`);
		await expect(selected).toBeInViewport();
	});
});

test.describe('going to a page that does not exist', () => {
	test('says so politely, and the message goes when the reader goes to a real page or after a moment', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate4');
		await openDocument(page, docUrl(1));
		const box = page.getByRole('textbox', { name: 'Đến trang' });
		const message = page.getByRole('status').filter({ hasText: 'Không có trang “999”.' });

		await box.fill('999');
		await box.press('Enter');
		await expect(message).toBeVisible();
		await expect(box).toHaveAttribute('aria-invalid', 'true');
		await box.fill('3');
		await box.press('Enter');
		await expect(message).toHaveCount(0);
		await expect(page.locator('#page-indicator')).toHaveText('trang 3 / 14');

		await box.fill('999');
		await box.press('Enter');
		await expect(message).toBeVisible();
		// Nobody touches anything: it still goes.
		await expect(message).toHaveCount(0, { timeout: 9_000 });
	});
});

test.describe('screenshots', () => {
	test('the document page, normal and in reading mode, in both languages', async ({ page, context, baseURL }, testInfo) => {
		test.slow();
		await signInAs(context, baseURL!, 'delegate4');
		for (const locale of ['vi', 'en'] as const) {
			if (locale === 'en') {
				await page.setViewportSize(TABLET_LANDSCAPE);
				await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'English' }).click();
				await expect(page.getByRole('button', { name: 'Reading mode' })).toBeVisible();
			}
			for (const size of READING_SIZES) {
				await page.setViewportSize(size);
				await openDocument(page, docUrl(1));
				const name = `${locale}-${size.width}x${size.height}`;
				await page.screenshot({ path: testInfo.outputPath(`document-${name}.png`) });
				await page.getByRole('button', { name: locale === 'vi' ? 'Chế độ đọc' : 'Reading mode' }).click();
				await expect.poll(() => pageCoverage(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(0.9);
				await page.screenshot({ path: testInfo.outputPath(`reading-${name}.png`) });
				await page.keyboard.press('Escape');
				await expect(page.getByRole('button', { name: locale === 'vi' ? 'Chế độ đọc' : 'Reading mode' })).toBeVisible();
			}
		}
	});
});
