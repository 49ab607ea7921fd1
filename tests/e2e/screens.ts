import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readPdf } from '../fixtures/pdfs';
import { signInAs, unique, useLanguage } from './fixtures';
import { apiAs } from './viewer-helpers';

/*
 * The main screens of the app, for the specs that walk all of them (a11y.spec.ts, layout.spec.ts). Each run
 * prepares a meeting of its own, as full as a meeting gets in the room: agenda with sub-items and durations,
 * participants of every role, a document, a vote open with a delegate checked in, the minutes started. The demo
 * meeting is shared with the other spec files and is left alone.
 */

export type Who = 'delegate1' | 'admin';

export interface Screen {
	name: string;
	path: string;
	who: Who | null;
	/** What shows that the screen has drawn what matters (its real-time parts included). */
	ready: (page: Page) => Promise<void>;
}

export interface ScreenMeeting {
	meetingId: string;
	documentId: string;
	motionId: string;
	screens: Screen[];
	dispose: () => Promise<void>;
}

const h1 = (page: Page) => expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();

export async function prepareScreens(baseURL: string): Promise<ScreenMeeting> {
	const secretary = await apiAs(baseURL, 'secretary');
	const chair = await apiAs(baseURL, 'chair');
	const delegate = await apiAs(baseURL, 'delegate1');
	const post = async (api: APIRequestContext, url: string, data?: unknown) => {
		const res = await api.post(url, data === undefined ? {} : { data });
		expect(res.ok(), `POST ${url}: ${res.status()} ${await res.text()}`).toBeTruthy();
		return res.status() === 204 ? null : await res.json();
	};

	const meeting = await post(secretary, '/api/v1/meetings', {
		title: unique('Họp kiểm tra giao diện'),
		startsAt: new Date(Date.now() + 3_600_000).toISOString(),
		location: 'Phòng họp số 3',
		body: 'Ủy ban nhân dân tỉnh',
		description: 'Phiên họp để kiểm tra khả năng tiếp cận và bố cục trên mọi màn hình.',
		status: 'scheduled'
	});
	const meetingId = meeting.id as string;
	const first = await post(secretary, `/api/v1/meetings/${meetingId}/agenda`, { title: 'Khai mạc, thông qua chương trình', durationMinutes: 15, presenter: 'Trần Văn Minh' });
	const second = await post(secretary, `/api/v1/meetings/${meetingId}/agenda`, { title: 'Dự thảo Nghị quyết về cải cách hành chính công', durationMinutes: 85 });
	await post(secretary, `/api/v1/meetings/${meetingId}/agenda`, { title: 'Biểu quyết thông qua', parentId: second.id, durationMinutes: 10 });

	const { users } = (await (await secretary.get('/api/v1/users')).json()) as { users: { id: string; username: string }[] };
	const idOf = (username: string) => users.find((u) => u.username === username)!.id;
	for (const [username, role] of [
		['chair', 'chair'],
		['delegate1', 'delegate'],
		['delegate5', 'delegate'],
		['observer', 'observer']
	] as const) {
		await post(secretary, `/api/v1/meetings/${meetingId}/participants`, { userId: idOf(username), role });
	}

	const upload = await secretary.post(`/api/v1/meetings/${meetingId}/agenda/${second.id}/documents`, {
		// A multipart POST is a form submission to SvelteKit's CSRF check: it must name our own origin.
		headers: { origin: new URL(baseURL).origin },
		multipart: { file: { name: 'quang-ninh-hanh-chinh-cong.pdf', mimeType: 'application/pdf', buffer: readPdf('quang-ninh-hanh-chinh-cong.pdf') } }
	});
	expect(upload.status(), await upload.text()).toBe(201);
	const documentId = ((await upload.json()) as { id: string }).id;

	// The chair and a delegate in the room, a vote open: the delegate's screen shows the ballot.
	await post(chair, `/api/v1/meetings/${meetingId}/attendance`, { status: 'present' });
	await post(delegate, `/api/v1/meetings/${meetingId}/attendance`, { status: 'present' });
	const motion = await post(chair, `/api/v1/meetings/${meetingId}/motions`, {
		agendaItemId: second.id,
		title: 'Thông qua Nghị quyết về cải cách hành chính công',
		text: 'Hội đồng biểu quyết thông qua toàn văn dự thảo Nghị quyết.',
		ballot: 'open'
	});
	await post(chair, `/api/v1/motions/${motion.id}/open`);
	await post(secretary, `/api/v1/meetings/${meetingId}/minutes`, { locale: 'vi' });
	// A written opinion poll (issue 19) asked of the delegate, with the meeting's paper attached.
	const poll = await post(secretary, '/api/v1/polls', {
		title: unique('Chủ trương đầu tư nhà văn hóa'),
		text: 'Xin ý kiến thành viên về chủ trương đầu tư xây dựng nhà văn hóa xã.',
		memberIds: [idOf('delegate1'), idOf('chair'), idOf('delegate5')],
		deadline: new Date(Date.now() + 86_400_000).toISOString(),
		ballot: 'open',
		documentIds: [documentId]
	});
	// A conclusion given to the delegate as a task, with a comment: the Tasks screens have something to show.
	const conclusion = 'Giao Văn phòng UBND tỉnh phối hợp các sở hoàn thiện dự thảo Nghị quyết, trình kỳ họp tới.';
	await post(secretary, `/api/v1/meetings/${meetingId}/minutes/paragraphs`, { text: conclusion });
	const deadline = new Date(Date.now() + 10 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
	const task = await post(secretary, '/api/v1/tasks', { meetingId, conclusion, owner: { kind: 'user', id: idOf('delegate1') }, deadline });
	await post(secretary, `/api/v1/tasks/${task.id}/comments`, { body: 'Đề nghị báo cáo tiến độ trước ngày 15.' });

	const base = `/meetings/${meetingId}`;
	const screens: Screen[] = [
		{ name: 'login', path: '/login', who: null, ready: h1 },
		{ name: 'meeting list', path: '/meetings', who: 'delegate1', ready: h1 },
		{ name: 'meeting page', path: base, who: 'delegate1', ready: h1 },
		{
			name: 'document page',
			path: `${base}/documents/${documentId}`,
			who: 'delegate1',
			ready: async (page) => {
				await h1(page);
				await expect(page.locator('canvas').first()).toBeVisible({ timeout: 15_000 });
			}
		},
		{
			name: 'session page with an open vote',
			path: `${base}/vote`,
			who: 'delegate1',
			ready: async (page) => {
				await h1(page);
				await expect(page.locator('.ballot .option').first()).toBeVisible();
			}
		},
		{ name: 'minutes (reading)', path: `${base}/minutes`, who: 'delegate1', ready: h1 },
		{ name: 'archive', path: '/archive', who: 'delegate1', ready: h1 },
		{
			name: 'archive search results',
			path: '/archive?q=cai+cach+hanh+chinh',
			who: 'delegate1',
			ready: async (page) => {
				await h1(page);
				await expect(page.locator('main mark').first()).toBeVisible();
			}
		},
		{ name: 'polls', path: '/polls', who: 'delegate1', ready: h1 },
		{
			name: 'poll page (answering)',
			path: `/polls/${poll.id}`,
			who: 'delegate1',
			ready: async (page) => {
				await h1(page);
				await expect(page.getByRole('radio').first()).toBeVisible();
			}
		},
		{ name: 'tasks', path: '/tasks', who: 'delegate1', ready: h1 },
		{ name: 'task page', path: `/tasks/${task.id}`, who: 'delegate1', ready: h1 },
		{ name: 'account', path: '/account', who: 'delegate1', ready: h1 },
		{ name: 'verify', path: '/verify', who: 'delegate1', ready: h1 },
		{ name: 'notifications', path: '/notifications', who: 'delegate1', ready: h1 },
		{ name: 'meeting page (secretariat)', path: base, who: 'admin', ready: h1 },
		{ name: 'agenda', path: `${base}/agenda`, who: 'admin', ready: h1 },
		{ name: 'participants', path: `${base}/participants`, who: 'admin', ready: h1 },
		{ name: 'meeting details', path: `${base}/edit`, who: 'admin', ready: h1 },
		{ name: 'new meeting', path: '/meetings/new', who: 'admin', ready: h1 },
		{ name: 'new poll', path: '/polls/new', who: 'admin', ready: h1 },
		{
			name: 'session page (chair console)',
			path: `${base}/vote`,
			who: 'admin',
			ready: async (page) => {
				await h1(page);
				await expect(page.getByRole('button', { name: /Kết thúc biểu quyết|Close the vote/ }).first()).toBeVisible();
			}
		},
		{
			name: 'minutes (writing)',
			path: `${base}/minutes`,
			who: 'admin',
			ready: async (page) => {
				await h1(page);
				await expect(page.getByRole('toolbar', { name: /Định dạng văn bản|Text formatting/ })).toBeVisible({ timeout: 15_000 });
			}
		},
		{ name: 'admin users', path: '/admin/users', who: 'admin', ready: h1 },
		{ name: 'admin user', path: `/admin/users/${idOf('delegate1')}`, who: 'admin', ready: h1 },
		{ name: 'admin departments', path: '/admin/departments', who: 'admin', ready: h1 },
		{ name: 'hall display', path: `${base}/display`, who: 'admin', ready: h1 }
	];

	return {
		meetingId,
		documentId,
		motionId: motion.id as string,
		screens,
		dispose: async () => {
			// Nothing else uses this meeting: its vote is closed and the meeting ended, so no later spec meets an open
			// vote or a meeting in progress on the delegates' lists.
			await chair.post(`/api/v1/motions/${motion.id}/close`);
			await chair.post(`/api/v1/meetings/${meetingId}/session/end`);
			for (const api of [secretary, chair, delegate]) await api.dispose();
		}
	};
}

/** A browser context per person and language, signed in through the API (the login screen has its own check). */
export async function contextsFor(browser: Browser, baseURL: string, locale: 'vi' | 'en', options: { viewport: { width: number; height: number }; hasTouch?: boolean }) {
	const contexts = new Map<Who | null, BrowserContext>();
	for (const who of [null, 'delegate1', 'admin'] as const) {
		const context = await browser.newContext({ viewport: options.viewport, hasTouch: options.hasTouch ?? true, locale: 'vi-VN' });
		await useLanguage(context, baseURL, locale);
		if (who) await signInAs(context, baseURL, who);
		contexts.set(who, context);
	}
	return {
		contexts,
		close: async () => {
			for (const context of contexts.values()) await context.close();
		}
	};
}
