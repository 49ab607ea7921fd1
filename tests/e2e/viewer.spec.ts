import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalScroll, signInAs, unique, useLanguage } from './fixtures';
import {
	apiAs,
	corpusFile,
	demoMeeting,
	dropFiles,
	ensureDocument,
	expectPageRendered,
	namedCopy,
	RESOLUTION_ITEM,
	type DocumentSummary
} from './viewer-helpers';

/*
 * The tablet PDF viewer and the documents on the meeting page. freeculture.pdf (352 pages, 2.6 MB) and
 * tracemonkey.pdf are uploaded once through the API as the secretariat; both viewport projects share them.
 */

const ALLOCATION_ITEM = /Phương án phân bổ vốn đầu tư công năm 2027/;
const OPENING_ITEM = /Khai mạc phiên họp/;

let meetingId: string;
let freeculture: DocumentSummary;
let tracemonkey: DocumentSummary;

test.beforeAll(async ({ baseURL }) => {
	const secretary = await apiAs(baseURL!, 'secretary');
	const demo = await demoMeeting(secretary);
	meetingId = demo.id;
	const item = demo.agenda.find((i) => RESOLUTION_ITEM.test(i.title));
	expect(item, 'agenda item 3').toBeDefined();
	freeculture = await ensureDocument(secretary, baseURL!, demo.id, item!.id, 'freeculture.pdf');
	tracemonkey = await ensureDocument(secretary, baseURL!, demo.id, item!.id, 'tracemonkey.pdf');
	expect(freeculture.pages).toBe(352);
	expect(tracemonkey.pages).toBe(14);
	await secretary.dispose();
});

const indicator = (page: Page) => page.locator('#page-indicator');

async function zoomPercent(page: Page): Promise<number> {
	const text = (await page.locator('.zoom-level [aria-hidden="true"]').textContent()) ?? '';
	return Number(/(\d+)%/.exec(text)?.[1]);
}

