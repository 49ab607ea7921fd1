import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { confirmCloseVote, expectNoHorizontalScroll, signInAs, unique, useLanguage } from './fixtures';

const DEMO_TITLE = 'Phiên họp thường kỳ tháng 12 năm 2026 của Ủy ban nhân dân tỉnh';
const VOTE_ITEM = 'Biểu quyết thông qua';
const SPEAKERS_ITEM = 'Phương án phân bổ vốn đầu tư công năm 2027';
const TABLETS = ['chair', 'delegate1', 'delegate2', 'delegate3'] as const;

interface AgendaNode {
	id: string;
	number: string;
	title: string;
	children: AgendaNode[];
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
	const res = await request.get(url);
	expect(res.ok(), `GET ${url}`).toBeTruthy();
	return (await res.json()) as T;
}

/**
 * The demo meeting is shared with other spec files and with the other viewport's run of this one: leave it as
 * this test needs it (no open vote, nobody on the list of speakers of our item, our four people checked out).
 */
async function prepare(request: APIRequestContext, baseURL: string) {
	const { meetings } = await getJson<{ meetings: { id: string; title: string }[] }>(request, `${baseURL}/api/v1/meetings`);
	const meetingId = meetings.find((x) => x.title === DEMO_TITLE)!.id;
	const { agenda } = await getJson<{ agenda: AgendaNode[] }>(request, `${baseURL}/api/v1/meetings/${meetingId}/agenda`);
	const flat = agenda.flatMap((n) => [n, ...n.children]);
	const voteItem = flat.find((n) => n.title === VOTE_ITEM)!;
	const speakersItem = flat.find((n) => n.title === SPEAKERS_ITEM)!;

	const { motions } = await getJson<{ motions: { id: string; state: string }[] }>(request, `${baseURL}/api/v1/meetings/${meetingId}/motions`);
	for (const open of motions.filter((x) => x.state === 'open')) await request.post(`${baseURL}/api/v1/motions/${open.id}/close`);

	const speakersUrl = `${baseURL}/api/v1/meetings/${meetingId}/speakers`;
	const { speakers } = await getJson<{ speakers: { id: string; state: string }[] }>(request, `${speakersUrl}?agendaItemId=${speakersItem.id}`);
	for (const s of speakers) {
		if (s.state === 'waiting') await request.delete(`${speakersUrl}/${s.id}`);
		if (s.state === 'speaking') await request.post(`${speakersUrl}/${s.id}/end`);
	}
	return { meetingId, voteItem, speakersItem };
}

