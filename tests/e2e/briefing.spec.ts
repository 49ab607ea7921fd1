import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoHorizontalScroll, signInAs, unique, useLanguage } from './fixtures';
import { apiAs, corpusFile } from './viewer-helpers';

// The secretariat's briefing book on a tablet: a document renamed, two reordered, one marked confidential; a
// delegate sees the "new version" badge, the watermark with their name and no download; a pasted list and a
// group invited. Each run builds its own meeting, so the two viewports never see each other's changes.

interface Doc {
	id: string;
	title: string;
	seriesId: string;
}

async function upload(api: APIRequestContext, baseURL: string, meetingId: string, itemId: string, file: string, fields: Record<string, string> = {}): Promise<Doc> {
	const res = await api.post(`/api/v1/meetings/${meetingId}/agenda/${itemId}/documents`, {
		headers: { origin: new URL(baseURL).origin },
		multipart: { ...fields, file: { name: file, mimeType: 'application/pdf', buffer: fs.readFileSync(corpusFile(file)) } }
	});
	expect(res.status(), await res.text()).toBe(201);
	return (await res.json()) as Doc;
}

async function userId(api: APIRequestContext, username: string): Promise<string> {
	const { users } = (await (await api.get('/api/v1/users')).json()) as { users: { id: string; username: string }[] };
	return users.find((u) => u.username === username)!.id;
}

async function shoot(page: Page, name: string, project: string): Promise<void> {
	await page.screenshot({ path: `test-results/briefing/${name}-${project}.png`, fullPage: false });
}

/** The titles of the documents as listed under the item, top to bottom. */
const listedTitles = (page: Page) => page.getByRole('list', { name: /Tài liệu của mục|Documents of item/ }).locator(':scope > li .open .title').allTextContents();

