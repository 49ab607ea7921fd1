import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { confirmCloseVote, expectNoHorizontalScroll, signInAs, unique } from './fixtures';

const DEMO_TITLE = 'Phiên họp thường kỳ tháng 12 năm 2026 của Ủy ban nhân dân tỉnh';
const VOTE_ITEM = 'Biểu quyết thông qua';

interface AgendaNode {
	id: string;
	title: string;
	children: AgendaNode[];
}

interface Tablet {
	context: BrowserContext;
	page: Page;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
	const res = await request.get(url);
	expect(res.ok(), `GET ${url}`).toBeTruthy();
	return (await res.json()) as T;
}

/** A signed-in tablet in this project's viewport and language, checked in (or out) through the API first. */
async function tablet(browser: Browser, baseURL: string, username: string): Promise<Tablet> {
	const { viewport, locale, hasTouch } = test.info().project.use;
	const context = await browser.newContext({ viewport, locale, hasTouch });
	await signInAs(context, baseURL, username);
	return { context, page: await context.newPage() };
}

/**
 * The demo meeting is shared with the other voting specs and with the other viewport's run of this file: no vote
 * left open, no proxy left recorded.
 */
async function prepare(request: APIRequestContext, baseURL: string) {
	const { meetings } = await getJson<{ meetings: { id: string; title: string }[] }>(request, `${baseURL}/api/v1/meetings`);
	const meetingId = meetings.find((x) => x.title === DEMO_TITLE)!.id;
	const { agenda } = await getJson<{ agenda: AgendaNode[] }>(request, `${baseURL}/api/v1/meetings/${meetingId}/agenda`);
	const voteItem = agenda.flatMap((n) => [n, ...n.children]).find((n) => n.title === VOTE_ITEM)!;
	const { motions } = await getJson<{ motions: { id: string; state: string }[] }>(request, `${baseURL}/api/v1/meetings/${meetingId}/motions`);
	for (const open of motions.filter((x) => x.state === 'open')) await request.post(`${baseURL}/api/v1/motions/${open.id}/close`);
	const { proxies } = await getJson<{ proxies: { principalId: string }[] }>(request, `${baseURL}/api/v1/meetings/${meetingId}/proxies`);
	for (const p of proxies) await request.delete(`${baseURL}/api/v1/meetings/${meetingId}/proxies/${p.principalId}`);
	return { meetingId, voteItem };
}

async function checkIn(t: Tablet, baseURL: string, meetingId: string, status: 'present' | 'absent' = 'present'): Promise<void> {
	const res = await t.context.request.post(`${baseURL}/api/v1/meetings/${meetingId}/attendance`, { data: { status } });
	expect(res.ok()).toBeTruthy();
}

async function openSession(page: Page, meetingId: string): Promise<void> {
	await page.goto(`/meetings/${meetingId}/vote`);
	await expect(page.getByRole('status', { name: 'Kết nối trực tiếp' })).toHaveText(/Trực tiếp/);
}