test('four tablets: check in, a vote counted live with one result everywhere, and the list of speakers', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const { viewport, locale, hasTouch } = test.info().project.use;
	const contexts: BrowserContext[] = [];
	const pages: Page[] = [];
	for (const user of TABLETS) {
		const context = await browser.newContext({ viewport, locale, hasTouch });
		await signInAs(context, baseURL!, user);
		contexts.push(context);
		pages.push(await context.newPage());
	}
	const [chair, ...delegates] = pages as [Page, Page, Page, Page];
	const { meetingId, voteItem, speakersItem } = await prepare(contexts[0]!.request, baseURL!);
	for (const context of contexts) {
		await context.request.post(`${baseURL}/api/v1/meetings/${meetingId}/attendance`, { data: { status: 'absent' } });
	}

	// Every tablet opens the meeting, then the session screen from its link.
	for (const page of pages) {
		await page.goto(`/meetings/${meetingId}`);
		await page.getByRole('link', { name: /Vào phiên họp/ }).click();
		await expect(page.getByRole('heading', { name: 'Biểu quyết', exact: true })).toBeVisible();
		await expect(page.getByRole('status', { name: 'Kết nối trực tiếp' })).toHaveText(/Trực tiếp/);
	}

	// Attendance: each checks in; the quorum line is live.
	for (const page of pages) {
		await page.getByRole('button', { name: 'Điểm danh', exact: true }).click();
		await expect(page.getByRole('button', { name: 'Rời phòng họp' })).toBeVisible();
	}
	for (const page of pages) {
		await expect(page.getByTestId('quorum')).toHaveText(/^Có mặt: [4-6] \/ 6 — đủ số lượng tối thiểu \(4\)/);
	}

	// The chair proposes a vote on item 3.2 and opens it.
	const title = unique('Thông qua Nghị quyết e2e');
	await chair.getByRole('button', { name: 'Tạo biểu quyết mới' }).click();
	const form = chair.getByRole('form', { name: 'Tạo biểu quyết mới' });
	await form.getByLabel('Mục chương trình').selectOption(voteItem.id);
	await form.getByLabel('Tiêu đề').fill(title);
	await form.getByLabel('Công khai').check();
	await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
	await chair.getByRole('button', { name: `Mở biểu quyết: ${title}` }).click();

	for (const page of pages) {
		await expect(page.getByRole('heading', { name: title })).toBeVisible();
		await expect(page.getByText(/^Đã biểu quyết: 0 \/ \d+$/)).toBeVisible();
	}

	// Three delegates vote: two for, one against, each through the confirmation step.
	const choices = ['Tán thành', 'Tán thành', 'Không tán thành'];
	for (const [i, page] of delegates.entries()) {
		await page.getByRole('button', { name: choices[i], exact: true }).click();
		await expect(page.getByText(`Bạn chọn: ${choices[i]}.`)).toBeVisible();
		// The next tap is in reach: the confirm button is on screen and has the focus (Enter confirms too).
		await expect(page.getByRole('button', { name: 'Xác nhận' })).toBeFocused();
		await expect(page.getByRole('button', { name: 'Xác nhận' })).toBeInViewport({ ratio: 1 });
		if (i === 0) await page.screenshot({ path: test.info().outputPath('confirm.png'), fullPage: true });
		await page.getByRole('button', { name: 'Xác nhận' }).click();
		await expect(page.getByText('Bạn đã biểu quyết')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Tán thành', exact: true })).toHaveCount(0);
		for (const other of pages) await expect(other.getByText(new RegExp(`^Đã biểu quyết: ${i + 1} / \\d+$`))).toBeVisible();
	}

	// The chair closes it; every tablet shows the same result at once.
	await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
	await confirmCloseVote(chair);
	for (const page of pages) {
		const result = page.getByRole('region', { name: 'Kết quả biểu quyết' });
		await expect(result).toBeVisible();
		// The demo meeting is a People's Committee: 2 yes of 6 members is not more than half of all members, however
		// few voted against (docs/voting-law.md). Until issue 13 this read "passed".
		await expect(result.getByText('Không được thông qua', { exact: true })).toBeVisible();
		await expect(result.getByText(/^2\/6 thành viên tán thành, chưa đạt quá nửa tổng số thành viên Ủy ban nhân dân \(/)).toBeVisible();
		await expect(result.getByText('Đủ số lượng tối thiểu')).toBeVisible();
		await expect(result.getByRole('row', { name: 'Tán thành 2', exact: true })).toBeVisible();
		await expect(result.getByRole('row', { name: 'Không tán thành 1', exact: true })).toBeVisible();
		await expect(result.getByRole('row', { name: 'Không biểu quyết 0', exact: true })).toBeVisible();
	}
	// An open ballot: once closed, who voted what is part of the result.
	await delegates[0].getByText('Phiếu biểu quyết công khai').click();
	await expect(delegates[0].getByRole('row', { name: 'Hoàng Văn Dũng Không tán thành', exact: true })).toBeVisible();
	await expect(chair.getByRole('link', { name: 'Tải kết quả (CSV)' })).toHaveAttribute('href', /\/results\.csv$/);
	await expect(delegates[0].getByRole('link', { name: 'Tải kết quả (CSV)' })).toHaveCount(0);

	// The list of speakers of item 4: delegate1 asks to speak, the chair gives the floor, then ends the turn.
	const speakersOf = (page: Page) => page.getByRole('region', { name: 'Danh sách phát biểu' });
	for (const page of pages) await speakersOf(page).getByLabel('Mục chương trình').selectOption(speakersItem.id);
	await speakersOf(delegates[0]).getByRole('button', { name: 'Đăng ký phát biểu' }).click();
	for (const page of pages) {
		await expect(speakersOf(page).getByRole('list', { name: 'Chờ phát biểu' }).getByRole('listitem')).toHaveText([/Lê Thị Hồng/]);
	}
	await expect(speakersOf(delegates[0]).getByRole('button', { name: 'Rút đăng ký phát biểu' })).toBeVisible();

	await speakersOf(chair).getByRole('button', { name: 'Mời phát biểu: Lê Thị Hồng' }).click();
	for (const page of pages) {
		const speakers = speakersOf(page);
		await expect(speakers.getByTestId('speaking')).toHaveText(/Lê Thị Hồng/);
		await expect(speakers.getByText('Chưa có ai đăng ký.')).toBeVisible();
	}
	await speakersOf(chair).getByRole('button', { name: 'Kết thúc lượt phát biểu' }).click();
	for (const page of pages) await expect(speakersOf(page).getByText('Chưa có ai phát biểu.')).toBeVisible();

	for (const page of pages) await expectNoHorizontalScroll(page);
	for (const page of pages) await page.screenshot({ path: test.info().outputPath(`${TABLETS[pages.indexOf(page)]}.png`), fullPage: true });
	for (const context of contexts) await context.close();
});

test('in English: the secretariat marks attendance, a delegate checks in, asks to speak and withdraws', async ({ browser, baseURL }) => {
	const { viewport, locale, hasTouch } = test.info().project.use;
	const open = async (user: string) => {
		const context = await browser.newContext({ viewport, locale, hasTouch });
		await useLanguage(context, baseURL!, 'en');
		await signInAs(context, baseURL!, user);
		return { context, page: await context.newPage() };
	};
	const staff = await open('secretary');
	const member = await open('delegate5');
	const { meetingId, speakersItem } = await prepare(staff.context.request, baseURL!);
	await member.context.request.post(`${baseURL}/api/v1/meetings/${meetingId}/attendance`, { data: { status: 'absent' } });

	await member.page.goto(`/meetings/${meetingId}/vote`);
	await staff.page.goto(`/meetings/${meetingId}/vote`);
	await expect(member.page.getByRole('heading', { name: 'Attendance' })).toBeVisible();
	await expect(member.page.getByRole('heading', { name: 'Votes' })).toBeVisible();
	// The secretariat runs votes but is not a participant: no check-in of its own, nothing to ask the floor for.
	await expect(staff.page.getByRole('button', { name: 'New vote' })).toBeVisible();
	await expect(staff.page.getByRole('button', { name: 'Check in' })).toHaveCount(0);

	await member.page.getByRole('button', { name: 'Check in' }).click();
	await expect(member.page.getByText('You are checked in.')).toBeVisible();
	await expect(member.page.getByTestId('quorum')).toHaveText(/^Present: \d \/ 6 — /);

	await staff.page.getByRole('button', { name: 'Attendance list' }).click();
	const row = staff.page.getByRole('group', { name: 'Attendance: Đặng Minh Tuấn' });
	await expect(row.getByRole('button', { name: 'Present' })).toHaveAttribute('aria-pressed', 'true');
	await row.getByRole('button', { name: 'Excused' }).click();
	await expect(row.getByRole('button', { name: 'Excused' })).toHaveAttribute('aria-pressed', 'true');
	// The correction reaches the delegate's tablet through the live room.
	await expect(member.page.getByRole('button', { name: 'Check in' })).toBeVisible();
	await expect(member.page.getByText('You are not checked in.')).toBeVisible();
	await staff.page.screenshot({ path: test.info().outputPath('secretary.png'), fullPage: true });

	const speakers = member.page.getByRole('region', { name: 'List of speakers' });
	await speakers.getByLabel('Agenda item').selectOption(speakersItem.id);
	await speakers.getByRole('button', { name: 'Ask to speak' }).click();
	await expect(speakers.getByRole('list', { name: 'Waiting to speak' })).toContainText('Đặng Minh Tuấn');
	await speakers.getByRole('button', { name: 'Withdraw my request' }).click();
	await expect(speakers.getByText('Nobody is waiting.')).toBeVisible();
	await expect(speakers.getByRole('button', { name: 'Ask to speak' })).toBeVisible();
	await expectNoHorizontalScroll(member.page);
	await expectNoHorizontalScroll(staff.page);

	await row.getByRole('button', { name: 'Absent' }).click();
	await expect(row.getByRole('button', { name: 'Absent' })).toHaveAttribute('aria-pressed', 'true');
	await staff.context.close();
	await member.context.close();
});

test('a tablet whose session ends while the session screen is open is told so, and offered to sign in again', async ({ page, context, baseURL }) => {
	await signInAs(context, baseURL!, 'delegate3');
	const { meetings } = await getJson<{ meetings: { id: string; title: string }[] }>(context.request, `${baseURL}/api/v1/meetings`);
	const meetingId = meetings.find((x) => x.title === DEMO_TITLE)!.id;
	await page.goto(`/meetings/${meetingId}/vote`);
	await expect(page.getByText('Trực tiếp', { exact: true })).toBeVisible({ timeout: 15_000 });

	// Signed out elsewhere (here: the same session through the API): the live room's socket is closed, and
	// reconnecting is refused.
	expect((await context.request.delete(`${baseURL}/api/v1/session`)).status()).toBe(204);
	const banner = page.getByRole('alert').filter({ hasText: 'Phiên đăng nhập của bạn đã kết thúc' });
	await expect(banner).toBeVisible({ timeout: 20_000 });
	await banner.getByRole('link', { name: 'Đăng nhập lại' }).click();
	await expect(page).toHaveURL(/\/login\?next=/);
});
