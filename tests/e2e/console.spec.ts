import fs from 'node:fs';
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { signInAs, unique, useLanguage } from './fixtures';

/**
 * The chair's console and the hall display, end to end: a meeting of its own (so no other spec's state matters),
 * the chair on a tablet, the secretariat making a display link, and the projector in its own browser context at
 * 1920×1080 following the whole sequence. Screenshots of the display go to test-results/console/.
 */
const SHOTS = 'test-results/console';
const PDF = 'tests/fixtures/pdfs/alphatrans.pdf';

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['post']>>, what: string): Promise<T> {
	expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBeTruthy();
	return (await res.json().catch(() => null)) as T;
}

async function prepareMeeting(staff: APIRequestContext, baseURL: string) {
	const { users } = await ok<{ users: { id: string; username: string }[] }>(await staff.get(`${baseURL}/api/v1/users`), 'users');
	const id = (name: string) => users.find((u) => u.username === name)!.id;
	const title = unique('Kỳ họp chuyên đề về đầu tư công');
	const meeting = await ok<{ id: string }>(
		await staff.post(`${baseURL}/api/v1/meetings`, {
			data: { title, body: 'Hội đồng nhân dân tỉnh', startsAt: new Date(Date.now() + 3_600_000).toISOString(), status: 'scheduled' }
		}),
		'meeting'
	);
	const base = `${baseURL}/api/v1/meetings/${meeting.id}`;
	await ok(await staff.post(`${base}/participants`, { data: { userId: id('chair'), role: 'chair' } }), 'chair');
	for (const d of ['delegate1', 'delegate2']) await ok(await staff.post(`${base}/participants`, { data: { userId: id(d), role: 'delegate' } }), d);
	const first = await ok<{ id: string }>(await staff.post(`${base}/agenda`, { data: { title: 'Báo cáo tình hình giải ngân vốn đầu tư công' } }), 'item 1');
	const second = await ok<{ id: string }>(await staff.post(`${base}/agenda`, { data: { title: 'Phương án điều chỉnh kế hoạch vốn năm 2027', presenter: 'Sở Kế hoạch và Đầu tư' } }), 'item 2');
	const upload = await staff.post(`${base}/agenda/${second.id}/documents`, {
		headers: { origin: baseURL },
		multipart: { file: { name: 'to-trinh.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(PDF) } }
	});
	const document = await ok<{ id: string }>(upload, 'upload');
	return { meetingId: meeting.id, title, first, second, documentId: document.id };
}

async function motion(chair: APIRequestContext, baseURL: string, meetingId: string, agendaItemId: string, title: string): Promise<string> {
	const created = await ok<{ id: string }>(
		await chair.post(`${baseURL}/api/v1/meetings/${meetingId}/motions`, { data: { agendaItemId, title, ballot: 'secret', majority: 'simple' } }),
		'motion'
	);
	return created.id;
}

const vote = async (ctx: BrowserContext, baseURL: string, motionId: string, choice: string) =>
	ok(await ctx.request.post(`${baseURL}/api/v1/motions/${motionId}/ballots`, { data: { choice } }), `ballot ${choice}`);

async function shot(display: Page, name: string): Promise<void> {
	const project = test.info().project.name;
	await display.screenshot({ path: `${SHOTS}/${project}-${name}.png` });
}

test('the chair runs the session from the console; the hall display follows through a display link', async ({ browser, baseURL }) => {
	test.setTimeout(150_000);
	const { viewport, locale, hasTouch } = test.info().project.use;
	const contexts: Record<string, BrowserContext> = {};
	for (const user of ['secretary', 'chair', 'delegate1', 'delegate2']) {
		const context = await browser.newContext({ viewport, locale, hasTouch });
		await useLanguage(context, baseURL!, 'vi');
		await signInAs(context, baseURL!, user);
		contexts[user] = context;
	}
	const m = await prepareMeeting(contexts.secretary!.request, baseURL!);
	const first = await motion(contexts.chair!.request, baseURL!, m.meetingId, m.second.id, 'Thông qua phương án điều chỉnh kế hoạch vốn');
	const second = await motion(contexts.chair!.request, baseURL!, m.meetingId, m.second.id, 'Thông qua danh mục dự án khởi công mới');

	// The secretariat makes a display link on the meeting's page; the address is shown once.
	const secretary = await contexts.secretary!.newPage();
	await secretary.goto(`/meetings/${m.meetingId}/edit`);
	await secretary.getByRole('textbox', { name: /Tên màn hình/ }).fill('Máy chiếu hội trường');
	await secretary.getByRole('button', { name: 'Tạo liên kết' }).click();
	const linkBox = secretary.getByRole('textbox', { name: /Liên kết mới/ });
	await expect(linkBox).toHaveValue(/\/display\?token=/);
	const link = await linkBox.inputValue();
	await expect(secretary.getByRole('button', { name: 'Thu hồi liên kết “Máy chiếu hội trường”' })).toBeVisible();

	// The projector: its own context, nobody signed in, 1920×1080.
	const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
	const display = await projector.newPage();
	await display.goto(link);
	await expect(display).toHaveURL(new RegExp(`/meetings/${m.meetingId}/display$`));
	await expect(display.getByRole('heading', { level: 1 })).toHaveText(m.title);
	await expect(display.getByTestId('display-status')).toHaveText('Đã lên lịch');
	await expect(display.getByTestId('display-item')).toHaveText('Chưa bắt đầu nội dung nào');

	// The chair's tablet: the console on the session screen.
	const chair = await contexts.chair!.newPage();
	await chair.goto(`/meetings/${m.meetingId}/vote`);
	const console_ = chair.getByRole('region', { name: 'Điều hành phiên họp' });
	await expect(console_).toBeVisible();
	await expect(chair.getByRole('status', { name: 'Kết nối trực tiếp' })).toHaveText(/Trực tiếp/);
	await console_.getByRole('button', { name: 'Khai mạc phiên họp' }).click();
	await expect(display.getByTestId('display-status')).toHaveText('Đang họp');
	await expect(console_.getByRole('button', { name: 'Bế mạc phiên họp' })).toBeVisible();

	// The current item: set on the console, on the display and every tablet at once.
	await console_.getByRole('combobox', { name: 'Nội dung đang thảo luận' }).selectOption({ label: '2. Phương án điều chỉnh kế hoạch vốn năm 2027' });
	await console_.getByRole('button', { name: 'Chuyển sang nội dung này' }).click();
	await expect(display.getByTestId('display-item')).toHaveText('2. Phương án điều chỉnh kế hoạch vốn năm 2027');
	await expect(display.getByText('Trình bày: Sở Kế hoạch và Đầu tư')).toBeVisible();
	const delegate = await contexts.delegate1!.newPage();
	await delegate.goto(`/meetings/${m.meetingId}/vote`);
	await expect(delegate.getByTestId('current-item')).toContainText('2. Phương án điều chỉnh kế hoạch vốn năm 2027');
	await expect(delegate.getByRole('region', { name: 'Điều hành phiên họp' })).toHaveCount(0);

	// Everyone checks in; a delegate speaks with a time limit while another waits.
	for (const user of ['chair', 'delegate1', 'delegate2']) {
		await ok(await contexts[user]!.request.post(`${baseURL}/api/v1/meetings/${m.meetingId}/attendance`, { data: { status: 'present' } }), `check in ${user}`);
	}
	const speakers = `${baseURL}/api/v1/meetings/${m.meetingId}/speakers`;
	const turn = await ok<{ id: string }>(await contexts.delegate1!.request.post(speakers, { data: { agendaItemId: m.second.id } }), 'ask d1');
	await ok(await contexts.delegate2!.request.post(speakers, { data: { agendaItemId: m.second.id } }), 'ask d2');
	await ok(await contexts.chair!.request.post(`${speakers}/${turn.id}/floor`, { data: { timeLimitSeconds: 180 } }), 'floor');
	await expect(display.getByTestId('display-speaker')).toHaveText(/Lê|Phạm|Nguyễn|Trần|Hoàng|Vũ|Đỗ|\S/);
	await expect(display.getByRole('timer', { name: 'Thời gian còn lại' })).toHaveText(/^[23]:\d\d$/);
	await expect(display.getByRole('list', { name: 'Đăng ký phát biểu' }).getByRole('listitem')).toHaveCount(1);
	await shot(display, '1-item-and-speaker');

	// A vote opens from the console's panel; the display shows "Đã biểu quyết N/M", never the choices.
	await chair.getByRole('button', { name: 'Mở biểu quyết: Thông qua phương án điều chỉnh kế hoạch vốn' }).click();
	await expect(display.getByTestId('display-count')).toHaveText('Đã biểu quyết 0/3');
	await vote(contexts.delegate1!, baseURL!, first, 'yes');
	await expect(display.getByTestId('display-count')).toHaveText('Đã biểu quyết 1/3');
	await shot(display, '2-vote-open');

	// Closing with two members yet to vote asks first, naming how many; going back keeps the vote open.
	await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
	const ask = chair.getByRole('dialog', { name: 'Kết thúc biểu quyết?' });
	await expect(ask).toBeVisible();
	await expect(ask).toContainText('Còn 2 đại biểu chưa biểu quyết. Vẫn kết thúc?');
	await chair.screenshot({ path: `${SHOTS}/${test.info().project.name}-chair-confirm.png` });
	await ask.getByRole('button', { name: 'Quay lại' }).click();
	await expect(ask).toBeHidden();
	await expect(display.getByTestId('display-count')).toHaveText('Đã biểu quyết 1/3');
	await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
	await ask.getByRole('button', { name: 'Vẫn kết thúc' }).click();
	await expect(display.getByRole('heading', { name: 'Kết quả biểu quyết' })).toBeVisible();
	await expect(display.getByTestId('display-result-title')).toHaveText('Thông qua phương án điều chỉnh kế hoạch vốn');
	await expect(display.getByTestId('display-result')).toContainText('Quy tắc: Quá nửa số phiếu tán thành và không tán thành');
	await expect(display.getByTestId('display-result')).toContainText('Đã biểu quyết 1/3');
	await shot(display, '3-result');

	// A second vote where everyone votes: closing it asks nothing.
	await chair.getByRole('button', { name: 'Mở biểu quyết: Thông qua danh mục dự án khởi công mới' }).click();
	await expect(display.getByTestId('display-count')).toHaveText('Đã biểu quyết 0/3');
	for (const user of ['chair', 'delegate1', 'delegate2']) await vote(contexts[user]!, baseURL!, second, user === 'delegate2' ? 'no' : 'yes');
	await expect(display.getByTestId('display-count')).toHaveText('Đã biểu quyết 3/3');
	await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
	await expect(chair.getByRole('dialog')).toHaveCount(0);
	await expect(display.getByTestId('display-result-title')).toHaveText('Thông qua danh mục dự án khởi công mới');

	// The earlier result, shown again from the console's list.
	const results = console_.getByRole('region', { name: 'Các biểu quyết đã kết thúc' });
	await expect(results.getByRole('listitem')).toHaveCount(2);
	await results.getByRole('button', { name: 'Hiện lại kết quả “Thông qua phương án điều chỉnh kế hoạch vốn” trên màn hình hội trường' }).click();
	await expect(display.getByRole('heading', { name: 'Nhắc lại kết quả biểu quyết' })).toBeVisible();
	await expect(display.getByTestId('display-result-title')).toHaveText('Thông qua phương án điều chỉnh kế hoạch vốn');
	await expect(results.getByText('Đang hiện trên màn hình hội trường')).toBeVisible();
	await shot(display, '4-result-again');
	await chair.screenshot({ path: `${SHOTS}/${test.info().project.name}-chair-console.png`, fullPage: true });

	// The presenter's page on the display.
	await ok(await contexts.chair!.request.put(`${baseURL}/api/v1/meetings/${m.meetingId}/presenter`, { data: { documentId: m.documentId, page: 1 } }), 'present');
	await expect(display.getByRole('img', { name: /Đang trình chiếu: .* — trang 1/ })).toBeVisible();
	await expect(display.locator('canvas[data-rendered-page="1"]')).toBeVisible({ timeout: 20_000 });
	await shot(display, '5-presenter');
	await ok(await contexts.chair!.request.delete(`${baseURL}/api/v1/meetings/${m.meetingId}/presenter`), 'stop');

	// The chair ends the session, after a confirmation; the display and the meeting list say so.
	await console_.getByRole('button', { name: 'Bế mạc phiên họp' }).click();
	await chair.getByRole('dialog', { name: 'Bế mạc phiên họp?' }).getByRole('button', { name: 'Bế mạc', exact: true }).click();
	await expect(display.getByTestId('display-status')).toHaveText('Đã kết thúc');
	await expect(delegate.getByRole('main')).toContainText(/Trạng thái:\s*Đã kết thúc/);
	await chair.goto('/meetings');
	await expect(chair.getByRole('article', { name: m.title })).toContainText('Đã kết thúc');
	await shot(display, '6-closed');

	// Revoked: the display is cut off and says why.
	await secretary.getByRole('button', { name: 'Thu hồi liên kết “Máy chiếu hội trường”' }).click();
	await expect(display.getByRole('heading', { name: 'Liên kết màn hình đã bị thu hồi' })).toBeVisible({ timeout: 20_000 });
	await shot(display, '7-revoked');

	await projector.close();
	for (const context of Object.values(contexts)) await context.close();
});
