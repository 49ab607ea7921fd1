import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { tabletAs } from './collab-helpers';
import { expectNoHorizontalScroll, PASSWORD, signInAs, unique } from './fixtures';
import { apiAs } from './viewer-helpers';

/*
 * The minutes written together and approved, on three tablets: the secretary and the chair write, a delegate reads
 * along. Each viewport project prepares a meeting of its own (approved minutes cannot be reopened, and the demo
 * meeting is shared with the other spec files).
 */

const SECRETARY = 'Nguyễn Thị Thu Hà';
const CHAIR = 'Trần Văn Minh';

let secretary: APIRequestContext;
let meetingId: string;

test.beforeAll(async ({ baseURL }) => {
	secretary = await apiAs(baseURL!, 'secretary');
	const meeting = (await (await secretary.post('/api/v1/meetings', { data: { title: unique('Họp lập biên bản'), startsAt: '2026-12-21T08:00:00+07:00', location: 'Phòng họp số 2' } })).json()) as {
		id: string;
	};
	meetingId = meeting.id;
	expect((await secretary.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { title: 'Thông qua chương trình' } })).status()).toBe(201);
	const { users } = (await (await secretary.get('/api/v1/users')).json()) as { users: { id: string; username: string }[] };
	const idOf = (username: string) => users.find((u) => u.username === username)!.id;
	for (const [username, role] of [
		['chair', 'chair'],
		['delegate1', 'delegate']
	] as const) {
		expect((await secretary.post(`/api/v1/meetings/${meetingId}/participants`, { data: { userId: idOf(username), role } })).status()).toBe(201);
	}
});

test.afterAll(async () => {
	await secretary.dispose();
});

const minutesUrl = () => `/meetings/${meetingId}/minutes`;
const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Nội dung biên bản' });
const syncOf = (page: Page) => page.getByRole('status', { name: 'Trạng thái lưu biên bản' });
const toolbarOf = (page: Page) => page.getByRole('toolbar', { name: 'Định dạng văn bản' });
const stateOf = (page: Page) => page.getByRole('region', { name: 'Trạng thái biên bản' });