test('the secretariat prepares the briefing book; a delegate reads a confidential paper and a new version', async ({ page, browser, baseURL }, testInfo) => {
	const project = testInfo.project.name;
	const secretary = await apiAs(baseURL!, 'secretary');
	const title = unique('Họp chuẩn bị tài liệu');
	const meeting = (await (await secretary.post('/api/v1/meetings', { data: { title, startsAt: '2027-02-01T08:00:00+07:00' } })).json()) as { id: string };
	const item = (await (await secretary.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { title: 'Báo cáo và tờ trình' } })).json()) as { id: string };
	expect((await secretary.post(`/api/v1/meetings/${meeting.id}/participants`, { data: { userId: await userId(secretary, 'delegate1'), role: 'delegate' } })).status()).toBe(201);
	const report = await upload(secretary, baseURL!, meeting.id, item.id, 'tracemonkey.pdf');
	const draft = await upload(secretary, baseURL!, meeting.id, item.id, 'alphatrans.pdf', { title: 'Dự thảo kết luận' });

	await signInAs(page.context(), baseURL!, 'secretary');
	await page.goto(`/meetings/${meeting.id}`);
	await expect.poll(() => listedTitles(page)).toEqual(['tracemonkey', 'Dự thảo kết luận']);

	// Rename: a labelled field, saved for every version.
	await page.getByRole('button', { name: 'Đổi tên “tracemonkey”' }).click();
	const field = page.getByLabel('Tiêu đề mới');
	await field.fill('Báo cáo thẩm tra ngân sách');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect.poll(() => listedTitles(page)).toEqual(['Báo cáo thẩm tra ngân sách', 'Dự thảo kết luận']);

	// Reorder with the named buttons (a tap, as on the tablet).
	await expect(page.getByRole('button', { name: 'Đưa “Báo cáo thẩm tra ngân sách” lên trên' })).toBeDisabled();
	await page.getByRole('button', { name: 'Đưa “Dự thảo kết luận” lên trên' }).tap();
	await expect.poll(() => listedTitles(page)).toEqual(['Dự thảo kết luận', 'Báo cáo thẩm tra ngân sách']);
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu thứ tự tài liệu.' })).toBeAttached();

	// Confidential: marked from the list, badge shown.
	await page.getByRole('button', { name: 'Đánh dấu mật: “Báo cáo thẩm tra ngân sách”' }).click();
	const reportRow = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Báo cáo thẩm tra ngân sách' }) });
	await expect(reportRow.getByText('Mật', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Bỏ dấu mật: “Báo cáo thẩm tra ngân sách”' })).toBeVisible();
	await expectNoHorizontalScroll(page);
	await shoot(page, 'secretary-meeting-vi', project);

	// A corrected version of the draft arrives.
	const draft2 = await upload(secretary, baseURL!, meeting.id, item.id, 'annotation-highlight.pdf', { replaces: draft.id });

	const delegateContext = await browser.newContext({ viewport: page.viewportSize(), hasTouch: true, locale: 'vi-VN', baseURL });
	const delegate = await delegateContext.newPage();
	await signInAs(delegateContext, baseURL!, 'delegate1');
	await delegate.goto(`/meetings/${meeting.id}`);
	const draftRow = delegate.getByRole('listitem').filter({ has: delegate.getByRole('link', { name: 'Dự thảo kết luận' }) });
	await expect(draftRow.getByText('Bản mới', { exact: true })).toBeVisible();
	await expect(delegate.getByRole('listitem').filter({ has: delegate.getByRole('link', { name: 'Báo cáo thẩm tra ngân sách' }) }).getByText('Mật', { exact: true })).toBeVisible();
	// No reordering or renaming for a delegate.
	await expect(delegate.getByRole('button', { name: /Đổi tên|Đưa .* lên trên/ })).toHaveCount(0);
	await shoot(delegate, 'delegate-meeting-vi', project);

	// Opening the new version shows the badge there once, and clears it on the meeting page.
	await draftRow.getByRole('link', { name: 'Dự thảo kết luận' }).click();
	await expect(delegate).toHaveURL(new RegExp(`/documents/${draft2.id}$`));
	await expect(delegate.getByRole('heading', { level: 1 }).getByText('Bản mới')).toBeVisible();
	await delegate.goto(`/meetings/${meeting.id}`);
	await expect(delegate.getByText('Bản mới', { exact: true })).toHaveCount(0);

	// The confidential paper: watermark with the reader's name, no download, the download URL refused.
	await delegate.getByRole('link', { name: 'Báo cáo thẩm tra ngân sách' }).click();
	await expect(delegate).toHaveURL(new RegExp(`/documents/${report.id}$`));
	await expect(delegate.getByRole('heading', { level: 1 }).getByText('Mật', { exact: true })).toBeVisible();
	const watermark = delegate.getByTestId('watermark');
	await expect(watermark).toBeVisible();
	await expect(watermark).toContainText('Lê Thị Hồng');
	expect(await watermark.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
	await expect(delegate.getByRole('link', { name: 'Tải xuống' })).toHaveCount(0);
	await expect(delegate.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
	// Nor the copy with the marks drawn in: the annotation tools are there, the export is not.
	await expect(delegate.getByRole('region', { name: 'Người đang xem tài liệu này' })).toBeVisible();
	await expect(delegate.getByRole('link', { name: /Tải về kèm ghi chú/ })).toHaveCount(0);
	await expectNoHorizontalScroll(delegate);
	await shoot(delegate, 'delegate-confidential-vi', project);
	const refused = await delegate.request.get(`/api/v1/documents/${report.id}/download`);
	expect(refused.status()).toBe(403);
	expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'document_confidential' });
	// The offline copier is refused too; the viewer's own reading is not.
	expect((await delegate.request.get(`/api/v1/documents/${report.id}/file`, { headers: { 'x-quorum-offline': 'save' } })).status()).toBe(403);

	// The same screens in English.
	await useLanguage(delegateContext, baseURL!, 'en');
	await delegate.reload();
	await expect(delegate.getByRole('heading', { level: 1 }).getByText('Confidential', { exact: true })).toBeVisible();
	await expect(delegate.getByTestId('watermark')).toContainText('CONFIDENTIAL · Lê Thị Hồng');
	await expect(delegate.locator('.pdf-viewer')).toHaveAttribute('data-first-page-rendered', 'true', { timeout: 20_000 });
	await shoot(delegate, 'delegate-confidential-en', project);
	await useLanguage(page.context(), baseURL!, 'en');
	await page.reload();
	await expect(page.getByRole('button', { name: 'Rename “Báo cáo thẩm tra ngân sách”' })).toBeVisible();
	await shoot(page, 'secretary-meeting-en', project);

	await delegateContext.close();
	await secretary.dispose();
});

