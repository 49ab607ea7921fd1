import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoHorizontalScroll, signInAs, unique } from './fixtures';

// The secretariat's desk on a tablet (issue 21): asked before the chair changes hands, and agenda levels by touch
// and keyboard. Both projects run it: 1024×768 and 768×1024.

async function staffApi(request: APIRequestContext, baseURL: string) {
	const res = await request.post(`${baseURL}/api/v1/session`, { data: { username: 'secretary', password: 'quorum-demo' } });
	expect(res.status()).toBe(200);
	const users = (await (await request.get(`${baseURL}/api/v1/users`)).json()) as { users: { id: string; username: string }[] };
	const id = (username: string) => users.users.find((u) => u.username === username)!.id;
	const ok = async (res: Awaited<ReturnType<APIRequestContext['post']>>) => {
		expect(res.ok(), await res.text()).toBe(true);
		return (await res.json()) as { id: string };
	};
	return { id, ok };
}

test('naming a second chair asks first, in a dialog, and only then changes the chair', async ({ page, request, baseURL }) => {
	const { id, ok } = await staffApi(request, baseURL!);
	const title = unique('Họp Ban chỉ đạo');
	const meeting = await ok(await request.post(`${baseURL}/api/v1/meetings`, { data: { title, startsAt: '2027-05-01T08:00:00+07:00' } }));
	const base = `${baseURL}/api/v1/meetings/${meeting.id}`;
	await ok(await request.post(`${base}/participants`, { data: { userId: id('chair'), role: 'chair' } }));
	await ok(await request.post(`${base}/participants`, { data: { userId: id('delegate4'), role: 'delegate' } }));
	await ok(await request.post(`${base}/participants`, { data: { userId: id('observer'), role: 'observer' } }));

	await signInAs(page.context(), baseURL!, 'secretary');
	await page.goto(`/meetings/${meeting.id}/participants`);
	// Listed by role.
	await expect(page.getByRole('heading', { name: 'Chủ tọa (1)' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Đại biểu (1)' }).getByText('Vũ Thị Mai')).toBeVisible();
	await expect(page.getByRole('list', { name: 'Quan sát viên (1)' }).getByText('Bùi Thị Lan')).toBeVisible();

	const askToChair = async () => {
		await page.getByLabel('Vai trò: Vũ Thị Mai').selectOption({ label: 'Chủ tọa' });
		await page.getByRole('button', { name: 'Lưu: Vũ Thị Mai' }).tap();
		const dialog = page.getByRole('dialog', { name: 'Chuyển chủ tọa?' });
		await expect(dialog).toBeVisible();
		await expect(dialog).toContainText('Trần Văn Minh đang là chủ tọa; chuyển chủ tọa cho Vũ Thị Mai?');
		return dialog;
	};

	// Cancelled: nothing changed.
	let dialog = await askToChair();
	await dialog.getByRole('link', { name: 'Hủy' }).tap();
	await expect(dialog).toBeHidden();
	await page.reload();
	await expect(page.getByLabel('Vai trò: Trần Văn Minh')).toHaveValue('chair');
	await expect(page.getByLabel('Vai trò: Vũ Thị Mai')).toHaveValue('delegate');

	// Confirmed: the chair changes hands, the former chair is a delegate.
	dialog = await askToChair();
	await dialog.getByRole('button', { name: 'Chuyển chủ tọa' }).tap();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('list', { name: 'Chủ tọa (1)' }).getByText('Vũ Thị Mai')).toBeVisible();
	await expect(page.getByLabel('Vai trò: Trần Văn Minh')).toHaveValue('delegate');
	await expectNoHorizontalScroll(page);
	const list = (await (await request.get(`${base}/participants`)).json()) as { participants: { userId: string; role: string }[] };
	expect(list.participants.filter((p) => p.role === 'chair').map((p) => p.userId)).toEqual([id('delegate4')]);
});

test('a sub-item is promoted by touch and demoted again from the keyboard', async ({ page, request, baseURL }) => {
	const { ok } = await staffApi(request, baseURL!);
	const meeting = await ok(await request.post(`${baseURL}/api/v1/meetings`, { data: { title: unique('Họp chuyên đề'), startsAt: '2027-05-02T08:00:00+07:00' } }));
	const agenda = `${baseURL}/api/v1/meetings/${meeting.id}/agenda`;
	await ok(await request.post(agenda, { data: { title: 'Khai mạc' } }));
	const report = await ok(await request.post(agenda, { data: { title: 'Báo cáo quý' } }));
	await ok(await request.post(agenda, { data: { title: 'Thảo luận tổ', parentId: report.id } }));
	const outline = async () => {
		const tree = (await (await request.get(agenda)).json()) as { agenda: { number: string; title: string; children: { number: string; title: string }[] }[] };
		return tree.agenda.flatMap((n) => [`${n.number} ${n.title}`, ...n.children.map((c) => `${c.number} ${c.title}`)]);
	};

	await signInAs(page.context(), baseURL!, 'secretary');
	await page.goto(`/meetings/${meeting.id}/agenda`);
	const promote = page.getByRole('button', { name: 'Đưa lên thành nội dung chính: Thảo luận tổ' });
	const box = await promote.boundingBox();
	expect(box!.width).toBeGreaterThanOrEqual(44);
	expect(box!.height).toBeGreaterThanOrEqual(44);
	await promote.tap();
	await expect(page.locator('#agenda-live')).toHaveText('“Thảo luận tổ” là nội dung 3.');
	await expect(page.getByRole('button', { name: 'Đưa vào nội dung phía trên: Thảo luận tổ' })).toBeFocused();
	await expect.poll(outline).toEqual(['1 Khai mạc', '2 Báo cáo quý', '3 Thảo luận tổ']);

	// From the keyboard: → on the item's handle puts it back under the item above.
	const handle = page.getByRole('button', { name: 'Di chuyển: Thảo luận tổ', exact: true });
	await handle.focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('#agenda-live')).toHaveText('“Thảo luận tổ” là nội dung con 2.1.');
	await expect.poll(outline).toEqual(['1 Khai mạc', '2 Báo cáo quý', '2.1 Thảo luận tổ']);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Đưa lên thành nội dung chính: Thảo luận tổ' })).toBeVisible();
	// The first item has nothing above it to go under.
	await expect(page.getByRole('button', { name: 'Đưa vào nội dung phía trên: Khai mạc' })).toBeDisabled();
	await expectNoHorizontalScroll(page);
});

test('a deputy named by a member waits until the secretariat lets them in from the participants screen', async ({ page, request, browser, baseURL }) => {
	const { id, ok } = await staffApi(request, baseURL!);
	const meeting = await ok(
		await request.post(`${baseURL}/api/v1/meetings`, { data: { title: unique('Họp giao ban'), startsAt: '2027-05-03T08:00:00+07:00', status: 'scheduled' } })
	);
	const base = `${baseURL}/api/v1/meetings/${meeting.id}`;
	await ok(await request.post(`${base}/participants`, { data: { userId: id('delegate4'), role: 'delegate' } }));
	const member = await browser.newContext();
	await signInAs(member, baseURL!, 'delegate4');
	const named = await member.request.put(`${base}/reply`, { data: { attending: false, reason: 'business_trip', substituteId: id('delegate5') } });
	expect(named.status()).toBe(200);

	await signInAs(page.context(), baseURL!, 'secretary');
	await page.goto(`/meetings/${meeting.id}/participants`);
	const replies = page.getByRole('table', { name: 'Trả lời của từng thành phần tham dự' });
	await expect(replies.getByText('Chờ Văn phòng chấp thuận')).toBeVisible();
	await expect(page.getByRole('list', { name: /^Đại biểu/ }).getByText('Đặng Minh Tuấn')).toHaveCount(0);
	const approve = page.getByRole('button', { name: 'Chấp thuận Đặng Minh Tuấn dự họp thay Vũ Thị Mai', exact: true });
	const box = await approve.boundingBox();
	expect(box!.height).toBeGreaterThanOrEqual(44);
	await approve.tap();
	await expect(page.getByRole('status').filter({ hasText: 'Đã chấp thuận Đặng Minh Tuấn dự họp thay Vũ Thị Mai.' })).toBeVisible();
	await expect(replies.getByText('Chờ Văn phòng chấp thuận')).toHaveCount(0);
	await expect(page.getByRole('list', { name: /^Đại biểu/ }).getByText('Đặng Minh Tuấn')).toBeVisible();
	const reply = (await (await member.request.get(`${base}/reply`)).json()) as { reply: { substituteApproved: boolean } };
	expect(reply.reply.substituteApproved).toBe(true);
	await expectNoHorizontalScroll(page);
	await member.close();
});
