import { expect, test, type APIRequestContext } from '@playwright/test';
import { signInAs, unique } from './fixtures';
import { dragOnPage, framesContain, openSynced, overlay, penStroke, recordFrames, selectTextOnPage, tabletAs, uploadCopy } from './collab-helpers';
import { apiAs, demoMeeting, RESOLUTION_ITEM, type DocumentSummary } from './viewer-helpers';

/*
 * Annotating together and presenter mode, on two (or three) tablets at once. Each viewport project uploads its
 * own copy of tracemonkey.pdf (14 pages) as the secretariat, so its layers start empty.
 */

let meetingId: string;
let doc: DocumentSummary;
/** A second document, for presenting something else than what the delegate reads. */
let otherDoc: DocumentSummary;
let secretary: APIRequestContext;

test.beforeAll(async ({ baseURL }, testInfo) => {
	secretary = await apiAs(baseURL!, 'secretary');
	const demo = await demoMeeting(secretary);
	meetingId = demo.id;
	const item = demo.agenda.find((i) => RESOLUTION_ITEM.test(i.title));
	expect(item, 'agenda item 3').toBeDefined();
	doc = await uploadCopy(secretary, baseURL!, demo.id, item!.id, 'tracemonkey.pdf', `tracemonkey-collab-${testInfo.project.name}-${Date.now().toString(36)}.pdf`);
	expect(doc.pages).toBe(14);
	otherDoc = await uploadCopy(secretary, baseURL!, demo.id, item!.id, 'tracemonkey.pdf', `tracemonkey-present-${testInfo.project.name}-${Date.now().toString(36)}.pdf`);
	// Nobody presents when a test starts: a presenter left over would send every viewer elsewhere.
	expect((await secretary.delete(`/api/v1/meetings/${meetingId}/presenter`)).status()).toBe(204);
});

test.afterAll(async () => {
	await secretary.delete(`/api/v1/meetings/${meetingId}/presenter`);
	await secretary.dispose();
});

const docUrl = (page = 1) => `/meetings/${meetingId}/documents/${doc.id}#page=${page}`;

