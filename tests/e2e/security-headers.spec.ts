import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { PASSWORD, signInAs, unique } from './fixtures';
import { ARCHIVED_MEETING } from '../../src/lib/server/demo/archived-data';
import { apiAs, demoMeeting, ensureDocument, expectPageRendered, RESOLUTION_ITEM, type DocumentSummary } from './viewer-helpers';

/*
 * The pages under their Content-Security-Policy and Permissions-Policy (src/lib/server/security-headers.js):
 * everything a tablet does in a meeting (sign in, the meeting page, the viewer with pdf.js and its worker, the
 * annotation rooms over WebSocket, the vote page's live room, the service worker and a page it serves offline)
 * runs without a single violation. A policy that is too tight shows up here; one that is too loose is caught by
 * tests/integration/security-headers.test.ts.
 */

let meetingId: string;
let doc: DocumentSummary;

test.beforeAll(async ({ baseURL }) => {
	const secretary = await apiAs(baseURL!, 'secretary');
	const demo = await demoMeeting(secretary);
	meetingId = demo.id;
	const item = demo.agenda.find((i) => RESOLUTION_ITEM.test(i.title));
	expect(item, 'agenda item 3').toBeDefined();
	doc = await ensureDocument(secretary, baseURL!, demo.id, item!.id, 'tracemonkey.pdf');
	await secretary.dispose();
});

interface Violation {
	directive: string;
	blocked: string;
	source: string;
	page: string;
}

/**
 * Every `securitypolicyviolation` event of every page of the context (installed before any page script runs, and
 * reported through a binding, so navigations lose nothing), and every console message about a policy: Chromium
 * logs blocked resources and unknown Permissions-Policy features there.
 */
async function watchPolicies(context: BrowserContext): Promise<{ violations: Violation[]; messages: string[] }> {
	const violations: Violation[] = [];
	const messages: string[] = [];
	await context.exposeBinding('__reportViolation', (_source, v: Violation) => void violations.push(v));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { __reportViolation: (v: unknown) => void }).__reportViolation;
			void report({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, page: location.pathname });
		});
	});
	const listen = (page: Page) =>
		page.on('console', (msg) => {
			if (/Content[- ]Security[- ]Policy|Permissions[- ]Policy|Refused to/i.test(msg.text())) messages.push(`${page.url()}: ${msg.text()}`);
		});
	context.on('page', listen);
	for (const page of context.pages()) listen(page);
	return { violations, messages };
}

test.setTimeout(120_000);

test('a delegate signs in, reads a document with its annotations and opens the vote page: no policy is violated', async ({ page, context, baseURL }, testInfo) => {
	const watched = await watchPolicies(context);
	const sockets: string[] = [];
	page.on('websocket', (ws) => ws.on('framereceived', () => void (sockets.includes(ws.url()) || sockets.push(ws.url()))));

	// The sign-in form: SvelteKit's nonce'd bootstrap hydrates it, and form-action 'self' lets it post.
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('delegate1');
	await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.getByRole('heading', { name: 'Cuộc họp của tôi' })).toBeVisible();

	await page.goto(`/meetings/${meetingId}`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// The service worker registers (worker-src 'self') and installs the shell.
	expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/service-worker\.js$/);
	await page.screenshot({ path: testInfo.outputPath(`meeting-${testInfo.project.name}.png`) });

	// A full load of the viewer: the early range script (allowed by its hash) runs, pdf.js and its module worker
	// load, page 1 is drawn, and both annotation rooms sync over the WebSocket.
	await page.goto(`/meetings/${meetingId}/documents/${doc.id}`);
	await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
	await expectPageRendered(page, 1);
	expect(await page.evaluate(() => '__quorumPdfPrefetch' in window), 'the early range script ran').toBe(true);
	await expect(page.locator('.pdfViewer .page[data-page-number="1"] .textLayer span').first()).toBeAttached();
	await expect(page.getByRole('status', { name: 'Trạng thái đồng bộ ghi chú' })).toHaveText('Ghi chú đã đồng bộ', { timeout: 15_000 });
	expect(sockets.some((url) => new URL(url).pathname.startsWith('/collab')), `a /collab socket answered: ${sockets.join(', ')}`).toBe(true);
	await page.screenshot({ path: testInfo.outputPath(`viewer-${testInfo.project.name}.png`) });

	// The vote page: the live room syncs (the status dot turns green).
	await page.goto(`/meetings/${meetingId}/vote`);
	await expect(page.locator('.live-status.ok')).toBeVisible({ timeout: 15_000 });
	await page.screenshot({ path: testInfo.outputPath(`vote-${testInfo.project.name}.png`) });

	// A page the service worker stored, served offline with the header it was stored with: its nonce still matches.
	await page.goto(`/meetings/${meetingId}`);
	const offline = page.getByRole('region', { name: 'Đọc ngoại tuyến' });
	await offline.getByRole('button', { name: /Tải về để đọc ngoại tuyến|Cập nhật bản ngoại tuyến/ }).click();
	await expect(offline.getByText('Đã sẵn sàng ngoại tuyến')).toBeVisible({ timeout: 30_000 });
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('status', { name: 'Trạng thái kết nối' })).toHaveText('Mất kết nối');
	await page.goto(`/meetings/${meetingId}/documents/${doc.id}`);
	await expect(page.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
	await context.setOffline(false);

	expect(watched.violations, 'CSP violations').toEqual([]);
	expect(watched.messages, 'console messages about a policy').toEqual([]);
});

test('the secretary writes minutes in the editor and reads the archive: no policy is violated', async ({ page, context, baseURL }) => {
	const watched = await watchPolicies(context);
	const secretary = await apiAs(baseURL!, 'secretary');
	const created = await secretary.post('/api/v1/meetings', { data: { title: unique('Họp kiểm tra chính sách bảo mật'), startsAt: '2026-12-22T08:00:00+07:00', location: 'Phòng họp số 3' } });
	const meeting = (await created.json()) as { id: string };
	expect((await secretary.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { title: 'Thông qua chương trình' } })).status()).toBe(201);
	const { meetings } = (await (await secretary.get('/api/v1/meetings')).json()) as { meetings: { id: string; title: string }[] };
	const archived = meetings.find((m) => m.title === ARCHIVED_MEETING.title)!;
	await secretary.dispose();
	await signInAs(context, baseURL!, 'secretary');

	// Tiptap (which adds a <style> element) bound to the minutes room over the WebSocket.
	await page.goto(`/meetings/${meeting.id}/minutes`);
	await page.getByRole('button', { name: 'Bắt đầu lập biên bản' }).click();
	await expect(page.getByRole('status', { name: 'Trạng thái lưu biên bản' })).toHaveText('Đã lưu', { timeout: 15_000 });
	const editor = page.getByRole('textbox', { name: 'Nội dung biên bản' });
	await expect(editor).toHaveAttribute('contenteditable', 'true');
	await editor.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.type(' Ghi chú thử.');
	await expect(editor).toContainText('Ghi chú thử.');

	// The archive, and the approved minutes of the demo's past meeting (server-rendered HTML of the record).
	await page.goto('/archive');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.goto(`/meetings/${archived.id}/minutes`);
	await expect(page.getByText('Tóm tắt thảo luận và kết luận của Chủ tọa.').first()).toBeVisible();

	expect(watched.violations, 'CSP violations').toEqual([]);
	expect(watched.messages, 'console messages about a policy').toEqual([]);
});
