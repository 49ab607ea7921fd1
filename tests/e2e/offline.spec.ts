import fs from 'node:fs';
import path from 'node:path';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD, signInAs, unique, useLanguage } from './fixtures';
import { pdfPath } from '../fixtures/pdfs';

/*
 * Offline reading: "Make available offline" on the meeting page, then no network at all (Playwright's
 * setOffline also cuts the service worker's own fetches in Chromium). Every test gets a fresh browser context,
 * so each starts without a service worker or caches.
 */

const DEMO_TITLE = /Phiên họp thường kỳ tháng 12 năm 2026/;
const TRACEMONKEY = pdfPath('tracemonkey.pdf');

interface MeetingSummary {
	id: string;
	title: string;
}
interface AgendaItem {
	id: string;
	title: string;
}
interface DocumentSummary {
	id: string;
	filename: string;
	latestVersionId: string;
	sizeBytes: number;
	sha256: string;
}

async function signedIn(baseURL: string, username: string): Promise<APIRequestContext> {
	const api = await request.newContext({ baseURL });
	const res = await api.post('/api/v1/session', { data: { username, password: PASSWORD } });
	expect(res.status(), `sign in as ${username}`).toBe(200);
	return api;
}

async function demoMeeting(api: APIRequestContext): Promise<{ id: string; agenda: AgendaItem[] }> {
	const { meetings } = (await (await api.get('/api/v1/meetings')).json()) as { meetings: MeetingSummary[] };
	const demo = meetings.find((m) => DEMO_TITLE.test(m.title));
	expect(demo, 'the demo meeting').toBeDefined();
	const meeting = (await (await api.get(`/api/v1/meetings/${demo!.id}`)).json()) as { agenda: AgendaItem[] };
	return { id: demo!.id, agenda: meeting.agenda };
}

/** tracemonkey.pdf under the first agenda item, uploaded once whichever viewport's run comes first. */
async function ensureTracemonkey(api: APIRequestContext, origin: string, meetingId: string, itemId: string): Promise<DocumentSummary> {
	const listed = (await (await api.get(`/api/v1/meetings/${meetingId}/documents`)).json()) as { documents: DocumentSummary[] };
	const existing = listed.documents.find((d) => d.filename === 'tracemonkey.pdf' && d.id === d.latestVersionId);
	if (existing) return existing;
	return uploadTracemonkey(api, origin, meetingId, itemId);
}

