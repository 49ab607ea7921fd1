import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4390';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function as(user, vp = { width: 768, height: 1024 }, locale = 'vi-VN') {
	const ctx = await browser.newContext({ viewport: vp, hasTouch: true, locale });
	await ctx.request.post(base + '/api/v1/session', { data: { username: user, password: 'quorum-demo' } });
	return ctx;
}
const staff = await as('secretary');
const list = await (await staff.request.get(base + '/api/v1/meetings')).json();
const meeting = list.meetings.find((m) => m.title.includes('tháng 12'));
const detail = await (await staff.request.get(`${base}/api/v1/meetings/${meeting.id}`)).json();
const item = (detail.agenda ?? detail.meeting?.agenda ?? [])[0];
const chair = await as('chair');
const d1 = await as('delegate1', { width: 1024, height: 768 });
for (const u of ['delegate2', 'delegate3']) { const c = await as(u); await c.request.post(`${base}/api/v1/meetings/${meeting.id}/attendance`, { data: { status: 'present' } }); }
const created = await chair.request.post(`${base}/api/v1/meetings/${meeting.id}/motions`, { data: { agendaItemId: item.id, title: 'Thông qua chương trình kỳ họp', text: 'Đề nghị các đại biểu biểu quyết thông qua chương trình.', ballot: 'open', majority: 'simple' } });
const motion = await created.json();
console.log('create', created.status(), motion.id);
console.log('open', (await chair.request.post(`${base}/api/v1/motions/${motion.id}/open`, { data: { closesInSeconds: 120 } })).status());
const page = await d1.newPage();
await page.goto(`${base}/meetings/${meeting.id}/vote`);
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/tour-d1-vote-open.png' });
await page.getByRole('button', { name: /Tán thành/ }).first().click();
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/tour-d1-vote-confirm.png' });
const cpage = await chair.newPage();
await cpage.goto(`${base}/meetings/${meeting.id}/vote`);
await cpage.waitForTimeout(1500);
await cpage.screenshot({ path: '/tmp/tour-chair-vote-open.png', fullPage: true });
await browser.close();