test('a highlight and a stroke reach the other delegate within a second; a private note never does', async ({ page: a, context, browser, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate1');
	const { context: contextB, page: b } = await tabletAs(browser, testInfo, baseURL!, 'delegate2');
	const framesB = recordFrames(b);
	try {
		await openSynced(a, docUrl(2));
		await openSynced(b, docUrl(2));
		await expect(overlay(b, 2)).toBeAttached();

		// Presence: each sees the other on page 2.
		await expect(b.getByRole('region', { name: 'Người đang xem tài liệu này' })).toContainText('Lê Thị Hồng (tr. 2)');
		await expect(a.getByRole('region', { name: 'Người đang xem tài liệu này' })).toContainText('Phạm Quốc Bảo (tr. 2)');

		const tools = a.getByRole('toolbar', { name: 'Công cụ ghi chú' });
		await expect(tools.getByRole('radio', { name: 'Chung' })).toBeChecked();

		// A highlights a line of text on page 2 in green.
		await tools.getByRole('button', { name: /^Màu/ }).click();
		await tools.getByRole('button', { name: 'Xanh lá' }).click();
		await tools.getByRole('button', { name: 'Tô sáng' }).click();
		await expect(tools.getByRole('button', { name: 'Tô sáng' })).toHaveAttribute('aria-pressed', 'true');
		const line = await selectTextOnPage(a, 2);
		await expect(overlay(a, 2).locator('[data-kind="highlight"]')).toHaveCount(1);
		await expect(overlay(a, 2).locator('[data-kind="highlight"] rect').first()).toHaveAttribute('fill', '#7bd389');

		// ...and draws a stroke across page 2 with the pen tool.
		await tools.getByRole('button', { name: 'Bút vẽ' }).click();
		await dragOnPage(a, 2, [
			[0.2, 0.6],
			[0.35, 0.65],
			[0.5, 0.6],
			[0.65, 0.68]
		]);
		await expect(overlay(a, 2).locator('[data-kind="ink"]')).toHaveCount(1);
		const drawnAt = Date.now();

		// B sees both within a second.
		await expect(overlay(b, 2).locator('[data-kind="ink"]')).toHaveCount(1, { timeout: 1_000 });
		await expect(overlay(b, 2).locator('[data-kind="highlight"]')).toHaveCount(1, { timeout: 1_000 });
		expect(Date.now() - drawnAt).toBeLessThan(1_000);
		// The frames B receives do carry shared marks (so looking for the private note in them means something).
		expect(framesContain(framesB, line.slice(0, 12)), 'the highlighted words reach B').toBe(true);

		// B selects A's stroke: author and time are shown; B cannot delete someone else's mark.
		await b.getByRole('toolbar', { name: 'Công cụ ghi chú' }).getByRole('button', { name: 'Chọn' }).click();
		const inkBox = (await overlay(b, 2).locator('[data-kind="ink"] path').first().boundingBox())!;
		await overlay(b, 2).locator('[data-kind="ink"] .hit').dispatchEvent('pointerdown', { pointerId: 1, pointerType: 'mouse', button: 0, isPrimary: true, clientX: inkBox.x + inkBox.width / 2, clientY: inkBox.y + inkBox.height / 2 });
		const card = b.getByRole('region', { name: 'Ghi chú đã chọn' });
		await expect(card).toContainText('Nét vẽ');
		await expect(card).toContainText('Lê Thị Hồng');
		await expect(card.getByRole('button', { name: 'Xóa' })).toHaveCount(0);

		// A writes a private note on page 2.
		const secret = unique('Ghi chú riêng bí mật');
		await tools.getByRole('radio', { name: 'Riêng' }).check();
		await tools.getByRole('button', { name: 'Ghi chú dán' }).click();
		await dragOnPage(a, 2, [[0.8, 0.2]]);
		const panel = a.getByRole('region', { name: /Ghi chú/ }).filter({ has: a.getByRole('textbox', { name: 'Nội dung ghi chú' }) });
		await panel.getByRole('textbox', { name: 'Nội dung ghi chú' }).fill(secret);
		await panel.getByRole('button', { name: 'Lưu ghi chú' }).click();
		// Saved: the panel closes and the focus is on the note's pin, whose name says it is private.
		await expect(panel).toHaveCount(0);
		const secretPin = overlay(a, 2).getByRole('button', { name: new RegExp(`lớp riêng, chỉ mình bạn thấy\\): ${secret}`) });
		await expect(secretPin).toBeVisible();
		await expect(secretPin).toBeFocused();

		// A fresh tablet of A's (no local copy) gets the note from the server: it was stored, not just kept locally.
		const { context: contextA2, page: a2 } = await tabletAs(browser, testInfo, baseURL!, 'delegate1');
		try {
			await openSynced(a2, docUrl(2));
			await expect(overlay(a2, 2).getByRole('button', { name: new RegExp(secret) })).toBeAttached({ timeout: 5_000 });
		} finally {
			await contextA2.close();
		}

		// B never gets it: not on the page, not in any frame it received.
		await expect(overlay(b, 2).locator('.pin')).toHaveCount(0);
		await expect(b.getByText(secret)).toHaveCount(0);
		expect(framesContain(framesB, secret), 'the private note in a frame B received').toBe(false);
		expect(framesContain(framesB, 'Ghi chú riêng bí mật'), 'any private note in a frame B received').toBe(false);

		// Undo takes back A's last edit (the note), redo brings it back.
		await a.keyboard.press('Escape');
		await tools.getByRole('button', { name: 'Hoàn tác' }).click();
		await expect(overlay(a, 2).locator('.pin')).toHaveCount(0);
		await tools.getByRole('button', { name: 'Làm lại' }).click();
		await expect(overlay(a, 2).locator('.pin')).toHaveCount(1);

		await a.screenshot({ path: testInfo.outputPath(`collab-a-${testInfo.project.name}.png`) });
		await b.screenshot({ path: testInfo.outputPath(`collab-b-${testInfo.project.name}.png`) });
	} finally {
		await contextB.close();
	}
});

test('the chair presents page 5; a delegate follows, leaves, and returns', async ({ page: delegate, context, browser, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate3');
	const { context: chairContext, page: chair } = await tabletAs(browser, testInfo, baseURL!, 'chair');
	try {
		await openSynced(delegate, docUrl(1));
		await openSynced(chair, docUrl(1));
		// Delegates are not offered presenting.
		await expect(delegate.getByRole('button', { name: 'Trình chiếu trang này' })).toHaveCount(0);

		await chair.getByRole('textbox', { name: 'Đến trang' }).fill('5');
		await chair.getByRole('textbox', { name: 'Đến trang' }).press('Enter');
		await expect(chair.locator('#page-indicator')).toHaveText('trang 5 / 14');
		await chair.getByRole('button', { name: 'Trình chiếu trang này' }).click();
		await expect(chair.getByRole('button', { name: 'Dừng trình chiếu' })).toBeVisible();

		// The delegate is asked first; yes, and the viewer follows.
		const follow = delegate.getByRole('button', { name: 'Theo người trình chiếu' });
		await expect(follow).toHaveAttribute('aria-pressed', 'false');
		const prompt = delegate.getByRole('region', { name: 'Theo dõi trình chiếu' });
		await expect(prompt).toContainText('Trần Văn Minh đang trình chiếu trang 5 của tài liệu này — Theo dõi?');
		await prompt.getByRole('button', { name: 'Theo dõi' }).click();
		await expect(prompt).toHaveCount(0);
		await expect(follow).toHaveAttribute('aria-pressed', 'true');
		await expect(delegate.getByText('Trần Văn Minh đang trình chiếu trang 5')).toBeVisible();
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 5 / 14');
		await delegate.screenshot({ path: testInfo.outputPath(`collab-follow-${testInfo.project.name}.png`) });

		// Scrolling by hand leaves following, and the delegate stays where they went when the chair turns the page.
		const pages = delegate.getByRole('region', { name: 'Trình xem tài liệu' });
		const box = (await pages.boundingBox())!;
		await delegate.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await delegate.mouse.wheel(0, 2_500);
		await expect(follow).toHaveAttribute('aria-pressed', 'false');
		await expect(delegate.locator('#page-indicator')).not.toHaveText('trang 5 / 14');
		const whereTheyWent = await delegate.locator('#page-indicator').textContent();

		await chair.getByRole('button', { name: 'Trang sau' }).click();
		await chair.getByRole('button', { name: 'Trang sau' }).click();
		await expect(chair.locator('#page-indicator')).toHaveText('trang 7 / 14');
		await expect(delegate.getByText('Trần Văn Minh đang trình chiếu trang 7')).toBeVisible();
		await delegate.waitForTimeout(500);
		await expect(delegate.locator('#page-indicator')).toHaveText(whereTheyWent!);

		// One tap returns to the presented page.
		await follow.click();
		await expect(follow).toHaveAttribute('aria-pressed', 'true');
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 7 / 14');

		// One tap leaves again, and the delegate stays on their page when the chair moves on.
		await follow.click();
		await expect(follow).toHaveAttribute('aria-pressed', 'false');
		await chair.getByRole('button', { name: 'Trang trước' }).click();
		await expect(delegate.getByText('Trần Văn Minh đang trình chiếu trang 6')).toBeVisible();
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 7 / 14');

		// Following again: when the chair presents another document, the delegate is asked before being taken there.
		await follow.click();
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 6 / 14');
		await openSynced(chair, `/meetings/${meetingId}/documents/${otherDoc.id}#page=3`);
		await expect(chair.locator('#page-indicator')).toHaveText('trang 3 / 14');
		await chair.getByRole('button', { name: 'Trình chiếu trang này' }).click();
		await expect(prompt).toContainText(`Trần Văn Minh đang trình chiếu “${otherDoc.title}”, trang 3 — Theo dõi?`);
		await expect(delegate).toHaveURL(new RegExp(`/documents/${doc.id}#page=`));
		await prompt.getByRole('button', { name: 'Theo dõi' }).click();
		await expect(delegate).toHaveURL(new RegExp(`/documents/${otherDoc.id}#page=3$`));
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 3 / 14');
		await expect(delegate.getByRole('button', { name: 'Theo người trình chiếu' })).toHaveAttribute('aria-pressed', 'true');

		// Turning the page with the viewer's own button leaves following too.
		await delegate.getByRole('button', { name: 'Trang sau' }).click();
		await expect(delegate.locator('#page-indicator')).toHaveText('trang 4 / 14');
		await expect(delegate.getByRole('button', { name: 'Theo người trình chiếu' })).toHaveAttribute('aria-pressed', 'false');

		await chair.getByRole('button', { name: 'Dừng trình chiếu' }).click();
		await expect(chair.getByRole('button', { name: 'Trình chiếu trang này' })).toBeVisible();
		await expect(delegate.getByRole('button', { name: 'Theo người trình chiếu' })).toHaveCount(0);
	} finally {
		await chairContext.close();
	}
});

test('shapes, moving, eraser, a stylus, a shared thread, filters and the annotated download', async ({ page: a, context, browser, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate4');
	const { context: contextB, page: b } = await tabletAs(browser, testInfo, baseURL!, 'delegate5');
	const { context: contextO, page: observer } = await tabletAs(browser, testInfo, baseURL!, 'observer');
	try {
		await openSynced(a, docUrl(3));
		await openSynced(b, docUrl(3));
		const tools = a.getByRole('toolbar', { name: 'Công cụ ghi chú' });
		const marks = (page: typeof a, kind: string) => overlay(page, 3).locator(`[data-kind="${kind}"]`);

		// A rectangle and an arrow.
		await tools.getByRole('button', { name: 'Hình chữ nhật' }).click();
		await dragOnPage(a, 3, [
			[0.15, 0.15],
			[0.35, 0.3]
		]);
		await tools.getByRole('button', { name: 'Mũi tên' }).click();
		await dragOnPage(a, 3, [
			[0.5, 0.6],
			[0.75, 0.45]
		]);
		await expect(marks(b, 'rect')).toHaveCount(1);
		await expect(marks(b, 'arrow')).toHaveCount(1);

		// Select the rectangle (author and time shown) and move it.
		await tools.getByRole('button', { name: 'Chọn' }).click();
		const shape = marks(a, 'rect').locator('rect').first();
		const before = Number(await shape.getAttribute('x'));
		const box = (await shape.boundingBox())!;
		await a.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		const card = a.getByRole('region', { name: 'Ghi chú đã chọn' });
		await expect(card).toContainText('Hình chữ nhật');
		await expect(card).toContainText('Vũ Thị Mai');
		await expect(card.getByRole('button', { name: 'Xóa' })).toBeVisible();
		await a.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await a.mouse.down();
		await a.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 5 });
		await a.mouse.up();
		await expect.poll(async () => Number(await marks(b, 'rect').locator('rect').first().getAttribute('x'))).toBeGreaterThan(before + 20);

		// The eraser takes the arrow away, on both tablets.
		await tools.getByRole('button', { name: 'Tẩy' }).click();
		const arrowBox = (await marks(a, 'arrow').locator('line').first().boundingBox())!;
		const cx = arrowBox.x + arrowBox.width / 2;
		const cy = arrowBox.y + arrowBox.height / 2;
		await a.mouse.move(cx - 30, cy - 30);
		await a.mouse.down();
		await a.mouse.move(cx + 30, cy + 30, { steps: 10 });
		await a.mouse.up();
		await expect(marks(a, 'arrow')).toHaveCount(0);
		await expect(marks(b, 'arrow')).toHaveCount(0);

		// A stylus draws with pressure; from then on a finger scrolls instead of drawing.
		await tools.getByRole('button', { name: 'Bút vẽ' }).click();
		const surface = a.locator('.page-marks[data-annotation-page="3"]');
		await expect(surface).toHaveCSS('touch-action', 'none');
		await penStroke(surface, 'pen', [0.2, 0.8], [0.6, 0.85]);
		await expect(marks(a, 'ink')).toHaveCount(1);
		await expect(marks(b, 'ink')).toHaveCount(1);
		// Pressure varies along the stroke: it is drawn in runs of different widths.
		expect(await marks(b, 'ink').locator('path').count()).toBeGreaterThan(1);
		await expect(surface).toHaveCSS('touch-action', 'pan-x pan-y');
		await penStroke(surface, 'touch', [0.2, 0.5], [0.6, 0.55]);
		await expect(marks(a, 'ink')).toHaveCount(1);

		// Offline, A keeps annotating; the mark reaches B once A is back.
		await a.context().setOffline(true);
		await expect(a.getByRole('status', { name: 'Trạng thái đồng bộ ghi chú' })).toHaveText('Ngoại tuyến – ghi chú được giữ trên máy');
		await tools.getByRole('button', { name: 'Hình chữ nhật' }).click();
		await dragOnPage(a, 3, [
			[0.55, 0.7],
			[0.7, 0.8]
		]);
		await expect(marks(a, 'rect')).toHaveCount(2);
		await b.waitForTimeout(1_000);
		await expect(marks(b, 'rect'), 'nothing reaches B while A is offline').toHaveCount(1);
		await a.context().setOffline(false);
		await expect(a.getByRole('status', { name: 'Trạng thái đồng bộ ghi chú' })).toHaveText('Ghi chú đã đồng bộ', { timeout: 15_000 });
		await expect(marks(b, 'rect')).toHaveCount(2, { timeout: 15_000 });

		// A shared sticky note; B replies and resolves it, A sees the thread.
		await tools.getByRole('button', { name: 'Ghi chú dán' }).click();
		await dragOnPage(a, 3, [[0.85, 0.1]]);
		await a.getByRole('textbox', { name: 'Nội dung ghi chú' }).fill('Đề nghị làm rõ số liệu ở đoạn này');
		await a.getByRole('button', { name: 'Lưu ghi chú' }).click();
		await expect(a.getByRole('textbox', { name: 'Nội dung ghi chú' })).toHaveCount(0);
		const pinB = overlay(b, 3).getByRole('button', { name: /Đề nghị làm rõ số liệu/ });
		await pinB.click();
		const threadB = b.getByRole('region', { name: /^Ghi chú/ });
		await expect(threadB).toContainText('Vũ Thị Mai');
		await threadB.getByRole('textbox', { name: 'Viết trả lời' }).fill('Đồng ý, sẽ bổ sung bảng 2');
		await threadB.getByRole('button', { name: 'Gửi trả lời' }).click();
		await threadB.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click();
		await expect(threadB.getByRole('button', { name: 'Xóa ghi chú' })).toHaveCount(0);
		// The panel closed when A saved the note: A opens the thread again from its pin.
		await overlay(a, 3).getByRole('button', { name: /Đề nghị làm rõ số liệu/ }).click();
		const threadA = a.getByRole('region', { name: /^Ghi chú/ });
		await expect(threadA).toContainText('Đồng ý, sẽ bổ sung bảng 2');
		await expect(threadA).toContainText('Đặng Minh Tuấn');
		await expect(threadA).toContainText('Đã xử lý');
		await a.screenshot({ path: testInfo.outputPath(`collab-tools-${testInfo.project.name}.png`) });

		// B filters A's marks out, then hides the shared layer: the download follows what is shown.
		const menu = b.getByRole('button', { name: 'Lớp và người ghi' });
		await menu.click();
		await b.getByRole('checkbox', { name: 'Vũ Thị Mai' }).uncheck();
		await expect(overlay(b, 3).locator('[data-kind]')).toHaveCount(0);
		await expect(overlay(b, 3).locator('.pin')).toHaveCount(0);
		await b.getByRole('checkbox', { name: 'Vũ Thị Mai' }).check();
		await expect(marks(b, 'ink')).toHaveCount(1);
		const download = b.getByRole('link', { name: 'Tải về kèm ghi chú' });
		await expect(download).toHaveAttribute('href', `/api/v1/documents/${doc.id}/annotated?layers=shared,private`);
		await b.getByRole('checkbox', { name: 'Hiện lớp chung' }).uncheck();
		await expect(overlay(b, 3).locator('[data-kind]')).toHaveCount(0);
		await expect(download).toHaveAttribute('href', `/api/v1/documents/${doc.id}/annotated?layers=private`);
		await b.screenshot({ path: testInfo.outputPath(`collab-filter-${testInfo.project.name}.png`) });
		const res = await b.request.get(`/api/v1/documents/${doc.id}/annotated?layers=shared`);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('application/pdf');

		// An observer sees the shared marks but is offered only the private layer to write in.
		await openSynced(observer, docUrl(3));
		await expect(overlay(observer, 3).locator('[data-kind="ink"]')).toHaveCount(1);
		const observerTools = observer.getByRole('toolbar', { name: 'Công cụ ghi chú' });
		await expect(observerTools.getByRole('button', { name: 'Bút vẽ' })).toBeVisible();
		await expect(observerTools.getByRole('radio', { name: 'Chung' })).toHaveCount(0);
		await observer.getByRole('button', { name: 'Lớp và người ghi' }).click();
		await expect(observer.getByText('Bạn là quan sát viên')).toBeVisible();
		await observer.keyboard.press('Escape');
		// Text selected with the select tool (as a long press would on a tablet) is highlighted by one button, into
		// the observer's private layer.
		await selectTextOnPage(observer, 3, 12);
		await observer.getByRole('button', { name: 'Tô sáng đoạn đã chọn' }).click();
		await expect(overlay(observer, 3).locator('[data-layer="private"] [data-kind="highlight"]')).toHaveCount(1);
		await expect(observer.getByRole('button', { name: 'Tô sáng đoạn đã chọn' })).toHaveCount(0);
	} finally {
		await contextB.close();
		await contextO.close();
	}
});

test('marks drawn offline by someone who may only read by the time they reconnect are not saved, and the tablet says so', async ({ page: a, context, browser, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'delegate5');
	const { users } = (await (await secretary.get('/api/v1/users')).json()) as { users: { id: string; username: string }[] };
	const delegateId = users.find((u) => u.username === 'delegate5')!.id;
	const participant = `/api/v1/meetings/${meetingId}/participants/${delegateId}`;
	try {
		await openSynced(a, docUrl(4));
		const tools = a.getByRole('toolbar', { name: 'Công cụ ghi chú' });
		await expect(tools.getByRole('radio', { name: 'Chung' })).toBeChecked();
		await a.context().setOffline(true);
		await expect(a.getByRole('status', { name: 'Trạng thái đồng bộ ghi chú' })).toHaveText('Ngoại tuyến – ghi chú được giữ trên máy');
		await tools.getByRole('button', { name: 'Hình chữ nhật' }).click();
		await dragOnPage(a, 4, [
			[0.2, 0.2],
			[0.45, 0.3]
		]);
		await expect(overlay(a, 4).locator('[data-kind="rect"]')).toHaveCount(1);

		// Meanwhile the secretariat makes them an observer: the shared layer is read-only for them from now on.
		expect((await secretary.patch(participant, { data: { role: 'observer' } })).status()).toBe(200);
		await a.context().setOffline(false);
		await expect(a.getByRole('alert').filter({ hasText: 'không được lưu' })).toBeVisible({ timeout: 15_000 });

		// The room did not take the mark: another tablet never gets it.
		const { context: contextB, page: b } = await tabletAs(browser, testInfo, baseURL!, 'delegate1');
		try {
			await openSynced(b, docUrl(4));
			await b.waitForTimeout(1_000);
			await expect(overlay(b, 4).locator('[data-kind="rect"]')).toHaveCount(0);
		} finally {
			await contextB.close();
		}
	} finally {
		expect((await secretary.patch(participant, { data: { role: 'delegate' } })).status()).toBe(200);
	}
});