test.describe('a delegate reading on a tablet', () => {
	test('opens freeculture.pdf from the meeting page, jumps to page 300 and finds a word', async ({ page, context, baseURL }, testInfo) => {
		await signInAs(context, baseURL!, 'delegate1');
		const fileRequests: { range: string | null }[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith(`/api/v1/documents/${freeculture.id}/file`)) fileRequests.push({ range: r.headers()['range'] ?? null });
		});

		await page.goto(`/meetings/${meetingId}`);
		const item = page.getByRole('article', { name: RESOLUTION_ITEM });
		const listed = item.getByRole('list', { name: 'Tài liệu của mục 3' }).getByRole('listitem').filter({ hasText: 'Free Culture' });
		await expect(listed).toContainText('352 trang');
		await expect(listed).toContainText('phiên bản 1');
		await expect(listed).toContainText('2,6 MB');
		await listed.getByRole('link', { name: 'Free Culture' }).click();

		await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}/documents/${freeculture.id}$`));
		await expect(page.getByRole('heading', { level: 1, name: /Free Culture/ })).toBeVisible();
		// The agenda stays one tap away: its item is named, and the way back leads to it.
		await expect(page.getByText('Mục 3. Dự thảo Nghị quyết về cải cách hành chính công')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Quay lại cuộc họp', exact: true })).toHaveAttribute('href', /\/meetings\/\w+#agenda-\w+$/);
		await expect(page.getByRole('link', { name: 'Tải xuống', exact: true })).toHaveAttribute('href', `/api/v1/documents/${freeculture.id}/download`);

		await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
		await expect(page.getByRole('region', { name: 'Trang 1', exact: true })).toBeVisible();
		await expectPageRendered(page, 1);
		await expect(indicator(page)).toHaveText('trang 1 / 352');
		// Range requests, not the whole file first.
		expect(fileRequests.some((r) => r.range !== null), 'pdf.js asks for byte ranges').toBe(true);
		await expectNoHorizontalScroll(page);
		await page.screenshot({ path: testInfo.outputPath(`viewer-${testInfo.project.name}.png`) });

		const goTo = page.getByRole('textbox', { name: 'Đến trang' });
		await goTo.fill('300');
		await goTo.press('Enter');
		await expect(indicator(page)).toHaveText('trang 300 / 352');
		await expect(page.getByRole('region', { name: 'Trang 300', exact: true })).toBeInViewport();
		await expectPageRendered(page, 300);
		await expect(goTo).toHaveValue('300');
		await page.screenshot({ path: testInfo.outputPath(`viewer-page-300-${testInfo.project.name}.png`) });

		// A page that does not exist is refused with a message (announced politely), and nothing moves.
		await goTo.fill('999');
		await goTo.press('Enter');
		await expect(page.getByRole('status').filter({ hasText: 'Không có trang “999”.' })).toBeVisible();
		await expect(indicator(page)).toHaveText('trang 300 / 352');

		await page.getByRole('button', { name: 'Tìm trong tài liệu' }).click();
		const search = page.getByRole('search', { name: 'Tìm trong tài liệu' });
		await search.getByRole('searchbox', { name: 'Từ cần tìm' }).fill('Disney');
		const count = search.getByRole('status').first();
		await expect(count).toHaveText(/^\d+ \/ \d+ kết quả$/, { timeout: 30_000 });
		await expect(page.locator('.textLayer .highlight.selected')).toHaveCount(1);
		// Matches are counted page by page as the text comes in; the whole book has 82 (any case, any diacritics).
		await expect.poll(async () => Number(/\/ (\d+)/.exec((await count.textContent()) ?? '')?.[1]), { timeout: 30_000 }).toBe(82);
		const [current, total] = ((await count.textContent()) ?? '').match(/\d+/g)!.map(Number) as [number, number];
		await search.getByRole('button', { name: 'Kết quả sau' }).click();
		await expect(count).toHaveText(`${(current % total) + 1} / ${total} kết quả`);
		await search.getByRole('button', { name: 'Kết quả trước' }).click();
		await expect(count).toHaveText(`${current} / ${total} kết quả`);
		await page.screenshot({ path: testInfo.outputPath(`viewer-find-${testInfo.project.name}.png`) });

		await search.getByRole('searchbox', { name: 'Từ cần tìm' }).fill('zzqxwv');
		await expect(count).toHaveText('Không tìm thấy', { timeout: 30_000 });
		await search.getByRole('button', { name: 'Đóng tìm kiếm' }).click();
		await expect(search).toHaveCount(0);
		await expect(page.locator('.textLayer .highlight')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Tìm trong tài liệu' })).toBeFocused();

		await page.getByRole('link', { name: 'Quay lại cuộc họp' }).click();
		await expect(page.getByRole('article', { name: RESOLUTION_ITEM })).toBeVisible();
	});

	test('moves by thumbnails and by the table of contents, zooms with buttons, presets and a pinch', async ({ page, context, baseURL }, testInfo) => {
		await signInAs(context, baseURL!, 'delegate2');
		await page.goto(`/meetings/${meetingId}/documents/${freeculture.id}`);
		await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });

		const before = await zoomPercent(page);
		await page.getByRole('button', { name: 'Phóng to' }).click();
		await expect.poll(() => zoomPercent(page)).toBeGreaterThan(before);
		await expect(page.getByRole('button', { name: 'Vừa chiều rộng' })).toHaveAttribute('aria-pressed', 'false');
		await page.getByRole('button', { name: 'Thu nhỏ' }).click();
		await page.getByRole('button', { name: 'Thu nhỏ' }).click();
		await expect.poll(() => zoomPercent(page)).toBeLessThan(before);
		await page.getByRole('button', { name: 'Vừa trang' }).click();
		await expect(page.getByRole('button', { name: 'Vừa trang' })).toHaveAttribute('aria-pressed', 'true');
		// The whole first page fits on the screen.
		const pageBox = (await page.getByRole('region', { name: 'Trang 1', exact: true }).boundingBox())!;
		const stage = (await page.getByRole('region', { name: 'Trình xem tài liệu' }).boundingBox())!;
		expect(pageBox.height).toBeLessThanOrEqual(stage.height);
		await page.getByRole('button', { name: 'Vừa chiều rộng' }).click();
		await expect(page.getByRole('button', { name: 'Vừa chiều rộng' })).toHaveAttribute('aria-pressed', 'true');

		// Two fingers moving apart zoom in.
		const fitted = await zoomPercent(page);
		const cdp = await context.newCDPSession(page);
		const cx = stage.x + stage.width / 2;
		const cy = stage.y + stage.height / 2;
		const fingers = (spread: number) => [
			{ x: cx - spread, y: cy, id: 0 },
			{ x: cx + spread, y: cy, id: 1 }
		];
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) });
		for (let step = 1; step <= 12; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(40 + step * 12) });
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await expect.poll(() => zoomPercent(page)).toBeGreaterThan(fitted * 1.5);
		await page.getByRole('button', { name: 'Vừa chiều rộng' }).click();

		await page.getByRole('button', { name: 'Trang và mục lục' }).click();
		const panel = page.getByRole('complementary', { name: 'Điều hướng tài liệu' });
		await expect(panel.getByRole('button', { name: 'Trang 1', exact: true })).toHaveAttribute('aria-current', 'page');
		// Thumbnails are drawn lazily: the first ones are, the last ones are not.
		await expect.poll(() => panel.locator('canvas[data-rendered]').count()).toBeGreaterThan(0);
		expect(await panel.locator('[data-thumb="352"] canvas[data-rendered]').count()).toBe(0);
		await page.screenshot({ path: testInfo.outputPath(`viewer-thumbnails-${testInfo.project.name}.png`) });
		await panel.getByRole('button', { name: 'Trang 5', exact: true }).click();
		await expect(indicator(page)).toHaveText('trang 5 / 352');
		await expectPageRendered(page, 5);

		if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Trang và mục lục' }).click();
		await panel.getByRole('button', { name: 'Mục lục', exact: true }).click();
		await panel.getByRole('button', { name: 'PREFACE', exact: true }).click();
		await expect(indicator(page)).not.toHaveText('trang 5 / 352');
		await expect(indicator(page)).toHaveText(/^trang \d+ \/ 352$/);
	});

	test('an older version says a newer one exists and links to it', async ({ page, context, baseURL }) => {
		// A series of its own: tracemonkey under the opening item, then a second version of it.
		const secretary = await apiAs(baseURL!, 'secretary');
		const demo = await demoMeeting(secretary);
		const opening = demo.agenda.find((i) => OPENING_ITEM.test(i.title))!;
		const name = `${unique('phien-ban').replace(/\s/g, '-')}.pdf`;
		const origin = new URL(baseURL!).origin;
		const upload = (replaces?: string) =>
			secretary.post(`/api/v1/meetings/${demo.id}/agenda/${opening.id}/documents`, {
				headers: { origin },
				multipart: { ...(replaces ? { replaces } : {}), file: namedCopy('tracemonkey.pdf', name) }
			});
		const first = (await (await upload()).json()) as DocumentSummary;
		const second = (await (await upload(first.id)).json()) as DocumentSummary & { version: number };
		expect(second.version).toBe(2);
		await secretary.dispose();

		await signInAs(context, baseURL!, 'delegate3');
		await page.goto(`/meetings/${meetingId}/documents/${first.id}`);
		await expect(page.getByRole('note')).toContainText('Đã có phiên bản mới hơn (phiên bản 2).');
		await page.getByRole('link', { name: 'Mở phiên bản mới nhất' }).click();
		await expect(page).toHaveURL(new RegExp(`/documents/${second.id}$`));
		await expect(page.getByRole('heading', { level: 1 })).toContainText('phiên bản 2');
		await expect(page.getByRole('note')).toHaveCount(0);
		await expectPageRendered(page, 1);
	});

	test('every control is named in English too', async ({ page, context, baseURL }) => {
		await useLanguage(context, baseURL!, 'en');
		await signInAs(context, baseURL!, 'delegate4');
		await page.goto(`/meetings/${meetingId}/documents/${tracemonkey.id}`);
		await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
		for (const name of ['Back to the meeting', 'Download']) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
		for (const name of ['Pages and contents', 'Previous page', 'Next page', 'Zoom out', 'Zoom in', 'Fit to width', 'Fit to page', 'Find in document']) {
			await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
		}
		await expect(indicator(page)).toHaveText('page 1 / 14');
		await page.getByRole('textbox', { name: 'Go to page' }).fill('14');
		await page.getByRole('textbox', { name: 'Go to page' }).press('Enter');
		await expect(indicator(page)).toHaveText('page 14 / 14');
		await expect(page.getByRole('region', { name: 'Page 14', exact: true })).toBeVisible();
		await page.getByRole('button', { name: 'Find in document' }).click();
		await page.getByRole('searchbox', { name: 'Search for' }).fill('trace');
		await expect(page.getByRole('search').getByRole('status').first()).toHaveText(/^\d+ of \d+ matches$/, { timeout: 20_000 });
		for (const name of ['Previous match', 'Next match', 'Close search']) await expect(page.getByRole('button', { name })).toBeVisible();
	});
});

test.describe('the secretariat attaching documents', () => {
	test('uploads through the file chooser and by drag and drop, and sees each file listed', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'secretary');
		await page.goto(`/meetings/${meetingId}`);
		const item = page.getByRole('article', { name: ALLOCATION_ITEM });
		const zone = item.getByRole('group', { name: 'Tải tài liệu lên mục 4' });
		await expect(zone).toContainText('tối đa 50 MB');

		const picked = unique('Phuong an von').replace(/\s/g, '-');
		const chooser = page.waitForEvent('filechooser');
		await zone.getByRole('button', { name: 'Chọn tệp PDF' }).click();
		expect((await chooser).isMultiple()).toBe(true);
		await (await chooser).setFiles(namedCopy('tracemonkey.pdf', `${picked}.pdf`));
		// One progress bar per file while it goes; then the document is in the list.
		const documents = item.getByRole('list', { name: 'Tài liệu của mục 4' });
		// The document's own item (its earlier versions are items nested inside it).
		const entry = documents.getByRole('listitem').filter({ hasText: picked }).first();
		await expect(entry.getByRole('link', { name: picked })).toBeVisible({ timeout: 20_000 });
		await expect(entry).toContainText('14 trang');
		await expect(entry).toContainText('phiên bản 1');
		await expect(item.getByRole('progressbar')).toHaveCount(0);

		const dropped = [unique('Phu luc A').replace(/\s/g, '-'), unique('Phu luc B').replace(/\s/g, '-')];
		// Neither file has a usable Title of its own, so each is listed under its file name.
		await dropFiles(page, zone, [namedCopy('tracemonkey.pdf', `${dropped[0]}.pdf`), namedCopy('quang-ninh-hanh-chinh-cong.pdf', `${dropped[1]}.pdf`)]);
		for (const title of dropped) await expect(documents.getByRole('link', { name: title })).toBeVisible({ timeout: 20_000 });

		// A new version keeps the old one, which says a newer one exists.
		const newVersion = page.waitForEvent('filechooser');
		await entry.getByRole('button', { name: `Tải lên phiên bản mới của “${picked}”` }).click();
		await (await newVersion).setFiles(namedCopy('tracemonkey.pdf', `${picked}.pdf`));
		await expect(entry).toContainText('phiên bản 2', { timeout: 20_000 });
		await entry.getByText('Các phiên bản trước (1)').click();
		await expect(entry).toContainText('Đã có phiên bản mới hơn (phiên bản 2).');
		await expectNoHorizontalScroll(page);
	});

	test('is told why a file was refused, in Vietnamese and in English', async ({ page, context, baseURL }, testInfo) => {
		await signInAs(context, baseURL!, 'secretary');
		await page.goto(`/meetings/${meetingId}`);
		const item = page.getByRole('article', { name: ALLOCATION_ITEM });
		const choose = async (files: string[]) => {
			const chooser = page.waitForEvent('filechooser');
			await item.getByRole('button', { name: /Chọn tệp PDF|Choose PDF files/ }).click();
			await (await chooser).setFiles(files.map(corpusFile));
		};

		await choose(['not-a-pdf.pdf', 'issue3371.pdf']);
		const uploads = item.getByRole('list', { name: 'Tệp đang tải lên' });
		await expect(uploads.getByRole('listitem').filter({ hasText: 'not-a-pdf.pdf' }).getByRole('alert')).toHaveText(
			'Tệp này không phải là PDF. Chỉ có thể tải lên tài liệu PDF.',
			{ timeout: 20_000 }
		);
		await expect(uploads.getByRole('listitem').filter({ hasText: 'issue3371.pdf' }).getByRole('alert')).toContainText('mật khẩu', {
			timeout: 20_000
		});
		await page.screenshot({ path: testInfo.outputPath(`upload-errors-${testInfo.project.name}.png`), fullPage: true });
		await uploads.getByRole('button', { name: 'Ẩn thông báo về not-a-pdf.pdf' }).click();
		await expect(uploads.getByRole('listitem').filter({ hasText: 'not-a-pdf.pdf' })).toHaveCount(0);

		await page.getByRole('button', { name: 'English' }).click();
		await expect(item.getByRole('button', { name: 'Choose PDF files' })).toBeVisible();
		await choose(['not-a-pdf.pdf']);
		await expect(
			item.getByRole('list', { name: 'Files being uploaded' }).getByRole('listitem').filter({ hasText: 'not-a-pdf.pdf' }).getByRole('alert')
		).toHaveText('This file is not a PDF. Only PDF documents can be uploaded.', { timeout: 20_000 });
		await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	});

	test('a delegate sees the documents but no upload controls', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate5');
		await page.goto(`/meetings/${meetingId}`);
		await expect(page.getByRole('link', { name: 'Free Culture' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Chọn tệp PDF' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /Tải lên phiên bản mới/ })).toHaveCount(0);
	});
});