test('an election: the chair lists the candidates, two choices per ballot, a countdown; delegates choose two; the ranking on every tablet', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const chair = await tablet(browser, baseURL!, 'chair');
	const delegates = [await tablet(browser, baseURL!, 'delegate1'), await tablet(browser, baseURL!, 'delegate2'), await tablet(browser, baseURL!, 'delegate3')];
	const all = [chair, ...delegates];
	const { meetingId, voteItem } = await prepare(chair.context.request, baseURL!);
	for (const t of all) await checkIn(t, baseURL!, meetingId);
	for (const t of all) await openSession(t.page, meetingId);

	// The chair writes the list: three candidates, the third typed first and moved up to second place.
	const title = unique('Bầu Phó Chủ tịch e2e');
	await chair.page.getByRole('button', { name: 'Tạo biểu quyết mới' }).click();
	const form = chair.page.getByRole('form', { name: 'Tạo biểu quyết mới' });
	await form.getByLabel('Mục chương trình').selectOption(voteItem.id);
	await form.getByLabel('Tiêu đề').fill(title);
	await form.getByLabel('Bỏ phiếu kín').check();
	await form.getByLabel('Bầu cử hoặc chọn phương án').check();
	await expect(form.getByLabel('Điều kiện thông qua')).toHaveCount(0);
	await form.getByLabel('Phương án 1', { exact: true }).fill('Nguyễn Văn An');
	await form.getByLabel('Phương án 2', { exact: true }).fill('Lê Văn Cường');
	await form.getByRole('button', { name: 'Thêm phương án' }).click();
	await expect(form.getByLabel('Phương án 3', { exact: true })).toBeFocused();
	await form.getByLabel('Phương án 3', { exact: true }).fill('Trần Thị Bình');
	await form.getByRole('button', { name: 'Đưa phương án 3 lên' }).click();
	await expect(form.getByLabel('Phương án 2', { exact: true })).toHaveValue('Trần Thị Bình');
	await expect(form.getByLabel('Phương án 3', { exact: true })).toHaveValue('Lê Văn Cường');
	// A fourth, empty line and then removed: the list stays as typed.
	await form.getByRole('button', { name: 'Thêm phương án' }).click();
	await form.getByRole('button', { name: 'Xóa phương án 4' }).click();
	await expect(form.getByLabel('Phương án 4', { exact: true })).toHaveCount(0);
	await form.getByLabel('Số lựa chọn tối đa trên một phiếu').selectOption('2');
	await expectNoHorizontalScroll(chair.page);
	await chair.page.screenshot({ path: test.info().outputPath('election-form.png'), fullPage: true });
	await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();

	// Opened with a two-minute countdown that every tablet shows.
	const drafts = chair.page.getByRole('region', { name: 'Biểu quyết chưa mở' });
	await expect(drafts.getByText('Chọn tối đa 2 trong 3: Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường')).toBeVisible();
	await drafts.getByLabel('Tự động kết thúc sau').selectOption({ label: '2 phút' });
	await drafts.getByRole('button', { name: `Mở biểu quyết: ${title}` }).click();
	for (const t of all) {
		await expect(t.page.getByRole('heading', { name: title })).toBeVisible();
		await expect(t.page.getByRole('timer', { name: 'Thời gian biểu quyết còn lại' })).toHaveText(/Còn [12]:\d\d/);
		await expect(t.page.getByText('Mỗi phiếu chọn tối đa 2 trong 3 phương án')).toBeVisible();
	}

	// Each delegate picks two; a third is out of reach until one is unpicked; the confirmation lists both.
	const picks = [
		['Nguyễn Văn An', 'Trần Thị Bình'],
		['Lê Văn Cường', 'Nguyễn Văn An'],
		['Nguyễn Văn An', 'Trần Thị Bình']
	];
	for (const [i, { page }] of delegates.entries()) {
		const [first, second] = picks[i]!;
		await page.getByRole('button', { name: first, exact: true }).click();
		await expect(page.getByRole('button', { name: first, exact: true })).toHaveAttribute('aria-pressed', 'true');
		await page.getByRole('button', { name: second, exact: true }).click();
		await expect(page.getByText('Đã chọn 2 / 2')).toBeVisible();
		if (i === 0) await page.screenshot({ path: test.info().outputPath('election-picked.png'), fullPage: true });
		const third = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'].find((c) => c !== first && c !== second)!;
		await expect(page.getByRole('button', { name: third, exact: true })).toBeDisabled();
		await page.getByRole('button', { name: 'Tiếp tục' }).click();
		const chosen = page.getByRole('list', { name: 'Bạn chọn:' });
		// In the order of the ballot, whatever the order of the taps.
		const inBallotOrder = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'].filter((c) => c === first || c === second);
		await expect(chosen.getByRole('listitem')).toHaveText(inBallotOrder);
		if (i === 0) await page.screenshot({ path: test.info().outputPath('election-confirm.png'), fullPage: true });
		await page.getByRole('button', { name: 'Xác nhận' }).click();
		await expect(page.getByText('Bạn đã biểu quyết')).toBeVisible();
		for (const t of all) await expect(t.page.getByText(new RegExp(`^Đã biểu quyết: ${i + 1} / \\d+$`))).toBeVisible();
	}
	// A secret ballot: the chair sees the count, never who.
	await expect(chair.page.getByRole('region', { name: /^Đã biểu quyết \(/ })).toHaveCount(0);

	await chair.page.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
	await confirmCloseVote(chair.page);
	for (const t of all) {
		const result = t.page.getByRole('region', { name: 'Kết quả biểu quyết' });
		await expect(result).toBeVisible();
		// A choice is a ranking: no "passed", most votes first.
		await expect(result.getByText('Được thông qua')).toHaveCount(0);
		await expect(result.getByRole('row')).toHaveText([/^Thứ hạng\s*Phương án\s*Số phiếu/, /^1\s*Nguyễn Văn An\s*3$/, /^2\s*Trần Thị Bình\s*2$/, /^3\s*Lê Văn Cường\s*1$/]);
		await expect(t.page.getByRole('timer')).toHaveCount(0);
		await expectNoHorizontalScroll(t.page);
	}
	await delegates[0]!.page.screenshot({ path: test.info().outputPath('election-result.png'), fullPage: true });
	for (const t of all) await t.context.close();
});

