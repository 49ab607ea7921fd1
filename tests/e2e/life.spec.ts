import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { dragOnPage, openSynced, overlay, tabletAs, uploadCopy } from './collab-helpers';
import { confirmCloseVote, unique } from './fixtures';
import { apiAs } from './viewer-helpers';

/**
 * The whole life of a meeting, as the people in it live it: the secretary prepares it with two documents;
 * delegates check in, annotate and vote; the chair and the secretary write the minutes together; the chair signs
 * them; a member finds the decision in the archive by typing without diacritics and opens the minutes PDF.
 */
test('a meeting from preparation to the archive', async ({ browser, baseURL }, testInfo) => {
	test.setTimeout(240_000);
	const base = baseURL!;
	// A decision number only this run uses, so the archive search finds this meeting and no other.
	const number = unique('').trim().replace(/[^a-z0-9]/gi, '').slice(-8).toUpperCase();
	const decision = `Nghị quyết số ${number} về cải cách hành chính công`;
	const title = `Phiên họp chuyên đề ${number} của Ủy ban nhân dân tỉnh`;

	// The secretary prepares the meeting: participants, an agenda item, two documents.
	const secretaryApi = await apiAs(base, 'secretary');
	const { users } = (await (await secretaryApi.get('/api/v1/users')).json()) as { users: { id: string; username: string }[] };
	const idOf = (u: string) => users.find((x) => x.username === u)!.id;
	const meeting = (await (await secretaryApi.post('/api/v1/meetings', { data: { title, startsAt: new Date().toISOString(), location: 'Phòng họp số 2', body: 'Ủy ban nhân dân tỉnh' } })).json()) as { id: string };
	for (const [u, role] of [['chair', 'chair'], ['delegate1', 'delegate'], ['delegate2', 'delegate'], ['delegate3', 'delegate']] as const) {
		expect((await secretaryApi.post(`/api/v1/meetings/${meeting.id}/participants`, { data: { userId: idOf(u), role } })).status()).toBe(201);
	}
	const item = (await (await secretaryApi.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { title: 'Dự thảo Nghị quyết về cải cách hành chính công' } })).json()) as { id: string };
	const article = await uploadCopy(secretaryApi, base, meeting.id, item.id, 'quang-ninh-hanh-chinh-cong.pdf', 'Bao cao cai cach hanh chinh.pdf');
	await uploadCopy(secretaryApi, base, meeting.id, item.id, 'tracemonkey.pdf', 'Phu luc.pdf');

	const tablets: { context: BrowserContext; page: Page }[] = [];
	const open = async (user: string) => {
		const tablet = await tabletAs(browser, testInfo, base, user);
		tablets.push(tablet);
		return tablet.page;
	};
	const [chair, d1, d2, d3, secretary] = [await open('chair'), await open('delegate1'), await open('delegate2'), await open('delegate3'), await open('secretary')];
	const delegates = [d1, d2, d3];

	// Everyone checks in on the session screen.
	for (const page of [chair, ...delegates]) {
		await page.goto(`/meetings/${meeting.id}/vote`);
		await page.getByRole('button', { name: 'Điểm danh', exact: true }).click();
		await expect(page.getByRole('button', { name: 'Rời phòng họp' })).toBeVisible();
	}

	// A delegate annotates the report for everyone: a pen stroke on the first page, seen by another delegate.
	await openSynced(d1, `/meetings/${meeting.id}/documents/${article.id}`);
	await openSynced(d2, `/meetings/${meeting.id}/documents/${article.id}`);
	await d1.getByRole('toolbar', { name: 'Công cụ ghi chú' }).getByRole('button', { name: 'Bút vẽ' }).click();
	await dragOnPage(d1, 1, [
		[0.2, 0.5],
		[0.4, 0.55],
		[0.6, 0.5]
	]);
	await expect(overlay(d2, 1).locator('[data-kind="ink"]')).toHaveCount(1, { timeout: 5_000 });

	// The chair puts the resolution to the vote; three delegates vote; every tablet sees the result.
	for (const page of delegates) await page.goto(`/meetings/${meeting.id}/vote`);
	await chair.getByRole('button', { name: 'Tạo biểu quyết mới' }).click();
	const form = chair.getByRole('form', { name: 'Tạo biểu quyết mới' });
	await form.getByLabel('Mục chương trình').selectOption(item.id);
	await form.getByLabel('Tiêu đề').fill(decision);
	await form.getByLabel('Công khai').check();
	await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
	await chair.getByRole('button', { name: `Mở biểu quyết: ${decision}` }).click();
	for (const [i, page] of delegates.entries()) {
		const choice = i < 2 ? 'Tán thành' : 'Không tán thành';
		await page.getByRole('button', { name: choice, exact: true }).click();
		await page.getByRole('button', { name: 'Xác nhận' }).click();
		await expect(page.getByText('Bạn đã biểu quyết')).toBeVisible();
	}
	await expect(chair.getByText(/^Đã biểu quyết: 3 \/ 4$/)).toBeVisible();
	await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
	await confirmCloseVote(chair);
	for (const page of [chair, ...delegates]) {
		await expect(page.getByRole('region', { name: 'Kết quả biểu quyết' }).getByText('Được thông qua')).toBeVisible();
	}

	// The secretary starts the minutes; the chair and the secretary write together, each sees the other.
	await secretary.goto(`/meetings/${meeting.id}/minutes`);
	await secretary.getByRole('button', { name: 'Bắt đầu lập biên bản' }).click();
	const secretaryText = secretary.getByRole('textbox', { name: 'Nội dung biên bản' });
	await expect(secretaryText).toContainText(decision);
	await expect(secretaryText).toContainText('Kết quả: THÔNG QUA');
	await chair.goto(`/meetings/${meeting.id}/minutes`);
	const chairText = chair.getByRole('textbox', { name: 'Nội dung biên bản' });
	await expect(chairText).toContainText(decision);

	await secretaryText.click();
	await secretary.keyboard.press('Control+End');
	await secretary.keyboard.press('Enter');
	await secretary.keyboard.type('Thư ký ghi: các đại biểu thống nhất cao với dự thảo.');
	await expect(chairText).toContainText('các đại biểu thống nhất cao', { timeout: 5_000 });
	await chairText.click();
	await chair.keyboard.press('Control+End');
	await chair.keyboard.press('Enter');
	await chair.keyboard.type('Chủ tọa kết luận: giao Sở Nội vụ hoàn thiện hồ sơ.');
	await expect(secretaryText).toContainText('giao Sở Nội vụ hoàn thiện hồ sơ', { timeout: 5_000 });
	await expect(secretary.getByRole('status', { name: 'Trạng thái lưu biên bản' })).toHaveText(/Đã lưu/);

	// Submitted by the secretary (told first which of the template's fill-in lines nobody wrote), signed by the
	// secretary and then by the chair, each with the password.
	await secretary.getByRole('button', { name: 'Trình phê duyệt' }).click();
	const unfilled = secretary.getByRole('group', { name: /dòng chưa điền/ });
	await expect(unfilled.getByRole('listitem').filter({ hasText: 'Cuộc họp kết thúc lúc …' })).toHaveCount(1);
	await unfilled.getByRole('button', { name: 'Vẫn trình phê duyệt' }).click();
	await expect(secretary.getByRole('region', { name: 'Trạng thái biên bản' })).toContainText('Chờ phê duyệt');
	// The meeting's secretary (who created it) signs first, then the chair approves.
	const sign = secretary.getByRole('region', { name: 'Thư ký ký biên bản' });
	await sign.getByLabel('Mật khẩu của bạn').fill('quorum-demo');
	await sign.getByRole('button', { name: 'Ký biên bản' }).click();
	await expect(secretary.getByRole('status').filter({ hasText: 'Đã ký biên bản.' })).toBeVisible();
	await chair.reload();
	await chair.getByLabel('Mật khẩu của bạn').fill('quorum-demo');
	await chair.getByRole('button', { name: 'Ký và phê duyệt' }).click();
	await expect(chair.getByText(/đã phê duyệt lúc/)).toBeVisible();
	await expect(chair.getByRole('link', { name: 'Tải biên bản (PDF)' })).toBeVisible();

	// Weeks later, a member searches the archive without diacritics and finds the decision.
	const member = d2;
	await member.goto('/archive');
	await member.getByRole('searchbox', { name: 'Tìm trong biên bản và tài liệu' }).fill(`nghi quyet so ${number.toLowerCase()}`);
	await member.getByRole('button', { name: 'Tìm kiếm' }).click();
	const hit = member.getByRole('link', { name: new RegExp(title) }).first();
	await expect(hit).toBeVisible();
	await expect(member.locator('mark').first()).toBeVisible();
	// A hit in the minutes opens them.
	await hit.click();
	await expect(member).toHaveURL(new RegExp(`/meetings/${meeting.id}/minutes`));
	await expect(member.getByText(decision).first()).toBeVisible();
	const pdfLink = member.getByRole('link', { name: 'Tải biên bản (PDF)' });
	const pdf = await member.request.get(new URL((await pdfLink.getAttribute('href'))!, base).toString());
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	await member.screenshot({ path: testInfo.outputPath('archive-minutes.png'), fullPage: true });

	for (const t of tablets) await t.context.close();
});
