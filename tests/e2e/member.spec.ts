import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, PASSWORD, signInAs } from './fixtures';

const DEMO_TITLE = /Phiên họp thường kỳ tháng 12 năm 2026/;

test.describe('a delegate on a tablet', () => {
	test('signs in in Vietnamese, finds the demo meeting and opens its agenda', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/login/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await page.getByLabel('Tên đăng nhập').fill('delegate1');
		await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();

		await expect(page.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Sắp diễn ra' })).toBeVisible();
		await expectNoHorizontalScroll(page);
		await page.getByRole('link', { name: DEMO_TITLE }).click();

		await expect(page.getByRole('heading', { name: DEMO_TITLE })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Chương trình họp' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '3. Dự thảo Nghị quyết về cải cách hành chính công giai đoạn 2026–2030' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '3.2. Biểu quyết thông qua' })).toBeVisible();
		// A delegate reads the meeting; preparing it is the secretariat's job.
		await expect(page.getByRole('link', { name: 'Soạn chương trình' })).toHaveCount(0);
		await expectNoHorizontalScroll(page);
	});

	test('is told clearly when the password is wrong, keeps the username and asks for the password again', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('Tên đăng nhập').fill('delegate2');
		await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.')).toBeVisible();
		await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('delegate2');
		// The refused password is gone and the cursor waits in its field.
		const password = page.getByLabel('Mật khẩu', { exact: true });
		await expect(password).toHaveValue('');
		await expect(password).toBeFocused();
		await expect(page).toHaveURL(/\/login/);
		await password.fill(PASSWORD);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();
	});

	test('switches to English and back to Vietnamese, and the choice is remembered', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate3');
		await page.goto('/meetings');
		await expect(page.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();

		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { name: 'My meetings' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
		await page.reload();
		await expect(page.getByRole('heading', { name: 'My meetings' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Upcoming' })).toBeVisible();

		await page.getByRole('button', { name: 'Tiếng Việt' }).click();
		await expect(page.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	});

	test('signs out, and the back button does not bring the meeting back', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate4');
		await page.goto('/meetings');
		await page.getByRole('button', { name: 'Đăng xuất' }).click();
		await expect(page).toHaveURL(/\/login/);
		await page.goto('/meetings');
		await expect(page).toHaveURL(/\/login/);
	});
});

test.describe('a member invited to nothing', () => {
	test('sees no meeting, and the demo meeting’s address answers “not found”', async ({ page, context, baseURL, playwright }) => {
		const chair = await playwright.request.newContext({ baseURL });
		await chair.post('/api/v1/session', { data: { username: 'chair', password: PASSWORD } });
		const { meetings } = (await (await chair.get('/api/v1/meetings')).json()) as { meetings: { id: string; title: string }[] };
		const demo = meetings.find((m) => DEMO_TITLE.test(m.title));
		expect(demo).toBeDefined();
		await chair.dispose();

		await signInAs(context, baseURL!, 'outsider');
		await page.goto('/meetings');
		await expect(page.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();
		await expect(page.getByRole('link', { name: DEMO_TITLE })).toHaveCount(0);

		const response = await page.goto(`/meetings/${demo!.id}`);
		expect(response?.status()).toBe(404);
		await expect(page.getByText(DEMO_TITLE)).toHaveCount(0);
		const agenda = await page.goto(`/meetings/${demo!.id}/agenda`);
		expect(agenda?.status()).toBe(404);
	});
});