test('a proxy: the secretariat records it, the holder casts both ballots, the chair sees who has voted on the open ballot', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const staff = await tablet(browser, baseURL!, 'secretary');
	const chair = await tablet(browser, baseURL!, 'chair');
	const holder = await tablet(browser, baseURL!, 'delegate2');
	const absent = await tablet(browser, baseURL!, 'delegate4');
	const { meetingId, voteItem } = await prepare(staff.context.request, baseURL!);
	await checkIn(chair, baseURL!, meetingId);
	await checkIn(holder, baseURL!, meetingId);
	await checkIn(absent, baseURL!, meetingId, 'absent');
	await absent.context.close();

	// The secretariat records that Phạm Quốc Bảo carries the vote of the absent Vũ Thị Mai.
	await openSession(staff.page, meetingId);
	const proxies = staff.page.getByRole('region', { name: 'Ủy quyền biểu quyết' });
	await expect(proxies.getByText('Chưa có ủy quyền nào.')).toBeVisible();
	const form = proxies.getByRole('form', { name: 'Ghi nhận ủy quyền' });
	await form.getByLabel('Người vắng mặt ủy quyền').selectOption({ label: 'Vũ Thị Mai' });
	await form.getByLabel('Người nhận ủy quyền').selectOption({ label: 'Phạm Quốc Bảo' });
	await form.getByRole('button', { name: 'Ghi nhận ủy quyền' }).click();
	await expect(proxies.getByRole('list', { name: 'Ủy quyền biểu quyết' }).getByRole('listitem')).toHaveText([/Vũ Thị Mai ủy quyền cho Phạm Quốc Bảo/]);
	await expect(staff.page.getByTestId('quorum')).toContainText('trong đó 1 được ủy quyền');
	await staff.page.screenshot({ path: test.info().outputPath('proxy-recorded.png'), fullPage: true });
	await expectNoHorizontalScroll(staff.page);

	// An open (named) ballot, opened by the chair.
	const title = unique('Thông qua Tờ trình e2e');
	const created = await chair.context.request.post(`${baseURL}/api/v1/meetings/${meetingId}/motions`, {
		data: { agendaItemId: voteItem.id, title, ballot: 'open', majority: 'simple' }
	});
	expect(created.status()).toBe(201);
	const motionId = ((await created.json()) as { id: string }).id;
	await openSession(chair.page, meetingId);
	await openSession(holder.page, meetingId);
	await chair.page.getByRole('button', { name: `Mở biểu quyết: ${title}` }).click();

	// The holder's tablet: their own ballot and one for the member they represent, each titled as such.
	const own = holder.page.getByRole('region', { name: 'Phiếu của bạn' });
	const forMai = holder.page.getByRole('region', { name: 'Biểu quyết thay Vũ Thị Mai' });
	await expect(own).toBeVisible();
	await expect(forMai).toBeVisible();
	await holder.page.screenshot({ path: test.info().outputPath('proxy-holder.png'), fullPage: true });
	const voters = chair.page.getByRole('region', { name: /^Đã biểu quyết \(/ });
	await expect(voters.getByText('Chưa có ai biểu quyết.')).toBeVisible();

	await own.getByRole('button', { name: 'Tán thành', exact: true }).click();
	await own.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(own.getByText('Bạn đã biểu quyết')).toBeVisible();
	await expect(forMai.getByRole('button', { name: 'Tán thành', exact: true })).toBeVisible();
	await expect(voters.getByRole('listitem')).toHaveText(['Phạm Quốc Bảo']);

	await forMai.getByRole('button', { name: 'Không tán thành', exact: true }).click();
	await expect(forMai.getByText('Bạn chọn: Không tán thành.')).toBeVisible();
	await forMai.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(forMai.getByText('Đã biểu quyết thay Vũ Thị Mai')).toBeVisible();
	await expect(holder.page.getByText(/^Đã biểu quyết: 2 \/ \d+$/)).toBeVisible();

	// The chair sees who has voted as it happens (the proxy ballot marked as such), never what while it is open.
	await expect(voters).toHaveAccessibleName('Đã biểu quyết (2)');
	await expect(voters.getByRole('listitem')).toHaveText(['Phạm Quốc Bảo', 'Vũ Thị Mai (qua ủy quyền)']);
	await expect(voters).not.toContainText('tán thành');
	await expect(holder.page.getByRole('region', { name: /^Đã biểu quyết \(/ })).toHaveCount(0);
	await chair.page.screenshot({ path: test.info().outputPath('chair-voters.png'), fullPage: true });

	await chair.page.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
	await confirmCloseVote(chair.page);
	const result = holder.page.getByRole('region', { name: 'Kết quả biểu quyết' });
	await expect(result.getByRole('row', { name: 'Tán thành 1', exact: true })).toBeVisible();
	await expect(result.getByRole('row', { name: 'Không tán thành 1', exact: true })).toBeVisible();
	const detail = await getJson<{ ballots: { displayName: string; choices: string[] }[] }>(chair.context.request, `${baseURL}/api/v1/motions/${motionId}`);
	expect(detail.ballots.map((b) => `${b.displayName}:${b.choices.join()}`).sort()).toEqual(['Phạm Quốc Bảo:yes', 'Vũ Thị Mai:no']);

	// Withdrawn: gone from the list at once.
	await proxies.getByRole('button', { name: 'Thu hồi ủy quyền của Vũ Thị Mai' }).click();
	await expect(proxies.getByText('Chưa có ủy quyền nào.')).toBeVisible();
	await expect(staff.page.getByTestId('quorum')).not.toContainText('được ủy quyền');
	for (const t of [staff, chair, holder]) await t.context.close();
});

test('first paint from the server: with the live room unreachable the screen still shows the vote, its count and the quorum', async ({ browser, baseURL }) => {
	const chair = await tablet(browser, baseURL!, 'chair');
	const delegate = await tablet(browser, baseURL!, 'delegate1');
	const { meetingId, voteItem } = await prepare(chair.context.request, baseURL!);
	await checkIn(chair, baseURL!, meetingId);
	await checkIn(delegate, baseURL!, meetingId);
	const title = unique('Biểu quyết khi mất kết nối e2e');
	const created = await chair.context.request.post(`${baseURL}/api/v1/meetings/${meetingId}/motions`, {
		data: { agendaItemId: voteItem.id, title, ballot: 'open', majority: 'simple' }
	});
	const motionId = ((await created.json()) as { id: string }).id;
	expect((await chair.context.request.post(`${baseURL}/api/v1/motions/${motionId}/open`, { data: { durationSeconds: 300 } })).ok()).toBeTruthy();

	// The collab socket opens but the server never answers: everything on screen came with the page.
	await delegate.page.routeWebSocket(/\/collab\//, () => {});
	await delegate.page.goto(`/meetings/${meetingId}/vote`);
	await expect(delegate.page.getByRole('status', { name: 'Kết nối trực tiếp' })).toHaveText('Đang kết nối…');
	await expect(delegate.page.getByRole('heading', { name: title })).toBeVisible();
	await expect(delegate.page.getByText(/^Đã biểu quyết: 0 \/ \d+$/)).toBeVisible();
	await expect(delegate.page.getByTestId('quorum')).toHaveText(/^Có mặt: \d \/ 6 — /);
	await expect(delegate.page.getByRole('timer', { name: 'Thời gian biểu quyết còn lại' })).toHaveText(/Còn [45]:\d\d/);
	// The ballot is there too, and works: casting is HTTP, not the live room.
	await delegate.page.getByRole('button', { name: 'Tán thành', exact: true }).click();
	await delegate.page.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(delegate.page.getByText('Bạn đã biểu quyết')).toBeVisible();

	await chair.context.request.post(`${baseURL}/api/v1/motions/${motionId}/close`);
	for (const t of [chair, delegate]) await t.context.close();
});

test('speaking time: the chair gives the floor with a limit and every tablet counts it down', async ({ browser, baseURL }) => {
	const chair = await tablet(browser, baseURL!, 'chair');
	const delegate = await tablet(browser, baseURL!, 'delegate3');
	const { meetingId } = await prepare(chair.context.request, baseURL!);
	for (const t of [chair, delegate]) await openSession(t.page, meetingId);
	const speakersOf = (page: Page) => page.getByRole('region', { name: 'Danh sách phát biểu' });
	const item = await speakersOf(chair.page).getByLabel('Mục chương trình').inputValue();
	await speakersOf(delegate.page).getByLabel('Mục chương trình').selectOption(item);
	// Leave the list as found if an earlier run stopped half-way.
	const mine = speakersOf(delegate.page).getByRole('button', { name: 'Rút đăng ký phát biểu' });
	if (await mine.isVisible()) await mine.click();
	await speakersOf(delegate.page).getByRole('button', { name: 'Đăng ký phát biểu' }).click();

	await speakersOf(chair.page).getByLabel('Thời gian phát biểu').selectOption({ label: '3 phút' });
	await speakersOf(chair.page).getByRole('button', { name: 'Mời phát biểu: Hoàng Văn Dũng' }).click();
	for (const t of [chair, delegate]) {
		await expect(speakersOf(t.page).getByRole('timer', { name: 'Thời gian phát biểu còn lại' })).toHaveText(/^[23]:\d\d$/);
	}
	await speakersOf(delegate.page).getByRole('button', { name: 'Kết thúc lượt phát biểu' }).click();
	for (const t of [chair, delegate]) await expect(speakersOf(t.page).getByRole('timer')).toHaveCount(0);
	for (const t of [chair, delegate]) await t.context.close();
});
