import { expect, request, test } from '@playwright/test';
import { expectNoHorizontalScroll, PASSWORD, signInAs, unique } from './fixtures';

// Issue 19: a member answers a written opinion poll on a phone, without checking in anywhere; the secretariat
// closes it and the member reads the result. The poll is set up through the API.

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('a member answers a poll on a phone and reads the result once it is closed', async ({ page, context, baseURL }) => {
	const staff = await request.newContext({ baseURL });
	expect((await staff.post('/api/v1/session', { data: { username: 'secretary', password: PASSWORD } })).status()).toBe(200);
	const users: { users: { id: string; username: string }[] } = await (await staff.get('/api/v1/users')).json();
	const idOf = (username: string) => users.users.find((u) => u.username === username)!.id;
	const title = unique('Chủ trương sửa chữa trụ sở');
	const created = await staff.post('/api/v1/polls', {
		data: { title, text: 'Xin ý kiến thành viên về chủ trương sửa chữa trụ sở.', memberIds: [idOf('delegate1'), idOf('delegate2')], deadline: new Date(Date.now() + 86_400_000).toISOString(), ballot: 'open' }
	});
	expect(created.status()).toBe(201);
	const pollId: string = (await created.json()).id;

	await signInAs(context, baseURL!, 'delegate1');
	await page.goto('/polls');
	const open = page.getByRole('region', { name: 'Đang lấy ý kiến' });
	await open.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

	await page.getByRole('radio', { name: 'Ý kiến khác' }).check();
	await page.getByRole('textbox', { name: 'Góp ý' }).fill('Cần bổ sung dự toán chi tiết');
	await page.getByRole('checkbox', { name: /Xác nhận đây là ý kiến cuối cùng/ }).check();
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: 'test-results/polls-phone-answer.png', fullPage: true });
	await page.getByRole('button', { name: 'Gửi ý kiến' }).click();

	await expect(page.getByRole('status').filter({ hasText: 'Ý kiến của bạn: Ý kiến khác (đã xác nhận cuối cùng).' })).toBeVisible();
	// Final: the form is gone; the list of members says who has answered, not what.
	await expect(page.getByRole('button', { name: 'Gửi ý kiến' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Thành viên được lấy ý kiến' })).toContainText('1/2 thành viên đã trả lời');

	expect((await staff.post(`/api/v1/polls/${pollId}/close`)).status()).toBe(200);
	await page.reload();
	const result = page.getByRole('region', { name: 'Kết quả' });
	await expect(result.getByText('Không thông qua', { exact: true })).toBeVisible();
	await expect(result).toContainText('Cần bổ sung dự toán chi tiết');
	await expect(result.getByRole('link', { name: 'Tổng hợp ý kiến thành viên (PDF)' })).toBeVisible();
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: 'test-results/polls-phone-result.png', fullPage: true });
	await staff.dispose();
});
