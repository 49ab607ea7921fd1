import { expect, test, type Page } from '@playwright/test';
import { axeViolations, describeViolations } from './axe';
import { contextsFor, prepareScreens, type ScreenMeeting } from './screens';

/*
 * axe-core (WCAG 2.2 A and AA) on every main screen, in both languages, at this project's tablet size, and the
 * screens that change most on a phone (the header, the session page) on a phone held the same way (390×844 in
 * portrait, 844×390 in landscape). One test per language
 * walks all the screens, so a run costs a few sign-ins, not one per screen. Every violation is listed in the
 * failure message with its rule, element and fix.
 */

let meeting: ScreenMeeting;

test.beforeAll(async ({ baseURL }) => {
	meeting = await prepareScreens(baseURL!);
});

test.afterAll(async () => {
	await meeting?.dispose();
});

/**
 * Every checkbox and radio is tapped through a label of at least 44×44 px that holds it (WCAG 2.5.5's target, the
 * project's rule for touch; axe's own target-size rule asks only 24 px).
 */
async function smallChoiceTargets(page: Page, screen: string): Promise<string[]> {
	const problems = await page.evaluate(() => {
		const out: string[] = [];
		for (const input of document.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')) {
			if (input.getClientRects().length === 0) continue;
			const label = input.closest('label');
			const area = (label ?? input).getBoundingClientRect();
			if (area.height < 44 || area.width < 44) out.push(`${input.name || input.id || input.type} (${Math.round(area.width)}×${Math.round(area.height)} px)`);
		}
		return out;
	});
	return problems.map((p) => `${screen}: checkbox/radio target too small: ${p}`);
}

for (const locale of ['vi', 'en'] as const) {
	test(`no WCAG 2.2 AA violation on any main screen (${locale})`, async ({ browser, baseURL }) => {
		test.setTimeout(180_000);
		const { viewport } = test.info().project.use;
		const problems: string[] = [];

		const tablet = await contextsFor(browser, baseURL!, locale, { viewport: viewport! });
		try {
			for (const who of [null, 'delegate1', 'admin'] as const) {
				const page = await tablet.contexts.get(who)!.newPage();
				for (const screen of meeting.screens.filter((s) => s.who === who)) {
					await page.goto(screen.path);
					await screen.ready(page);
					await expect(page.locator('html')).toHaveAttribute('lang', locale);
					const label = `${screen.name} [${locale}, ${viewport!.width}×${viewport!.height}]`;
					problems.push(...describeViolations(label, await axeViolations(page)));
					problems.push(...(await smallChoiceTargets(page, label)));
				}
				await page.close();
			}
		} finally {
			await tablet.close();
		}

		// A phone held the same way as this project's tablet: the header (folded behind "Menu" when narrow) and the
		// session page with the ballot on top.
		const phoneSize = viewport!.width > viewport!.height ? { width: 844, height: 390 } : { width: 390, height: 844 };
		const size = `${phoneSize.width}×${phoneSize.height}`;
		const phone = await contextsFor(browser, baseURL!, locale, { viewport: phoneSize });
		try {
			const login = await phone.contexts.get(null)!.newPage();
			await login.goto('/login');
			problems.push(...describeViolations(`login [${locale}, ${size}]`, await axeViolations(login)));

			const page = await phone.contexts.get('delegate1')!.newPage();
			await page.goto('/meetings');
			const menu = page.getByRole('button', { name: locale === 'vi' ? 'Trình đơn' : 'Menu' });
			const archive = page.getByRole('navigation').getByRole('link', { name: locale === 'vi' ? 'Lưu trữ' : 'Archive' });
			if (phoneSize.width < 720) {
				await expect(menu).toHaveAttribute('aria-expanded', 'false');
				await expect(archive).toBeHidden();
				problems.push(...describeViolations(`meeting list, menu folded [${locale}, ${size}]`, await axeViolations(page)));
				await menu.click();
				await expect(menu).toHaveAttribute('aria-expanded', 'true');
			} else {
				await expect(menu).toBeHidden();
			}
			await expect(archive).toBeVisible();
			problems.push(...describeViolations(`meeting list, navigation shown [${locale}, ${size}]`, await axeViolations(page)));

			const vote = meeting.screens.find((s) => s.name === 'session page with an open vote')!;
			await page.goto(vote.path);
			await vote.ready(page);
			problems.push(...describeViolations(`${vote.name} [${locale}, ${size}]`, await axeViolations(page)));
		} finally {
			await phone.close();
		}

		expect(problems, `accessibility problems:\n${problems.join('\n')}`).toEqual([]);
	});
}