/** Puts the cursor at the very end of the text and starts a new paragraph there. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
	const editor = editorOf(page);
	await editor.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Enter');
	await page.keyboard.type(text);
}

test('chair and secretary write the minutes together, a delegate reads along, the secretary signs and the chair approves them', async ({ page: secretaryPage, context, browser, baseURL }, testInfo) => {
	test.setTimeout(120_000);
	await signInAs(context, baseURL!, 'secretary');
	const { context: chairContext, page: chairPage } = await tabletAs(browser, testInfo, baseURL!, 'chair');
	const { context: delegateContext, page: delegatePage } = await tabletAs(browser, testInfo, baseURL!, 'delegate1');
	try {
		// Before anyone starts them, a delegate is told so; the secretary is offered to start them.
		await delegatePage.goto(minutesUrl());
		await expect(delegatePage.getByText('Biên bản chưa được lập.')).toBeVisible();
		await expect(delegatePage.getByRole('button', { name: 'Bắt đầu lập biên bản' })).toHaveCount(0);

		// The secretary reaches the minutes from the meeting page and starts the draft from the template.
		await secretaryPage.goto(`/meetings/${meetingId}`);
		await secretaryPage.getByRole('link', { name: 'Biên bản', exact: true }).click();
		await expect(secretaryPage).toHaveURL(new RegExp(`${minutesUrl()}$`));
		await secretaryPage.getByRole('button', { name: 'Bắt đầu lập biên bản' }).click();
		await expect(stateOf(secretaryPage)).toContainText('Bản nháp');
		await expect(syncOf(secretaryPage)).toHaveText('Đã lưu', { timeout: 15_000 });
		await expect(editorOf(secretaryPage)).toHaveAttribute('contenteditable', 'true');
		// The template is filled from the record: the agenda item is in it.
		await expect(editorOf(secretaryPage)).toContainText('Thông qua chương trình');

		await chairPage.goto(minutesUrl());
		await expect(syncOf(chairPage)).toHaveText('Đã lưu', { timeout: 15_000 });
		await expect(editorOf(chairPage)).toHaveAttribute('contenteditable', 'true');
		// Presence: each sees the other in the minutes.
		await expect(chairPage.getByRole('region', { name: 'Người đang mở biên bản' })).toContainText(SECRETARY);
		await expect(secretaryPage.getByRole('region', { name: 'Người đang mở biên bản' })).toContainText(CHAIR);

		// Both write; each sees the other's words, and the other's caret with their name.
		const fromSecretary = unique('Thư ký ghi nhận ý kiến');
		await typeAtEnd(secretaryPage, fromSecretary);
		await expect(editorOf(chairPage)).toContainText(fromSecretary, { timeout: 5_000 });
		await expect(chairPage.locator('.collaboration-carets__label', { hasText: SECRETARY })).toBeVisible();

		const fromChair = unique('Chủ tọa kết luận');
		await typeAtEnd(chairPage, fromChair);
		await expect(editorOf(secretaryPage)).toContainText(fromChair, { timeout: 5_000 });
		await expect(secretaryPage.locator('.collaboration-carets__label', { hasText: CHAIR })).toBeVisible();

		// The toolbar: bold is a pressed button, and what is typed bold arrives bold.
		const tools = toolbarOf(secretaryPage);
		const bold = tools.getByRole('button', { name: 'Đậm' });
		await editorOf(secretaryPage).click();
		await secretaryPage.keyboard.press('Control+End');
		await secretaryPage.keyboard.press('Enter');
		await bold.click();
		await expect(bold).toHaveAttribute('aria-pressed', 'true');
		await secretaryPage.keyboard.type('Kết luận phiên họp');
		await expect(editorOf(chairPage).locator('strong', { hasText: 'Kết luận phiên họp' })).toBeVisible({ timeout: 5_000 });
		await tools.getByRole('button', { name: 'Tiêu đề cấp 2' }).click();
		await expect(tools.getByRole('button', { name: 'Tiêu đề cấp 2' })).toHaveAttribute('aria-pressed', 'true');
		await expect(editorOf(chairPage).locator('h2', { hasText: 'Kết luận phiên họp' })).toBeVisible({ timeout: 5_000 });
		// Undo takes back the secretary's own last change only.
		await tools.getByRole('button', { name: 'Hoàn tác' }).click();
		await expect(editorOf(chairPage).locator('h2', { hasText: 'Kết luận phiên họp' })).toHaveCount(0, { timeout: 5_000 });
		await expect(editorOf(chairPage)).toContainText(fromChair);

		// The attendance the server keeps in the draft is a block of its own: typing on it goes after it, never over it.
		const attendance = editorOf(secretaryPage).locator('[data-record-block][data-kind="attendance"]');
		await expect(attendance).toContainText('Trần Văn Minh');
		await attendance.click();
		await secretaryPage.keyboard.type('Ghi chú sau điểm danh');
		await expect(attendance).toHaveCount(1);
		await expect(editorOf(secretaryPage).locator('[data-record-block] + p')).toHaveText('Ghi chú sau điểm danh');
		await expect(editorOf(chairPage).locator('[data-record-block][data-kind="attendance"]')).toHaveCount(1);

		// The delegate reads the same text live, in an editor that does not take input, with no tools.
		await delegatePage.reload();
		await expect(syncOf(delegatePage)).toHaveText('Đang xem trực tiếp', { timeout: 15_000 });
		await expect(editorOf(delegatePage)).toContainText(fromSecretary);
		await expect(editorOf(delegatePage)).toContainText(fromChair);
		await expect(editorOf(delegatePage)).toHaveAttribute('contenteditable', 'false');
		await expect(editorOf(delegatePage)).toHaveAttribute('aria-readonly', 'true');
		await expect(toolbarOf(delegatePage)).toHaveCount(0);
		await expect(delegatePage.getByRole('button', { name: 'Trình phê duyệt' })).toHaveCount(0);
		const live = unique('Câu mới khi đại biểu đang đọc');
		await typeAtEnd(chairPage, live);
		await expect(editorOf(delegatePage)).toContainText(live, { timeout: 5_000 });
		await editorOf(delegatePage).click();
		await delegatePage.keyboard.type('đại biểu gõ thử');
		await expect(editorOf(delegatePage)).not.toContainText('đại biểu gõ thử');

		// Submitting with the template's fill-ins left asks first; going back leaves the draft as it was.
		await secretaryPage.getByRole('button', { name: 'Trình phê duyệt' }).click();
		const unfilled = stateOf(secretaryPage).getByRole('group', { name: /dòng chưa điền/ });
		await expect(unfilled.getByRole('alert')).toContainText(/Còn \d+ dòng chưa điền\./);
		await expect(unfilled.getByRole('alert')).toBeFocused();
		await expect(unfilled.getByRole('listitem').filter({ hasText: 'Cuộc họp kết thúc lúc …' })).toHaveCount(1);
		await expect(unfilled.getByRole('listitem').filter({ hasText: fromChair })).toHaveCount(0);
		await unfilled.getByRole('button', { name: 'Quay lại điền tiếp' }).click();
		await expect(unfilled).toHaveCount(0);
		await expect(secretaryPage.getByRole('button', { name: 'Trình phê duyệt', exact: true })).toBeFocused();
		await expect(stateOf(secretaryPage)).toContainText('Bản nháp');
		await expect(editorOf(secretaryPage)).toHaveAttribute('contenteditable', 'true');

		// Submitted: read-only for everyone, at once on every tablet.
		await secretaryPage.getByRole('button', { name: 'Trình phê duyệt', exact: true }).click();
		await unfilled.getByRole('button', { name: 'Vẫn trình phê duyệt' }).click();
		await expect(stateOf(secretaryPage)).toContainText('Chờ phê duyệt');
		await expect(stateOf(secretaryPage)).toContainText(SECRETARY);
		await expect(syncOf(secretaryPage)).toHaveText('Đã khóa – chỉ xem', { timeout: 10_000 });
		await expect(editorOf(secretaryPage)).toHaveAttribute('contenteditable', 'false');
		await expect(toolbarOf(secretaryPage)).toHaveCount(0);
		await expect(secretaryPage.getByRole('button', { name: 'Trả về bản nháp' })).toBeVisible();
		await expect(stateOf(chairPage)).toContainText('Chờ phê duyệt', { timeout: 10_000 });
		await expect(editorOf(chairPage)).toHaveAttribute('contenteditable', 'false');
		await expect(stateOf(delegatePage)).toContainText('Chờ phê duyệt', { timeout: 10_000 });

		// Returned to draft, the writers write again (their connections were judged again), then it goes back up.
		await secretaryPage.getByRole('button', { name: 'Trả về bản nháp' }).click();
		await expect(stateOf(secretaryPage)).toContainText('Bản nháp');
		await expect(editorOf(chairPage)).toHaveAttribute('contenteditable', 'true', { timeout: 10_000 });
		const afterReturn = unique('Bổ sung sau khi trả về');
		await typeAtEnd(chairPage, afterReturn);
		await expect(editorOf(secretaryPage)).toContainText(afterReturn, { timeout: 5_000 });
		await expect(syncOf(chairPage)).toHaveText('Đã lưu');

		// The chair writes offline while the secretary submits: back online, the chair is told it is not in the
		// submitted minutes (it stays on the tablet), and it goes in when the minutes are returned.
		await chairContext.setOffline(true);
		const offline = unique('Chủ tọa viết khi mất mạng');
		await typeAtEnd(chairPage, offline);
		// The page re-reads the minutes' state now and then (here: coming back to the tab); offline that must leave
		// the editor where it is, not replace it with an error page.
		await chairPage.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
		await secretaryPage.waitForTimeout(1_500);
		await expect(editorOf(chairPage)).toContainText(offline);
		await expect(editorOf(secretaryPage), 'nothing reaches the room while the chair is offline').not.toContainText(offline);
		await secretaryPage.getByRole('button', { name: 'Trình phê duyệt', exact: true }).click();
		await stateOf(secretaryPage).getByRole('button', { name: 'Vẫn trình phê duyệt' }).click();
		await expect(stateOf(secretaryPage)).toContainText('Chờ phê duyệt');
		await chairContext.setOffline(false);
		const notStored = chairPage.getByRole('alert').filter({ hasText: 'không có trong biên bản đã trình' });
		await expect(notStored).toBeVisible({ timeout: 15_000 });
		await expect(stateOf(chairPage)).toContainText('Chờ phê duyệt');
		await expect(editorOf(chairPage)).toHaveAttribute('contenteditable', 'false');
		await expect(editorOf(chairPage)).toContainText(offline);
		await expect(editorOf(secretaryPage)).not.toContainText(offline);
		await secretaryPage.getByRole('button', { name: 'Trả về bản nháp' }).click();
		await expect(editorOf(secretaryPage)).toContainText(offline, { timeout: 15_000 });
		await expect(notStored).toHaveCount(0);

		await secretaryPage.getByRole('button', { name: 'Trình phê duyệt', exact: true }).click();
		await stateOf(secretaryPage).getByRole('button', { name: 'Vẫn trình phê duyệt' }).click();
		await expect(stateOf(chairPage)).toContainText('Chờ phê duyệt', { timeout: 10_000 });

		// The meeting's secretary signs first; until then the chair is told to wait and has nothing to sign.
		const approve = chairPage.getByRole('region', { name: 'Phê duyệt biên bản' });
		await expect(stateOf(chairPage)).toContainText('Chờ thư ký');
		await expect(approve).toHaveCount(0);
		const sign = secretaryPage.getByRole('region', { name: 'Thư ký ký biên bản' });
		await expect(sign).toContainText('Mã băm nội dung (SHA-256)');
		await sign.getByLabel('Mật khẩu của bạn').fill(PASSWORD);
		await sign.getByRole('button', { name: 'Ký biên bản' }).click();
		await expect(secretaryPage.getByRole('status').filter({ hasText: 'Đã ký biên bản.' })).toBeVisible();
		await expect(sign).toHaveCount(0);
		await expect(stateOf(secretaryPage)).toContainText(`Thư ký ${SECRETARY} đã ký`);
		// The chair's page re-reads the state when the tablet comes back to it.
		await chairPage.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

		// The chair's signature: the hash being signed is shown; a wrong password is refused in words.
		await expect(approve).toBeVisible({ timeout: 25_000 });
		await expect(approve).toContainText('Mã băm nội dung (SHA-256)');
		await approve.getByText('Xem mã băm đầy đủ').click();
		await expect(approve.getByText(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/)).toBeVisible();
		await approve.getByLabel('Mật khẩu của bạn').fill('not-the-password');
		await approve.getByRole('button', { name: 'Ký và phê duyệt' }).click();
		await expect(chairPage.getByRole('alert')).toHaveText('Mật khẩu không đúng.');
		await expect(approve.getByLabel('Mật khẩu của bạn')).toHaveValue('');

		await approve.getByLabel('Mật khẩu của bạn').fill(PASSWORD);
		await approve.getByRole('button', { name: 'Ký và phê duyệt' }).click();
		await expect(chairPage.getByRole('status').filter({ hasText: 'Biên bản đã được phê duyệt và lưu trữ.' })).toBeVisible();
		await expect(stateOf(chairPage)).toContainText('Đã phê duyệt');
		await expect(stateOf(chairPage)).toContainText(`${CHAIR} đã phê duyệt lúc `);
		await expect(stateOf(chairPage)).toContainText(/Hồ sơ lưu trữ số \d+/);
		await expect(stateOf(chairPage)).toContainText(/Số văn bản: \d{2,}\/BB/);
		await expect(approve).toHaveCount(0);
		// What is shown now is the signed record: the text as it was approved, no editor any more.
		await expect(chairPage.getByRole('region', { name: 'Toàn văn biên bản' })).toContainText(fromChair);
		await expect(editorOf(chairPage)).toHaveCount(0);
		await expectNoHorizontalScroll(chairPage);

		// The PDF link answers with a PDF; the archive record is JSON.
		const pdfLink = stateOf(chairPage).getByRole('link', { name: 'Tải biên bản (PDF)' });
		const pdf = await chairContext.request.get(new URL((await pdfLink.getAttribute('href'))!, baseURL).toString());
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toContain('application/pdf');
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
		// Anyone signed in can check a copy on /verify: the archived file matches and says who signed.
		const verifyPage = await delegateContext.newPage();
		await verifyPage.goto('/verify');
		await verifyPage.getByLabel('Tệp PDF biên bản').setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: await pdf.body() });
		await verifyPage.getByRole('button', { name: 'Kiểm tra tệp' }).click();
		const verdict = verifyPage.getByRole('region', { name: /^Khớp/ });
		await expect(verdict).toContainText(/hồ sơ lưu trữ số \d+/);
		await expect(verdict).toContainText(`${SECRETARY} (Thư ký)`);
		await expect(verdict).toContainText(`${CHAIR} (Chủ tọa)`);
		await expect(verdict.getByRole('listitem').filter({ hasText: 'chữ ký hợp lệ' })).toHaveCount(2);
		await verifyPage.close();
		const jsonLink = stateOf(chairPage).getByRole('link', { name: 'Hồ sơ lưu trữ (JSON)' });
		const record = await chairContext.request.get(new URL((await jsonLink.getAttribute('href'))!, baseURL).toString());
		expect(record.status()).toBe(200);
		expect(record.headers()['content-type']).toContain('application/json');

		// Everyone else learns it too; nothing can be written any more.
		await expect(stateOf(secretaryPage)).toContainText('Đã phê duyệt', { timeout: 10_000 });
		await expect(secretaryPage.getByRole('button', { name: 'Trả về bản nháp' })).toHaveCount(0);
		await expect(stateOf(delegatePage)).toContainText('Đã phê duyệt', { timeout: 10_000 });
		await expect(delegatePage.getByRole('link', { name: 'Tải biên bản (PDF)' })).toBeVisible();
	} finally {
		await chairContext.close();
		await delegateContext.close();
	}
});
