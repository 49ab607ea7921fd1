import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { signInAs, unique, useLanguage } from './fixtures';
import { dragOnPage, openSynced, overlay, selectTextOnPage, tabletAs, uploadCopy } from './collab-helpers';
import { apiAs, demoMeeting, RESOLUTION_ITEM, type DocumentSummary } from './viewer-helpers';

/*
 * Telling the layers apart (private marks look private, a legend, "My notes"), a note panel that fits the screen
 * and closes on save, and following the presenter only with the delegate's consent. Each viewport project uploads
 * its own copies of tracemonkey.pdf (14 pages), so the layers start empty.
 */

let meetingId: string;
let doc: DocumentSummary;
let otherDoc: DocumentSummary;
let secretary: APIRequestContext;

test.beforeAll(async ({ baseURL }, testInfo) => {
	secretary = await apiAs(baseURL!, 'secretary');
	const demo = await demoMeeting(secretary);
	meetingId = demo.id;
	const item = demo.agenda.find((i) => RESOLUTION_ITEM.test(i.title));
	expect(item, 'agenda item 3').toBeDefined();
	const run = `${testInfo.project.name}-${Date.now().toString(36)}`;
	doc = await uploadCopy(secretary, baseURL!, demo.id, item!.id, 'tracemonkey.pdf', `tracemonkey-layers-${run}.pdf`);
	otherDoc = await uploadCopy(secretary, baseURL!, demo.id, item!.id, 'tracemonkey.pdf', `tracemonkey-presented-${run}.pdf`);
	expect((await secretary.delete(`/api/v1/meetings/${meetingId}/presenter`)).status()).toBe(204);
});

test.afterAll(async () => {
	await secretary.delete(`/api/v1/meetings/${meetingId}/presenter`);
	await secretary.dispose();
});

const docUrl = (page = 1, id = doc.id) => `/meetings/${meetingId}/documents/${id}#page=${page}`;
const shot = (page: Page, name: string, project: string) => page.screenshot({ path: `test-results/layers/${name}-${project}.png` });

/** The rectangle of `locator` lies wholly inside the window. */
async function expectInViewport(page: Page, locator: Locator): Promise<void> {
	const box = (await locator.boundingBox())!;
	const { width, height } = page.viewportSize()!;
	expect(box.x, 'left edge').toBeGreaterThanOrEqual(0);
	expect(box.y, 'top edge').toBeGreaterThanOrEqual(0);
	expect(box.x + box.width, 'right edge').toBeLessThanOrEqual(width);
	expect(box.y + box.height, 'bottom edge').toBeLessThanOrEqual(height);
}

/** Nothing covers the middle of `locator` (another panel, the tool rows, a fullscreen element). */
async function expectOnTop(locator: Locator): Promise<void> {
	const onTop = await locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		if (hit !== null && (hit === el || el.contains(hit))) return 'on top';
		const pop = el.closest('[popover]');
		return `${hit?.outerHTML.slice(0, 120) ?? 'nothing'} / popover in ${pop?.parentElement?.className}, open ${pop?.matches(':popover-open')}, fullscreen ${document.fullscreenElement?.className}`;
	});
	expect(onTop, 'nothing covers it').toBe('on top');
}

async function writeNote(page: Page, pageNumber: number, at: [number, number], text: string, layer: 'Chung' | 'Riêng'): Promise<void> {
	const tools = page.getByRole('toolbar', { name: 'Công cụ ghi chú' });
	await tools.getByRole('radio', { name: layer }).check();
	await tools.getByRole('button', { name: 'Ghi chú dán' }).click();
	await dragOnPage(page, pageNumber, [at]);
	await page.getByRole('textbox', { name: 'Nội dung ghi chú' }).fill(text);
	await page.getByRole('button', { name: 'Lưu ghi chú' }).click();
}

test.describe.configure({ timeout: 180_000 });

/** Another language takes a fresh load of the page (a goto to the same address only moves to its hash). */
async function reopenIn(page: Page, url: string): Promise<void> {
	await page.goto('about:blank');
	await openSynced(page, url);
}

