import { expect, request, test } from '@playwright/test';
import { expectNoHorizontalScroll, PASSWORD, signInAs, unique } from './fixtures';

test('a member sees the bell’s count, opens the list and a notice takes them to the meeting', async ({ page, context, baseURL }) => {
	// Set-up through the API: delegate1 starts with nothing unread; the secretariat announces a meeting with them in it.
	await signInAs(context, baseURL!, 'delegate1');
	expect((await context.request.post('/api/v1/notifications/read', { data: { all: true } })).status()).toBe(200);
	const me = await (await context.request.get('/api/v1/session')).json();
	const staff = await request.newContext({ baseURL });
	expect((await staff.post('/api/v1/session', { data: { username: 'secretary', password: PASSWORD } })).status()).toBe(200);
	const title = unique('Họp giao ban thông báo');
	const meeting = await (await staff.post('/api/v1/meetings', { data: { title, startsAt: '2027-04-05T01:00:00.000Z', location: 'Phòng họp số 2' } })).json();
	expect((await staff.post(`/api/v1/meetings/${meeting.id}/participants`, { data: { userId: me.user.id, role: 'delegate' } })).status()).toBe(201);
	expect((await staff.patch(`/api/v1/meetings/${meeting.id}`, { data: { status: 'scheduled' } })).status()).toBe(200);
	await staff.dispose();

	// The smallest phone: the bell stays in the header's one row beside the menu button.
	await page.setViewportSize({ width: 320, height: 568 });
	await page.goto('/meetings');
	const bell = page.getByRole('link', { name: 'Thông báo: 1 chưa đọc' });
	await expect(bell).toBeVisible();
	await expect(page.getByRole('button', { name: 'Trình đơn' })).toBeVisible();
	const [bellBox, menuBox] = [await bell.boundingBox(), await page.getByRole('button', { name: 'Trình đơn' }).boundingBox()];
	expect(Math.abs(bellBox!.y - menuBox!.y)).toBeLessThan(8);
	expect(bellBox!.height).toBeGreaterThanOrEqual(44);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: 'test-results/notices-header-320.png' });

	await bell.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thông báo' })).toBeVisible();
	await expect(page.getByText('1 thông báo chưa đọc')).toBeVisible();
	await expect(page.getByRole('heading', { name: `Chưa đọc: Mời họp: ${title}` })).toBeVisible();
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: 'test-results/notices-list-320.png', fullPage: true });

	await page.getByRole('button', { name: `Mở: Mời họp: ${title}` }).click();
	await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`));
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	// Opened is read: the bell has no count left.
	await expect(page.getByRole('link', { name: 'Thông báo', exact: true })).toBeVisible();
});
