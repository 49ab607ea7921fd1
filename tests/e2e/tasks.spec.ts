import { expect, test, type APIRequestContext } from '@playwright/test';
import { tabletAs } from './collab-helpers';
import { expectNoHorizontalScroll, signInAs, unique } from './fixtures';
import { apiAs } from './viewer-helpers';

/*
 * A conclusion of the minutes becomes a task and is followed to done: the secretariat puts the cursor on the
 * conclusion in the draft and gives it to a person with a deadline; that person (not at the meeting) finds it under
 * "Nhiệm vụ", starts it, reports it done. The meeting and its draft are prepared through the API.
 */

const OWNER = 'Phạm Quốc Bảo'; // delegate2, not invited to this meeting

let secretary: APIRequestContext;
let meetingId: string;
let conclusion: string;

test.beforeAll(async ({ baseURL }) => {
	secretary = await apiAs(baseURL!, 'secretary');
	const meeting = (await (await secretary.post('/api/v1/meetings', { data: { title: unique('Họp giao ban'), startsAt: new Date().toISOString() } })).json()) as { id: string };
	meetingId = meeting.id;
	const { users } = (await (await secretary.get('/api/v1/users')).json()) as { users: { id: string; username: string }[] };
	const chairId = users.find((u) => u.username === 'chair')!.id;
	expect((await secretary.post(`/api/v1/meetings/${meetingId}/participants`, { data: { userId: chairId, role: 'chair' } })).status()).toBe(201);
	expect((await secretary.post(`/api/v1/meetings/${meetingId}/minutes`, { data: { locale: 'vi' } })).status()).toBe(201);
	conclusion = unique('Giao Sở Nội vụ rà soát vị trí việc làm, báo cáo kết quả');
	expect((await secretary.post(`/api/v1/meetings/${meetingId}/minutes/paragraphs`, { data: { text: `Kết luận:\n\n${conclusion}` } })).status()).toBe(201);
});

test.afterAll(async () => {
	await secretary.dispose();
});

test('the secretariat turns a conclusion of the minutes into a task and its owner marks it done', async ({ page, context, browser, baseURL }, testInfo) => {
	await signInAs(context, baseURL!, 'secretary');
	await page.goto(`/meetings/${meetingId}/minutes`);
	const editor = page.getByRole('textbox', { name: 'Nội dung biên bản' });
	await expect(page.getByRole('status', { name: 'Trạng thái lưu biên bản' })).toHaveText('Đã lưu', { timeout: 15_000 });
	await expect(editor).toHaveAttribute('contenteditable', 'true');

	// The cursor on the conclusion's line, then the control above the text.
	await editor.getByText(conclusion).click();
	await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
	const dialog = page.getByRole('dialog', { name: 'Giao nhiệm vụ từ kết luận' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('blockquote')).toHaveText(conclusion);
	await dialog.getByRole('combobox', { name: 'Cá nhân' }).selectOption({ label: OWNER });
	const deadline = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
	await dialog.getByLabel('Hạn hoàn thành').fill(deadline);
	await dialog.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('status').filter({ hasText: 'Đã giao nhiệm vụ.' })).toBeVisible();
	const list = page.getByRole('region', { name: 'Nhiệm vụ từ biên bản này' });
	await expect(list.getByRole('link', { name: conclusion })).toBeVisible();
	await expect(list).toContainText(OWNER);
	await expect(list).toContainText('Đã giao');
	await expectNoHorizontalScroll(page);

	// The owner, on a tablet of their own, finds it under "Nhiệm vụ" and reports on it.
	const { context: ownerContext, page: ownerPage } = await tabletAs(browser, testInfo, baseURL!, 'delegate2');
	try {
		await ownerPage.goto('/meetings');
		await ownerPage.getByRole('navigation').getByRole('link', { name: 'Nhiệm vụ' }).click();
		await ownerPage.getByRole('combobox', { name: 'Người/đơn vị thực hiện' }).selectOption({ label: 'Nhiệm vụ của tôi' });
		await ownerPage.getByRole('button', { name: 'Lọc' }).click();
		await expect(ownerPage).toHaveURL(/owner=me/);
		await ownerPage.getByRole('link', { name: conclusion }).click();
		await expect(ownerPage.getByRole('heading', { level: 1, name: 'Nhiệm vụ' })).toBeVisible();
		await expect(ownerPage.getByRole('blockquote')).toHaveText(conclusion);

		await ownerPage.getByRole('button', { name: 'Bắt đầu thực hiện' }).click();
		await expect(ownerPage.getByRole('status').filter({ hasText: 'Đã cập nhật trạng thái: Đang thực hiện.' })).toBeVisible();
		await ownerPage.getByLabel('Ý kiến của bạn').fill('Đã làm việc với các phòng chuyên môn, số liệu đã tổng hợp xong.');
		await ownerPage.getByRole('button', { name: 'Gửi ý kiến' }).click();
		await expect(ownerPage.getByRole('region', { name: 'Ý kiến trao đổi' })).toContainText('số liệu đã tổng hợp xong');
		await ownerPage.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
		await expect(ownerPage.getByRole('status').filter({ hasText: 'Đã cập nhật trạng thái: Hoàn thành.' })).toBeVisible();
		// Done: nothing left for the owner to move; only a manager could reopen it.
		await expect(ownerPage.getByRole('button', { name: 'Báo cáo hoàn thành' })).toHaveCount(0);
		await expectNoHorizontalScroll(ownerPage);
	} finally {
		await ownerContext.close();
	}

	// The secretariat's list shows it done.
	await page.reload();
	await expect(page.getByRole('region', { name: 'Nhiệm vụ từ biên bản này' })).toContainText('Hoàn thành');
});
