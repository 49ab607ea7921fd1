import { expect, test, type Page } from '@playwright/test';
import { contextsFor, prepareScreens, type ScreenMeeting } from './screens';

/*
 * Nothing on any main screen is wider than the screen, from a 320 px phone to a 1440 px desktop. Each project walks
 * the sizes held its own way: portrait 320×568, 390×844 and 768×1024; landscape 844×390, 1024×768 and 1440×900.
 * Each screen is loaded once and the window resized, so the walk costs one page load per screen.
 */

let meeting: ScreenMeeting;

test.beforeAll(async ({ baseURL }) => {
	meeting = await prepareScreens(baseURL!);
});

test.afterAll(async () => {
	await meeting?.dispose();
});

const PORTRAIT = [
	{ width: 320, height: 568 },
	{ width: 390, height: 844 },
	{ width: 768, height: 1024 }
];
const LANDSCAPE = [
	{ width: 844, height: 390 },
	{ width: 1024, height: 768 },
	{ width: 1440, height: 900 }
];

/** How far the page is wider than the window, and the outermost elements that reach past its right edge. */
async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
	return page.evaluate(async () => {
		// Two frames: layout after the resize, and whatever the page's resize handlers change in turn.
		await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
		const by = document.documentElement.scrollWidth - window.innerWidth;
		const culprits: string[] = [];
		if (by > 0) {
			for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
				const box = el.getBoundingClientRect();
				if (box.right <= window.innerWidth + 0.5 || box.width === 0) continue;
				// Only the outermost: a child of an element already listed says nothing new.
				if (el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 0.5) continue;
				const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
				culprits.push(`${name} (right edge at ${Math.round(box.right)} px)`);
				if (culprits.length >= 5) break;
			}
		}
		return { by, culprits };
	});
}

test('no screen overflows sideways, and on a narrow screen the open vote comes first', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	const { viewport } = test.info().project.use;
	const sizes = viewport!.width > viewport!.height ? LANDSCAPE : PORTRAIT;
	const problems: string[] = [];
	const { contexts, close } = await contextsFor(browser, baseURL!, 'vi', { viewport: sizes[0]! });
	try {
		for (const who of [null, 'delegate1', 'admin'] as const) {
			const page = await contexts.get(who)!.newPage();
			for (const screen of meeting.screens.filter((s) => s.who === who)) {
				await page.setViewportSize(sizes[0]!);
				await page.goto(screen.path);
				await screen.ready(page);
				for (const size of sizes) {
					await page.setViewportSize(size);
					const { by, culprits } = await overflow(page);
					if (by > 0) problems.push(`${screen.name} at ${size.width}×${size.height}: ${by} px too wide; ${culprits.join(', ')}`);
				}
			}
			await page.close();
		}

		// The folded header opened on a narrow phone, and the session page's order.
		const page = await contexts.get('delegate1')!.newPage();
		for (const size of sizes) {
			await page.setViewportSize(size);
			await page.goto('/meetings');
			const menu = page.getByRole('button', { name: 'Trình đơn' });
			if (size.width < 720) {
				await menu.click();
				await expect(page.getByRole('navigation').getByRole('link', { name: 'Lưu trữ' })).toBeVisible();
				const { by, culprits } = await overflow(page);
				if (by > 0) problems.push(`meeting list with the menu open at ${size.width}×${size.height}: ${by} px too wide; ${culprits.join(', ')}`);
			} else {
				await expect(menu).toBeHidden();
			}

			const vote = meeting.screens.find((s) => s.name === 'session page with an open vote')!;
			await page.goto(vote.path);
			await vote.ready(page);
			const top = async (name: RegExp) => (await page.getByRole('region', { name }).first().boundingBox())!.y;
			if (size.width < 960) {
				const voting = await top(/^Biểu quyết$/);
				expect(voting, `the vote above attendance at ${size.width}×${size.height}`).toBeLessThan(await top(/^Điểm danh$/));
			}
			if (size.width === 390) {
				// The ballot's first choice is on the first screen, not 1,100 px down.
				const option = (await page.locator('.ballot .option').first().boundingBox())!;
				expect(option.y + option.height, 'the ballot is on the first screen').toBeLessThanOrEqual(size.height);
			}
		}
		await page.close();
	} finally {
		await close();
	}
	expect(problems, `screens wider than the window:\n${problems.join('\n')}`).toEqual([]);
});
