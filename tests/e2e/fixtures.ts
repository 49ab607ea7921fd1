import { expect, type BrowserContext, type Page } from '@playwright/test';

export const PASSWORD = 'quorum-demo';

/**
 * Signs in through the API and hands the session cookie to the browser context, so tests that are not about
 * the login page do not click through it.
 */
export async function signInAs(context: BrowserContext, baseURL: string, username: string): Promise<void> {
	const res = await context.request.post(`${baseURL}/api/v1/session`, { data: { username, password: PASSWORD } });
	expect(res.status(), `sign in as ${username}`).toBe(200);
}

export async function useLanguage(context: BrowserContext, baseURL: string, locale: 'vi' | 'en'): Promise<void> {
	await context.addCookies([{ name: 'quorum_locale', value: locale, url: baseURL }]);
}

/** A name no other test (or an earlier run of this one in the other viewport) uses. */
export function unique(prefix: string): string {
	return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, 'page is wider than the screen').toBeLessThanOrEqual(1);
}

/** Closing a vote while members have not voted asks once more, naming how many: the chair confirms. */
export async function confirmCloseVote(page: Page): Promise<void> {
	await page.getByRole('dialog', { name: 'Kết thúc biểu quyết?' }).getByRole('button', { name: 'Vẫn kết thúc' }).click();
}