/** The viewer's own "go to page" box: pdf.js lays out the overlays of the pages near the one shown. */
async function goTo(page: Page, pageNumber: number, total = 14): Promise<void> {
	const box = page.getByRole('textbox', { name: /^(Đến trang|Go to page)$/ });
	await box.fill(String(pageNumber));
	await box.press('Enter');
	await expect(page.locator('#page-indicator')).toHaveText(new RegExp(`${pageNumber} / ${total}$`));
}

test('private marks look private, the legend says so, and their names name the layer', async ({ page, context, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate1');
	await openSynced(page, docUrl(1));
	const tools = page.getByRole('toolbar', { name: 'Công cụ ghi chú' });

	// The same rectangle, once on each layer.
	await tools.getByRole('button', { name: 'Hình chữ nhật' }).click();
	await tools.getByRole('radio', { name: 'Chung' }).check();
	await dragOnPage(page, 1, [
		[0.1, 0.1],
		[0.4, 0.3]
	]);
	await tools.getByRole('radio', { name: 'Riêng' }).check();
	await dragOnPage(page, 1, [
		[0.55, 0.1],
		[0.9, 0.3]
	]);
	const shared = overlay(page, 1).locator('.mark[data-layer="shared"][data-kind="rect"]');
	const priv = overlay(page, 1).locator('.mark[data-layer="private"][data-kind="rect"]');
	await expect(shared).toHaveCount(1);
	await expect(priv).toHaveCount(1);
	// Private: a dashed casing and a lock. Shared: neither.
	await expect(priv.locator('.lock-badge')).toHaveCount(1);
	expect(await priv.locator('.casing').getAttribute('stroke-dasharray')).toMatch(/^[\d.]+ [\d.]+$/);
	await expect(shared.locator('.lock-badge, .casing')).toHaveCount(0);

	// A highlight on each layer: the private one is paler and outlined.
	await tools.getByRole('button', { name: 'Tô sáng' }).click();
	await tools.getByRole('radio', { name: 'Chung' }).check();
	await selectTextOnPage(page, 1);
	await expect(overlay(page, 1).locator('.mark[data-layer="shared"][data-kind="highlight"]')).toHaveCount(1);
	await tools.getByRole('radio', { name: 'Riêng' }).check();
	await selectTextOnPage(page, 2);
	const privateHighlight = overlay(page, 2).locator('.mark[data-layer="private"][data-kind="highlight"]');
	await expect(privateHighlight.locator('.private-outline').first()).toBeAttached();
	await expect(privateHighlight.locator('.lock-badge')).toHaveCount(1);
	const opacity = (l: Locator) => l.locator('rect.highlight').first().evaluate((el) => Number(getComputedStyle(el).opacity));
	expect(await opacity(privateHighlight)).toBeLessThan(await opacity(overlay(page, 1).locator('.mark[data-layer="shared"][data-kind="highlight"]')));

	// Notes: the pin's accessible name says who can see it.
	const sharedText = unique('Ghi chú chung');
	const privateText = unique('Ghi chú riêng');
	await writeNote(page, 1, [0.3, 0.6], sharedText, 'Chung');
	await writeNote(page, 1, [0.7, 0.6], privateText, 'Riêng');
	await expect(overlay(page, 1).getByRole('button', { name: new RegExp(`\\(lớp chung, mọi người trong cuộc họp thấy\\): ${sharedText}`) })).toBeVisible();
	const privatePin = overlay(page, 1).getByRole('button', { name: new RegExp(`\\(lớp riêng, chỉ mình bạn thấy\\): ${privateText}`) });
	await expect(privatePin).toBeVisible();
	await expect(privatePin.locator('.pin-lock')).toBeVisible();
	await overlay(page, 1).evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await shot(page, 'marks-vi', testInfo.project.name);
	await privatePin.scrollIntoViewIfNeeded();
	await shot(page, 'notes-vi', testInfo.project.name);

	// The legend, from the layers menu of the tool row.
	await tools.getByRole('button', { name: 'Lớp và người ghi' }).click();
	const legend = page.getByRole('region', { name: 'Ai thấy ghi chú nào' });
	await expect(legend).toContainText('Chung – mọi người trong cuộc họp đều thấy');
	await expect(legend).toContainText('Riêng – chỉ mình bạn thấy');
	await expect(legend).toContainText('Viền nét đứt, có biểu tượng khóa');
	await expectInViewport(page, legend);
	await shot(page, 'legend-vi', testInfo.project.name);

	// In English.
	await useLanguage(context, baseURL!, 'en');
	await reopenIn(page, docUrl(1));
	await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Layers and authors' }).click();
	const legendEn = page.getByRole('region', { name: 'Who sees which marks' });
	await expect(legendEn).toContainText('Private – only you see it');
	await expect(overlay(page, 1).getByRole('button', { name: new RegExp(`\\(private layer, only you see it\\): ${privateText}`) })).toBeAttached();
	await shot(page, 'legend-en', testInfo.project.name);
});

test('"My notes" lists my marks of both layers by page and takes me to one', async ({ page, context, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate2');
	await openSynced(page, docUrl(3));
	const tools = page.getByRole('toolbar', { name: 'Công cụ ghi chú' });
	const noteText = unique('Hỏi lại số liệu bảng 2');
	await writeNote(page, 3, [0.6, 0.5], noteText, 'Riêng');
	await goTo(page, 2);
	await tools.getByRole('button', { name: 'Tô sáng' }).click();
	await tools.getByRole('radio', { name: 'Chung' }).check();
	const quoted = await selectTextOnPage(page, 2);
	await tools.getByRole('button', { name: 'Hình chữ nhật' }).click();
	await dragOnPage(page, 2, [
		[0.2, 0.2],
		[0.5, 0.4]
	]);
	await tools.getByRole('button', { name: 'Chọn' }).click();

	// One tap from the tool row.
	await tools.getByRole('button', { name: 'Ghi chú của tôi' }).click();
	const panel = page.getByRole('region', { name: 'Ghi chú của tôi' });
	await expect(panel).toBeVisible();
	await expect(panel.getByRole('heading')).toHaveText(['Ghi chú của tôi', 'Trang 2', 'Trang 3']);
	const items = panel.getByRole('button', { name: /Trang \d/ });
	await expect(items).toHaveCount(3);
	// Page 2 (top to bottom: whichever is higher on the page comes first), then page 3.
	await expect(items.filter({ hasText: 'Đoạn tô sáng' })).toContainText('Chung');
	await expect(items.filter({ hasText: 'Đoạn tô sáng' })).toContainText(quoted.slice(0, 20));
	await expect(items.filter({ hasText: 'Hình chữ nhật' })).toContainText('(hình vẽ)');
	await expect(items.nth(2)).toContainText('Ghi chú');
	await expect(items.nth(2)).toContainText('Riêng');
	await expect(items.nth(2)).toContainText(noteText);
	await expectInViewport(page, panel);
	await shot(page, 'my-notes-vi', testInfo.project.name);

	// The note: its page, and its thread open.
	await items.nth(2).click();
	await expect(page.locator('#page-indicator')).toHaveText('trang 3 / 14');
	const thread = page.getByRole('region', { name: /^Ghi chú/ }).filter({ hasText: noteText });
	await expect(thread).toBeVisible();
	await expect(panel).toHaveCount(0);
	await thread.getByRole('button', { name: 'Đóng' }).click();

	// A phone: the panel fits the screen's width and height.
	await page.setViewportSize({ width: 390, height: 844 });
	await tools.getByRole('button', { name: 'Ghi chú của tôi' }).click();
	await expect(panel).toBeVisible();
	await expectInViewport(page, panel);
	await expectInViewport(page, items.nth(2));
	await shot(page, 'my-notes-vi-phone', testInfo.project.name);

	// In English.
	await useLanguage(context, baseURL!, 'en');
	await page.setViewportSize(testInfo.project.use.viewport!);
	await reopenIn(page, docUrl(1));
	await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'My notes' }).click();
	const panelEn = page.getByRole('region', { name: 'My notes' });
	await expect(panelEn.getByRole('heading')).toHaveText(['My notes', 'Page 2', 'Page 3']);
	await expect(panelEn.getByRole('button', { name: /Private/ })).toContainText(noteText);
	await shot(page, 'my-notes-en', testInfo.project.name);
	await page.setViewportSize({ width: 390, height: 844 });
	await expectInViewport(page, panelEn);
	await shot(page, 'my-notes-en-phone', testInfo.project.name);
});

