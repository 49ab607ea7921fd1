import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalScroll, PASSWORD, signInAs, unique } from './fixtures';

/** Titles of the top-level agenda items, in the order the editor shows them. */
async function agendaOrder(page: Page, titles: string[]): Promise<string[]> {
	const handles = await Promise.all(
		titles.map(async (t) => ({ t, box: await page.getByRole('button', { name: `Di chuyển: ${t}`, exact: true }).boundingBox() }))
	);
	return handles.sort((a, b) => a.box!.y - b.box!.y).map((h) => h.t);
}

test('a secretary prepares a meeting; the invited delegate sees it and the outsider does not', async ({ page, browser, baseURL }) => {
	const title = unique('Họp giao ban Sở Nội vụ');

	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('secretary');
	await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();

	// Create the meeting.
	await page.getByRole('navigation').getByRole('link', { name: 'Tạo cuộc họp' }).click();
	await page.getByLabel('Tiêu đề').fill(title);
	await page.getByLabel('Cơ quan').fill('Sở Nội vụ');
	await page.getByLabel('Thời gian bắt đầu').fill('2027-03-10T08:00');
	await page.getByLabel('Thời gian kết thúc').fill('2027-03-10T10:30');
	await page.getByLabel('Địa điểm').fill('Phòng họp tầng 3');
	await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đã lên lịch' });
	await expectNoHorizontalScroll(page);
	await page.getByRole('main').getByRole('button', { name: 'Tạo cuộc họp' }).click();

	// Build the agenda: three items, one sub-item.
	await expect(page.getByRole('heading', { name: 'Chương trình họp', level: 1 })).toBeVisible();
	const items = ['Khai mạc', 'Báo cáo công tác tháng', 'Kết luận của Chủ tọa'];
	for (const [i, item] of items.entries()) {
		await page.getByLabel('Nội dung', { exact: true }).fill(item);
		await page.getByLabel('Người trình bày').fill(i === 1 ? 'Phòng Tổ chức' : 'Chủ tọa');
		await page.getByLabel('Thời lượng (phút)').fill(String(10 + i * 5));
		await page.getByRole('button', { name: 'Thêm nội dung', exact: true }).click();
		await expect(page.getByRole('button', { name: `Di chuyển: ${item}`, exact: true })).toBeVisible();
	}
	await page.getByLabel('Nội dung', { exact: true }).fill('Thảo luận');
	await page.getByLabel('Thuộc nội dung').selectOption({ label: '2. Báo cáo công tác tháng' });
	await page.getByRole('button', { name: 'Thêm nội dung', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Di chuyển: Thảo luận', exact: true })).toBeVisible();
	expect(await agendaOrder(page, items)).toEqual(items);

	// Reorder by keyboard: the conclusion goes up one place; focus stays with it and the move is announced.
	const handle = page.getByRole('button', { name: 'Di chuyển: Kết luận của Chủ tọa', exact: true });
	await handle.focus();
	await page.keyboard.press('ArrowUp');
	await expect(page.locator('#agenda-live')).toContainText('Kết luận của Chủ tọa');
	await expect.poll(() => agendaOrder(page, items)).toEqual(['Khai mạc', 'Kết luận của Chủ tọa', 'Báo cáo công tác tháng']);
	await expect(handle).toBeFocused();
	// The order is the server's, not only the screen's.
	await page.reload();
	expect(await agendaOrder(page, items)).toEqual(['Khai mạc', 'Kết luận của Chủ tọa', 'Báo cáo công tác tháng']);
	await expectNoHorizontalScroll(page);

	// Invite participants.
	await page.getByRole('link', { name: 'Thành phần tham dự' }).first().click();
	const invite = page.getByRole('form', { name: 'Mời tham dự' });
	for (const [label, role] of [
		['Trần Văn Minh (chair)', 'Chủ tọa'],
		['Lê Thị Hồng (delegate1)', 'Đại biểu'],
		['Bùi Thị Lan (observer)', 'Quan sát viên']
	] as const) {
		await invite.getByLabel('Người dùng', { exact: true }).selectOption({ label });
		await invite.getByLabel('Vai trò').selectOption({ label: role });
		await invite.getByRole('button', { name: 'Mời tham dự' }).click();
		await expect(page.getByLabel(`Vai trò: ${label.replace(/ \(.*\)$/, '')}`)).toBeVisible();
	}
	await expect(page.getByLabel('Quyền biểu quyết: Bùi Thị Lan')).not.toBeChecked();
	await expect(page.getByLabel('Quyền biểu quyết: Lê Thị Hồng')).toBeChecked();

	// The delegate, on another tablet, sees the meeting with its agenda in the new order.
	const delegateContext = await browser.newContext({ locale: 'vi-VN', viewport: page.viewportSize()!, hasTouch: true });
	await signInAs(delegateContext, baseURL!, 'delegate1');
	const delegate = await delegateContext.newPage();
	await delegate.goto('/meetings');
	await delegate.getByRole('link', { name: title }).click();
	await expect(delegate.getByRole('heading', { name: title })).toBeVisible();
	await expect(delegate.getByRole('heading', { name: '2. Kết luận của Chủ tọa' })).toBeVisible();
	await expect(delegate.getByRole('heading', { name: '3.1. Thảo luận' })).toBeVisible();
	await delegateContext.close();

	// The outsider does not even learn that it exists.
	const outsiderContext = await browser.newContext({ locale: 'vi-VN' });
	await signInAs(outsiderContext, baseURL!, 'outsider');
	const outsider = await outsiderContext.newPage();
	await outsider.goto('/meetings');
	await expect(outsider.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();
	await expect(outsider.getByRole('link', { name: title })).toHaveCount(0);
	await outsiderContext.close();
});
