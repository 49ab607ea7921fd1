import { expect, test, type APIRequestContext } from '@playwright/test';
import * as Y from 'yjs';
import { connectPeer, eventually, synced, type Peer } from '../integration/collab-client';
import { LEFT, LINE_HEIGHT, TOP, typeset, type Pages } from '../fixtures/typeset';
import { openSynced, overlay } from './collab-helpers';
import { signInAs, unique } from './fixtures';
import { apiAs, demoMeeting, RESOLUTION_ITEM } from './viewer-helpers';

// The secretariat replaces a draft an hour before the session: a delegate opens version 2 and finds their notes
// carried over, bars in the margin where the text changed, and the one highlight whose words are gone listed.

const PAGE_1 = [
	'Điều 1. Phạm vi điều chỉnh của Nghị quyết.',
	'Nghị quyết này quy định cơ chế hỗ trợ cải cách hành chính công trên địa bàn tỉnh.',
	'Các sở, ban, ngành chủ trì triển khai theo chức năng, nhiệm vụ được giao.',
	'Kinh phí thực hiện được bố trí từ nguồn ngân sách tỉnh hằng năm.',
	'Điều 2. Đối tượng áp dụng.',
	'Cán bộ, công chức làm việc tại Trung tâm Phục vụ hành chính công tỉnh.',
	'Viên chức, người lao động được cử đến làm việc tại bộ phận một cửa cấp huyện.'
];
const PAGE_2 = [
	'Điều 3. Mức hỗ trợ.',
	'Mức hỗ trợ hằng tháng bằng 30% mức lương cơ sở cho mỗi người.',
	'Thời gian hỗ trợ tính theo số tháng thực tế làm việc tại bộ phận một cửa.',
	'Điều 4. Tổ chức thực hiện.',
	'Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.'
];
const DELETED = 'Thời gian hỗ trợ tính theo số tháng thực tế làm việc tại bộ phận một cửa.';
const INSERTED = ['Điều 1a. Nguyên tắc hỗ trợ.', 'Việc hỗ trợ bảo đảm công khai, minh bạch, đúng đối tượng và đúng quy định.'];

const V1: Pages = [PAGE_1, PAGE_2];
const V2: Pages = [[...PAGE_1.slice(0, 4), ...INSERTED, ...PAGE_1.slice(4)], PAGE_2.filter((l) => l !== DELETED)];

const baseline = (line: number) => TOP - line * LINE_HEIGHT;

async function upload(api: APIRequestContext, baseURL: string, meetingId: string, itemId: string, bytes: Uint8Array, name: string, replaces?: string): Promise<string> {
	const res = await api.post(`/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		headers: { origin: new URL(baseURL).origin },
		multipart: { file: { name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) }, ...(replaces ? { replaces } : {}) }
	});
	expect(res.status(), await res.text()).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

async function cookieOf(api: APIRequestContext): Promise<string> {
	return (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

test('a delegate opens version 2 and finds their notes carried, the change bars and what could not be carried', async ({ page, baseURL }) => {
	const secretary = await apiAs(baseURL!, 'secretary');
	const delegate = await apiAs(baseURL!, 'delegate1');
	const me = (await (await delegate.get('/api/v1/session')).json()) as { user: { id: string; displayName: string } };
	const author = { id: me.user.id, displayName: me.user.displayName };
	const demo = await demoMeeting(secretary);
	const item = demo.agenda.find((i) => RESOLUTION_ITEM.test(i.title))!;
	const name = unique('du-thao-nghi-quyet').replace(/ /g, '-');
	const v1 = await upload(secretary, baseURL!, demo.id, item.id, await typeset(V1), `${name}.pdf`);

	// Delegate1's marks on version 1, written by a real y-websocket client as a tablet would.
	const cookie = await cookieOf(delegate);
	const peers: Peer[] = [connectPeer(baseURL!, `document:${v1}:shared`, cookie), connectPeer(baseURL!, `document:${v1}:private:${author.id}`, cookie)];
	try {
		await Promise.all(peers.map((p) => synced(p)));
		const mark = (id: string, fields: Record<string, unknown>) => ({ id, color: '#f7d94c', author, createdAt: Date.now(), updatedAt: Date.now(), ...fields });
		const [shared, mine] = peers.map((p) => p.doc);
		shared!.transact(() => {
			shared!.getMap('marks').set('n1', mark('n1', { kind: 'note', page: 1, x: 470, y: baseline(3) + 4, text: 'Cần làm rõ nguồn kinh phí', resolved: false }));
			// A note's thread exists from its birth (annotations.ts addMark).
			shared!.getMap('replies').set('n1', new Y.Array());
			shared!.getMap('marks').set('h1', mark('h1', { kind: 'highlight', page: 2, rects: [{ x: LEFT, y: baseline(2) - 2, width: 330, height: 11 }], text: 'tính theo số tháng thực tế' }));
		});
		mine!.getMap('marks').set('p1', mark('p1', { kind: 'note', page: 1, x: 470, y: baseline(5) + 4, text: 'Ghi chú riêng: hỏi Sở Nội vụ', resolved: false }));
		await eventually(() => peers.every((p) => p.provider.synced && !p.provider.wsconnecting), 5_000, 'marks sent');
	} finally {
		// Give the server a moment past the last frame: updates are committed once per event-loop turn.
		await new Promise((r) => setTimeout(r, 300));
		for (const p of peers) p.destroy();
	}
	const v2 = await upload(secretary, baseURL!, demo.id, item.id, await typeset(V2), `${name}.pdf`, v1);

	await signInAs(page.context(), baseURL!, 'delegate1');
	await openSynced(page, `/meetings/${demo.id}/documents/${v2}`);
	// Both notes came over, in their layers, beside the same lines.
	await expect(page.getByRole('button', { name: /Cần làm rõ nguồn kinh phí/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /Ghi chú riêng: hỏi Sở Nội vụ/ })).toBeVisible();
	await expect(overlay(page, 1).locator('[data-change-bar="added"]')).toHaveCount(1);
	await page.screenshot({ path: 'test-results/versions/v2-page-1.png' });

	const toggle = page.getByRole('button', { name: /Thay đổi so với phiên bản 1/ });
	await expect(toggle).toContainText('Số trang thay đổi: 2 · Ghi chú chưa chuyển: 1');
	await toggle.click();
	await expect(page.getByRole('heading', { name: 'Ghi chú chưa chuyển sang phiên bản này (1)' })).toBeVisible();
	await expect(page.getByText('Đoạn gốc: “tính theo số tháng thực tế”')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Xem ở phiên bản 1, trang 2' })).toHaveAttribute('href', `/meetings/${demo.id}/documents/${v1}#page=2`);
	await page.screenshot({ path: 'test-results/versions/v2-changes.png' });
	// The list goes to the page of a change; the removed line is told on page 2.
	await page.getByRole('button', { name: /Đến trang 2: Lược bỏ/ }).click();
	await expect(page.getByRole('textbox', { name: 'Đến trang' })).toHaveValue('2');
	await expect(overlay(page, 2).locator('[data-change-bar="removed"]')).toHaveCount(1);

	// The meeting page's card tells the same in one line.
	await page.goto(`/meetings/${demo.id}`);
	await expect(page.getByText('Phiên bản 2: 2 trang có thay đổi, 1 ghi chú không chuyển sang được').first()).toBeVisible();
});