test('the note panel fits above the tools on every screen and closes once saved', async ({ page, context, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate4');
	const sizes = [testInfo.project.use.viewport!, { width: 390, height: 844 }];
	let text = '';
	for (const [i, size] of sizes.entries()) {
		await page.setViewportSize(size);
		await reopenIn(page, docUrl(4));
		text = unique('Đề nghị bổ sung phụ lục');
		await writeNote(page, 4, [0.5, 0.3 + i * 0.2], text, 'Chung');

		// Saved: the panel closes and the focus is on the new note's pin.
		await expect(page.getByRole('textbox', { name: 'Nội dung ghi chú' })).toHaveCount(0);
		await expect(page.locator('.note-panel')).toHaveCount(0);
		const pin = overlay(page, 4).getByRole('button', { name: new RegExp(text) });
		await expect(pin).toBeFocused();

		// Opened again: every control, "mark resolved" first, is on screen above the tool rows.
		await page.getByRole('toolbar', { name: 'Công cụ ghi chú' }).getByRole('button', { name: 'Chọn' }).click();
		await pin.click();
		const thread = page.getByRole('region', { name: /^Ghi chú/ }).filter({ hasText: text });
		const resolve = thread.getByRole('button', { name: 'Đánh dấu đã xử lý' });
		await expect(resolve).toBeVisible();
		await expectInViewport(page, resolve);
		await expectInViewport(page, thread);
		await expectOnTop(resolve);
		const tools = (await page.locator('.document-collab').boundingBox())!;
		const panel = (await thread.boundingBox())!;
		expect(panel.y + panel.height, 'the panel ends above the tool rows').toBeLessThanOrEqual(tools.y);
		if (size.width >= 768) expect(panel.width, 'docked at the side, narrow').toBeLessThanOrEqual(size.width * 0.4);
		await shot(page, `note-panel-vi-${size.width}x${size.height}`, testInfo.project.name);

		await resolve.click();
		await expect(thread).toContainText('Đã xử lý');
		// Escape closes it too, and the focus goes back to the pin.
		await page.keyboard.press('Escape');
		await expect(thread).toHaveCount(0);
		await expect(pin).toBeFocused();
	}

	// English, on the phone.
	await useLanguage(context, baseURL!, 'en');
	await reopenIn(page, docUrl(4));
	await overlay(page, 4).getByRole('button', { name: new RegExp(text) }).click();
	const threadEn = page.getByRole('region', { name: /^Note/ });
	await expect(threadEn.getByRole('button', { name: 'Reopen' })).toBeVisible();
	await expectInViewport(page, threadEn);
	await shot(page, 'note-panel-en-390x844', testInfo.project.name);
	await page.setViewportSize(testInfo.project.use.viewport!);
	await expectInViewport(page, threadEn);
	await shot(page, 'note-panel-en', testInfo.project.name);
});

test('the presenter is followed only with consent, and the meeting page says who presents', async ({ page: delegate, context, browser, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate5');
	const { context: chairContext, page: chair } = await tabletAs(browser, testInfo, baseURL!, 'chair');
	try {
		// The delegate reads one document; the chair presents page 5 of another.
		await openSynced(delegate, docUrl(2));
		await openSynced(chair, docUrl(5, otherDoc.id));
		await expect(chair.locator('#page-indicator')).toHaveText('trang 5 / 14');
		await chair.getByRole('button', { name: 'Trình chiếu trang này' }).click();

		const prompt = delegate.getByRole('region', { name: 'Theo dõi trình chiếu' });
		await expect(prompt).toContainText(`Trần Văn Minh đang trình chiếu “${otherDoc.title}”, trang 5 — Theo dõi?`);
		await expectInViewport(delegate, prompt);
		await expectOnTop(prompt.getByRole('button', { name: 'Theo dõi' }));
		await shot(delegate, 'follow-prompt-vi', testInfo.project.name);

		// Not now: the delegate stays, and is not asked again as the chair turns pages.
		await prompt.getByRole('button', { name: 'Để sau' }).click();
		await expect(prompt).toHaveCount(0);
		await expect(delegate).toHaveURL(new RegExp(`/documents/${doc.id}#page=2$`));
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 2 / 14');
		await chair.getByRole('button', { name: 'Trang sau' }).click();
		await expect(delegate.getByText('Trần Văn Minh đang trình chiếu tài liệu khác')).toBeVisible();
		await delegate.waitForTimeout(1_000);
		await expect(prompt).toHaveCount(0);
		await expect(delegate).toHaveURL(new RegExp(`/documents/${doc.id}#page=2$`));

		// The meeting page: the banner names the document and the page, and its button follows.
		await delegate.goto(`/meetings/${meetingId}`);
		const banner = delegate.getByRole('region', { name: 'Đang trình chiếu' });
		await expect(banner).toContainText(`Đang trình chiếu: ${otherDoc.title} — trang 6`);
		await expect(banner).toContainText('Người trình chiếu: Trần Văn Minh');
		await shot(delegate, 'presenting-banner-vi', testInfo.project.name);
		await banner.getByRole('link', { name: 'Theo dõi' }).click();
		await expect(delegate).toHaveURL(new RegExp(`/documents/${otherDoc.id}#page=6$`));
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 6 / 14', { timeout: 20_000 });
		const follow = delegate.getByRole('button', { name: 'Theo người trình chiếu' });
		await expect(follow).toHaveAttribute('aria-pressed', 'true');
		// Having said yes, the delegate follows page turns without being asked.
		await chair.getByRole('button', { name: 'Trang sau' }).click();
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 7 / 14');
		await expect(prompt).toHaveCount(0);

		// Another document presented: asked again, and "Follow" takes the delegate there.
		await openSynced(chair, docUrl(3));
		await chair.getByRole('button', { name: 'Trình chiếu trang này' }).click();
		await expect(prompt).toContainText(`“${doc.title}”, trang 3`);
		await expect(delegate).toHaveURL(new RegExp(`/documents/${otherDoc.id}`));
		await prompt.getByRole('button', { name: 'Theo dõi' }).click();
		await expect(delegate).toHaveURL(new RegExp(`/documents/${doc.id}#page=3$`));
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 3 / 14', { timeout: 20_000 });
		await expect(prompt).toHaveCount(0);

		// Fullscreen (the reading mode's Fullscreen API): the prompt shows over the fullscreen viewer.
		await delegate.getByRole('button', { name: 'Theo người trình chiếu' }).click();
		await expect(follow).toHaveAttribute('aria-pressed', 'false');
		await delegate.locator('.pdf-viewer').evaluate((el) => el.requestFullscreen());
		await expect.poll(() => delegate.evaluate(() => document.fullscreenElement !== null)).toBe(true);
		// Said "not now" by leaving: the "presenting now" chip stands in for the hidden presenter bar; a tap asks again.
		const chip = delegate.getByRole('button', { name: 'Đang trình chiếu · trang 3' });
		await expect(chip).toBeVisible();
		await expectOnTop(chip);
		await chip.click();
		await expect(prompt).toBeVisible();
		await expectOnTop(prompt.getByRole('button', { name: 'Theo dõi' }));
		await shot(delegate, 'follow-prompt-fullscreen-vi', testInfo.project.name);
		await delegate.evaluate(() => document.exitFullscreen());

		// English.
		await useLanguage(context, baseURL!, 'en');
		await openSynced(delegate, docUrl(1, otherDoc.id));
		const promptEn = delegate.getByRole('region', { name: 'Follow the presentation' });
		await expect(promptEn).toContainText(`Trần Văn Minh is presenting “${doc.title}”, page 3 — Follow?`);
		await expect(promptEn.getByRole('button', { name: 'Not now' })).toBeVisible();
		await shot(delegate, 'follow-prompt-en', testInfo.project.name);
		await delegate.goto(`/meetings/${meetingId}`);
		await expect(delegate.getByRole('region', { name: 'Presenting now' })).toContainText(`Presenting now: ${doc.title} — page 3`);
		await shot(delegate, 'presenting-banner-en', testInfo.project.name);

		// Stopped: the banner goes.
		await chair.getByRole('button', { name: 'Dừng trình chiếu' }).click();
		await expect(delegate.getByRole('region', { name: 'Presenting now' })).toHaveCount(0);
	} finally {
		await chairContext.close();
	}
});