test('a pasted list of three is previewed and invited, then a group in one step', async ({ page, baseURL }, testInfo) => {
	const project = testInfo.project.name;
	const secretary = await apiAs(baseURL!, 'secretary');
	const meeting = (await (await secretary.post('/api/v1/meetings', { data: { title: unique('Họp mời danh sách'), startsAt: '2027-02-02T08:00:00+07:00' } })).json()) as {
		id: string;
	};
	await secretary.dispose();

	await signInAs(page.context(), baseURL!, 'secretary');
	await page.goto(`/meetings/${meeting.id}/participants`);
	const bulk = page.getByRole('region', { name: 'Mời nhiều người cùng lúc' });
	// As Excel in Vietnamese saves it: BOM-less here (typed), semicolons, a header, names without accents.
	await bulk.getByLabel('Dán danh sách').fill('Họ và tên;Vai trò;Quyền biểu quyết\nLe Thi Hong;Đại biểu;Có\ndelegate2;dai bieu;khong\n"Bùi Thị Lan";Quan sát viên;Không');
	await bulk.getByRole('button', { name: 'Xem trước' }).click();
	const table = bulk.getByRole('table');
	await expect(table.getByRole('row')).toHaveCount(4);
	await expect(table.getByRole('cell', { name: 'Sẵn sàng mời' })).toHaveCount(3);
	await expect(table.getByRole('cell', { name: 'Lê Thị Hồng (delegate1)' })).toBeVisible();
	await expect(bulk.getByText('3 người sẵn sàng mời · 0 người đã có · 0 dòng lỗi')).toBeVisible();
	await expectNoHorizontalScroll(page);
	await shoot(page, 'bulk-preview-vi', project);
	await bulk.getByRole('button', { name: 'Xác nhận mời 3 người' }).click();
	await expect(bulk.getByRole('status').filter({ hasText: 'Đã mời 3 người.' })).toBeVisible();
	const list = page.getByRole('region', { name: 'Danh sách tham dự' });
	await expect(list.getByText('Lê Thị Hồng')).toBeVisible();
	await expect(list.getByText('Bùi Thị Lan')).toBeVisible();

	// A bad line is named, and nothing is invited until the secretariat chooses.
	await bulk.getByLabel('Dán danh sách').fill('nguoi.khong.co\ndelegate3');
	await bulk.getByRole('button', { name: 'Xem trước' }).click();
	await expect(bulk.getByRole('cell', { name: 'Không tìm thấy người dùng' })).toBeVisible();
	await expect(bulk.getByRole('button', { name: /Xác nhận mời/ })).toHaveCount(0);
	await shoot(page, 'bulk-errors-vi', project);
	await bulk.getByRole('button', { name: 'Bỏ qua 1 dòng lỗi, chỉ mời 1 người hợp lệ' }).click();
	await expect(bulk.getByRole('status').filter({ hasText: 'Đã mời 1 người.' })).toBeVisible();

	// The demo group: its six members, four of them new here.
	const group = page.getByRole('form', { name: 'Mời theo nhóm' });
	await group.getByLabel('Nhóm người dùng').selectOption({ label: 'Thành viên UBND tỉnh (6 người)' });
	await group.getByRole('button', { name: 'Mời cả nhóm' }).click();
	await expect(group.getByRole('status').filter({ hasText: 'Đã mời' })).toHaveText('Đã mời 3 thành viên của nhóm “Thành viên UBND tỉnh”; 3 người đã có trong danh sách.');
	await expect(list.getByText('Trần Văn Minh')).toBeVisible();
	await shoot(page, 'participants-vi', project);

	await useLanguage(page.context(), baseURL!, 'en');
	await page.reload();
	await page.getByRole('region', { name: 'Invite many at once' }).getByLabel('Paste a list').fill('outsider;observer;no\nTran Van An;chair');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('cell', { name: 'Ready to invite' })).toHaveCount(1);
	await shoot(page, 'bulk-preview-en', project);
});

test('the administrator keeps groups', async ({ page, baseURL }, testInfo) => {
	const project = testInfo.project.name;
	await signInAs(page.context(), baseURL!, 'admin');
	await page.goto('/admin/groups');
	const name = unique('Tổ công tác');
	await page.getByLabel('Tên nhóm').fill(name);
	await page.getByLabel('Vai trò khi được mời').selectOption('observer');
	await page.getByRole('button', { name: 'Tạo nhóm' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã tạo nhóm' })).toHaveText(`Đã tạo nhóm “${name}”.`);
	await page.getByRole('link', { name }).click();
	await page.getByRole('checkbox', { name: /Vũ Thị Mai/ }).check();
	await page.getByRole('checkbox', { name: /Hoàng Văn Dũng/ }).check();
	await page.getByRole('button', { name: 'Lưu danh sách thành viên' }).click();
	await expect(page.getByText('2 thành viên')).toBeVisible();
	await expectNoHorizontalScroll(page);
	await shoot(page, 'admin-group-vi', project);
	await useLanguage(page.context(), baseURL!, 'en');
	await page.goto('/admin/groups');
	await expect(page.getByRole('link', { name: 'Thành viên UBND tỉnh' })).toBeVisible();
	await shoot(page, 'admin-groups-en', project);
});

test('the offline copy of the demo meeting leaves its confidential paper out', async ({ page, baseURL }) => {
	await signInAs(page.context(), baseURL!, 'delegate1');
	const { meetings } = (await (await page.request.get('/api/v1/meetings')).json()) as { meetings: { id: string; title: string }[] };
	const demo = meetings.find((m) => /Phiên họp thường kỳ tháng 12 năm 2026/.test(m.title))!;
	const { documents } = (await (await page.request.get(`/api/v1/meetings/${demo.id}/documents`)).json()) as { documents: (Doc & { confidential: boolean; latestVersionId: string })[] };
	const secret = documents.find((d) => d.confidential)!;
	const open = documents.find((d) => !d.confidential && d.id === d.latestVersionId)!;

	await page.goto(`/meetings/${demo.id}`);
	const region = page.getByRole('region', { name: 'Đọc ngoại tuyến' });
	await region.getByRole('button', { name: 'Tải về để đọc ngoại tuyến' }).click();
	await expect(region.getByText('Đã sẵn sàng ngoại tuyến')).toBeVisible({ timeout: 30_000 });
	const stored = await page.evaluate(async () => {
		const paths: string[] = [];
		for (const name of await caches.keys()) {
			if (!name.startsWith('quorum-meeting:')) continue;
			for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
		}
		return paths;
	});
	expect(stored).toContain(`/api/v1/documents/${open.id}/file`);
	expect(stored).not.toContain(`/api/v1/documents/${secret.id}/file`);
	expect(stored).not.toContain(`/meetings/${demo.id}/documents/${secret.id}`);
});