async function uploadTracemonkey(api: APIRequestContext, origin: string, meetingId: string, itemId: string): Promise<DocumentSummary> {
	const res = await api.post(`/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		// A multipart POST is a form submission to SvelteKit's CSRF check: it must name our own origin.
		headers: { origin },
		multipart: { file: { name: 'tracemonkey.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(TRACEMONKEY) } }
	});
	expect(res.status(), await res.text()).toBe(201);
	return (await res.json()) as DocumentSummary;
}

/** Cache Storage as the page sees it. */
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());
const userCaches = (names: string[]) => names.filter((n) => n.startsWith('quorum-pages:') || n.startsWith('quorum-meeting:'));

async function makeAvailableOffline(page: Page, names: { button: string; ready: string }): Promise<void> {
	const region = page.getByRole('region', { name: /Đọc ngoại tuyến|Offline reading/ });
	await region.getByRole('button', { name: names.button }).click();
	await expect(region.getByText(names.ready)).toBeVisible({ timeout: 30_000 });
	// The page is controlled by the service worker before the network goes (it claims clients on activation).
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test.describe('offline reading', () => {
	let meetingId: string;
	let doc: DocumentSummary;

	test.beforeAll(async ({ baseURL }) => {
		const secretary = await signedIn(baseURL!, 'secretary');
		const demo = await demoMeeting(secretary);
		meetingId = demo.id;
		doc = await ensureTracemonkey(secretary, new URL(baseURL!).origin, demo.id, demo.agenda[0]!.id);
		await secretary.dispose();
	});

	test('a delegate saves the meeting, loses the network, and still opens the meeting and the document', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate1');
		await page.goto(`/meetings/${meetingId}`);
		await expect(page.getByRole('heading', { level: 1, name: DEMO_TITLE })).toBeVisible();
		await makeAvailableOffline(page, { button: 'Tải về để đọc ngoại tuyến', ready: 'Đã sẵn sàng ngoại tuyến' });
		await expect(page.getByRole('button', { name: 'Xóa bản ngoại tuyến' })).toBeVisible();

		await context.setOffline(true);
		const status = page.getByRole('status', { name: 'Trạng thái kết nối' });
		await expect(status).toHaveText('Mất kết nối');

		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: DEMO_TITLE })).toBeVisible();
		await expect(status).toHaveText('Mất kết nối');
		await expect(page.getByText('Đã sẵn sàng ngoại tuyến')).toBeVisible();

		// pdf.js's range requests are answered from the stored whole file, byte for byte.
		const probe = await page.evaluate(async (url) => {
			const ranged = await fetch(url, { headers: { range: 'bytes=0-7' } });
			const tail = await fetch(url, { headers: { range: 'bytes=-5' } });
			const whole = await fetch(url);
			return {
				status: ranged.status,
				contentRange: ranged.headers.get('content-range'),
				head: new TextDecoder().decode(await ranged.arrayBuffer()),
				tailStatus: tail.status,
				tailRange: tail.headers.get('content-range'),
				tailBytes: (await tail.arrayBuffer()).byteLength,
				wholeStatus: whole.status,
				wholeLength: (await whole.arrayBuffer()).byteLength,
				acceptRanges: whole.headers.get('accept-ranges')
			};
		}, `/api/v1/documents/${doc.id}/file`);
		expect(probe).toEqual({
			status: 206,
			contentRange: `bytes 0-7/${doc.sizeBytes}`,
			head: '%PDF-1.4',
			tailStatus: 206,
			tailRange: `bytes ${doc.sizeBytes - 5}-${doc.sizeBytes - 1}/${doc.sizeBytes}`,
			tailBytes: 5,
			wholeStatus: 200,
			wholeLength: doc.sizeBytes,
			acceptRanges: 'bytes'
		});

		// Opening the document from the meeting page: offline, the link becomes a full page load from the cache.
		await page.locator(`a[href="/meetings/${meetingId}/documents/${doc.id}"]`).first().click();
		await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}/documents/${doc.id}$`));
		await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
		const painted = await page.evaluate(() => {
			const canvas = document.querySelector<HTMLCanvasElement>('.pdf-viewer canvas');
			if (!canvas || canvas.width === 0) return false;
			const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
			for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) return true; // some dark ink on the page
			return false;
		});
		expect(painted, 'page 1 is drawn').toBe(true);
		await expect(status).toHaveText('Mất kết nối');

		// A page never opened falls back to the offline page, which lists what was saved.
		await page.goto('/account');
		await expect(page.getByRole('heading', { name: 'Bạn đang ngoại tuyến' })).toBeVisible();
		await expect(page.getByRole('link', { name: DEMO_TITLE })).toBeVisible();

		await context.setOffline(false);
	});

	test('signing out removes every offline copy', async ({ page, context, baseURL }) => {
		await useLanguage(context, baseURL!, 'en');
		await signInAs(context, baseURL!, 'delegate2');
		await page.goto(`/meetings/${meetingId}`);
		await makeAvailableOffline(page, { button: 'Make available offline', ready: 'Available offline' });
		expect(userCaches(await cacheNames(page)).length).toBeGreaterThan(0);

		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/login/);
		expect(await cacheNames(page)).toEqual([]);
		expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
	});

	test('signing out through the API empties the caches too (the service worker sees the request)', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate3');
		await page.goto(`/meetings/${meetingId}`);
		await makeAvailableOffline(page, { button: 'Tải về để đọc ngoại tuyến', ready: 'Đã sẵn sàng ngoại tuyến' });
		expect(userCaches(await cacheNames(page)).length).toBeGreaterThan(0);

		// No Clear-Site-Data on this answer: only the service worker's own wipe can empty the caches.
		expect(await page.evaluate(async () => (await fetch('/api/v1/session', { method: 'DELETE' })).status)).toBe(204);
		await expect.poll(async () => userCaches(await cacheNames(page))).toEqual([]);
	});

	test('the next person on the tablet finds nothing of the previous one', async ({ page, context, baseURL }) => {
		await signInAs(context, baseURL!, 'delegate4');
		await page.goto(`/meetings/${meetingId}`);
		await makeAvailableOffline(page, { button: 'Tải về để đọc ngoại tuyến', ready: 'Đã sẵn sàng ngoại tuyến' });
		const before = userCaches(await cacheNames(page));
		expect(before.length).toBeGreaterThan(0);

		// Another account's cookie replaces the session without any sign-out passing through the browser.
		await signInAs(context, baseURL!, 'observer');
		await page.goto(`/meetings/${meetingId}`);
		await expect(page.getByRole('button', { name: 'Tải về để đọc ngoại tuyến' })).toBeVisible();
		await expect.poll(async () => userCaches(await cacheNames(page)).filter((name) => before.includes(name))).toEqual([]);
	});

	test('the offline copy goes when the delegate is removed from the meeting', async ({ page, context, baseURL }) => {
		// A meeting of its own, so removing the delegate changes nothing for the other tests.
		const secretary = await signedIn(baseURL!, 'secretary');
		const meeting = (await (await secretary.post('/api/v1/meetings', { data: { title: unique('Họp ngoại tuyến'), startsAt: '2026-12-20T08:00:00+07:00' } })).json()) as { id: string };
		const item = (await (await secretary.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { title: 'Tài liệu' } })).json()) as { id: string };
		const users = (await (await secretary.get('/api/v1/users')).json()) as { users: { id: string; username: string }[] };
		const delegate = users.users.find((u) => u.username === 'delegate5')!;
		expect((await secretary.post(`/api/v1/meetings/${meeting.id}/participants`, { data: { userId: delegate.id, role: 'delegate' } })).status()).toBe(201);
		await uploadTracemonkey(secretary, new URL(baseURL!).origin, meeting.id, item.id);

		await signInAs(context, baseURL!, 'delegate5');
		await page.goto(`/meetings/${meeting.id}`);
		await makeAvailableOffline(page, { button: 'Tải về để đọc ngoại tuyến', ready: 'Đã sẵn sàng ngoại tuyến' });
		expect(await cacheNames(page)).toContain(`quorum-meeting:${delegate.id}:${meeting.id}`);

		expect((await secretary.delete(`/api/v1/meetings/${meeting.id}/participants/${delegate.id}`)).status()).toBe(204);
		await secretary.dispose();

		// The next start of the app (here: opening the meeting list) checks the list and drops the copy.
		await page.goto('/meetings');
		await expect.poll(async () => (await cacheNames(page)).filter((n) => n.includes(meeting.id))).toEqual([]);
	});
});
