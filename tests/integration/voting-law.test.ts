import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, demoMeetingId, loggedIn, startServer, type TestServer } from './harness';

// Issue 13 through the API on the production build: the demo People's Committee (the chair and five delegates,
// six voting members) decides by the Law on Local Government, not by the members who happen to be present.

let server: TestServer;
let meetingId: string;
let itemId: string;
const people = new Map<string, ApiClient>();
const VOTERS = ['chair', 'delegate1', 'delegate2', 'delegate3', 'delegate4', 'delegate5'] as const;

const as = (username: string) => people.get(username)!;

async function checkIn(...usernames: string[]): Promise<void> {
	for (const u of usernames) expect((await as(u).request('POST', `/api/v1/meetings/${meetingId}/attendance`, { status: 'present' })).status).toBe(200);
}

/** Creates, opens, casts the given ballots and closes a motion; returns the closed motion. */
async function vote(body: Record<string, unknown>, ballots: Partial<Record<(typeof VOTERS)[number], string>>) {
	const created = await as('chair').request('POST', `/api/v1/meetings/${meetingId}/motions`, { agendaItemId: itemId, title: 'Thông qua Nghị quyết', ballot: 'open', ...body });
	expect(created.status).toBe(201);
	const id: string = created.body.id;
	expect((await as('chair').request('POST', `/api/v1/motions/${id}/open`)).status).toBe(200);
	for (const [u, choice] of Object.entries(ballots)) expect((await as(u).request('POST', `/api/v1/motions/${id}/ballots`, { choice })).status).toBe(201);
	const closed = await as('chair').request('POST', `/api/v1/motions/${id}/close`);
	expect(closed.status).toBe(200);
	return { created: created.body, closed: closed.body };
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	meetingId = await demoMeetingId(server.url);
	for (const u of [...VOTERS, 'secretary']) people.set(u, await loggedIn(server.url, u));
	const meeting = await as('secretary').request('GET', `/api/v1/meetings/${meetingId}`);
	expect(meeting.body).toMatchObject({ bodyType: 'people_committee', quorum: null });
	itemId = meeting.body.agenda.at(-1).id;
});

afterAll(async () => {
	await server?.stop();
});

describe('votes by the Law on Local Government', () => {
	it('6 voting members, 4 checked in, "absolute", 3 yes 1 abstain → not carried, with the reason', async () => {
		await checkIn('chair', 'delegate1', 'delegate2', 'delegate3');
		const attendance = await as('secretary').request('GET', `/api/v1/meetings/${meetingId}/attendance`);
		// ⅔ of 6 members must be present: 4.
		expect(attendance.body.summary).toMatchObject({ memberCount: 6, presentCount: 4, quorum: 4, quorumMet: true });

		const { created, closed } = await vote({ majority: 'absolute' }, { chair: 'yes', delegate1: 'yes', delegate2: 'yes', delegate3: 'abstain' });
		expect(created.majority).toEqual({ threshold: 'more_than_half', of: 'members' });
		expect(closed.result).toMatchObject({
			counts: { yes: 3, no: 0, abstain: 1 },
			passed: false,
			majorityMet: false,
			quorumMet: true,
			majority: { threshold: 'more_than_half', of: 'members' },
			base: { of: 'members', count: 6 },
			bodyType: 'people_committee'
		});
		expect(closed.result.reason.vi).toMatch(/^3\/6 thành viên tán thành, chưa đạt quá nửa tổng số thành viên Ủy ban nhân dân \(.*72\/2025\/QH15\)$/);
		expect(closed.result.reason.en).toMatch(/^3 of 6 members in favour: not more than half of all members of the People's Committee \(/);

		// The CSV carries the same sentence, word for word.
		const csv = await fetch(`${server.url}/api/v1/motions/${closed.id}/results.csv`, { headers: { cookie: as('secretary').cookie } });
		expect(csv.status).toBe(200);
		const text = await csv.text();
		expect(text).toContain(closed.result.reason.vi);
		expect(text).toContain('more_than_half/members');
	});

	it('the committee’s default rule: on a tie the Chairman’s vote decides; an abstaining chair breaks nothing', async () => {
		await checkIn('delegate4', 'delegate5');
		const broken = await vote({}, { chair: 'yes', delegate1: 'yes', delegate2: 'yes', delegate3: 'no', delegate4: 'no', delegate5: 'no' });
		expect(broken.created.majority).toEqual({ threshold: 'more_than_half', of: 'members', tieBreak: 'chair' });
		expect(broken.closed.result).toMatchObject({ passed: true, tieBreak: { chairChoice: 'yes', applied: true } });
		expect(broken.closed.result.reason.vi).toContain('quyết định theo ý kiến Chủ tịch Ủy ban nhân dân đã biểu quyết (tán thành)');

		const against = await vote({}, { chair: 'no', delegate1: 'no', delegate2: 'no', delegate3: 'yes', delegate4: 'yes', delegate5: 'yes' });
		expect(against.closed.result).toMatchObject({ passed: false, tieBreak: { chairChoice: 'no', applied: true } });

		const unbroken = await vote({}, { chair: 'abstain', delegate1: 'yes', delegate2: 'yes', delegate3: 'no', delegate4: 'no', delegate5: 'abstain' });
		expect(unbroken.closed.result).toMatchObject({ passed: false, tieBreak: { chairChoice: 'abstain', applied: false } });
	});

	it('refuses a chair tie-break on a secret ballot, and on a qualified majority', async () => {
		const body = { agendaItemId: itemId, title: 'x' };
		const secret = await as('chair').request('POST', `/api/v1/meetings/${meetingId}/motions`, { ...body, ballot: 'secret', majority: { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' } });
		expect(secret.status).toBe(400);
		const qualified = await as('chair').request('POST', `/api/v1/meetings/${meetingId}/motions`, { ...body, ballot: 'open', majority: { threshold: 'two_thirds', of: 'members', tieBreak: 'chair' } });
		expect(qualified.status).toBe(400);
		// A secret ballot in a committee gets the law's rule without the tie-break.
		const plain = await as('chair').request('POST', `/api/v1/meetings/${meetingId}/motions`, { ...body, ballot: 'secret' });
		expect(plain.status).toBe(201);
		expect(plain.body.majority).toEqual({ threshold: 'more_than_half', of: 'members' });
		expect((await as('chair').request('DELETE', `/api/v1/motions/${plain.body.id}`)).status).toBe(204);
	});

	it('the meeting API takes bodyType, quorum and proxyLimit; the body sets the default quorum', async () => {
		const staff = as('secretary');
		const made = await staff.request('POST', '/api/v1/meetings', { title: 'Kỳ họp Hội đồng nhân dân', startsAt: new Date().toISOString(), bodyType: 'people_council', proxyLimit: 0 });
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ bodyType: 'people_council', quorum: null, proxyLimit: 0 });
		expect((await staff.request('POST', '/api/v1/meetings', { title: 'x', startsAt: new Date().toISOString(), bodyType: 'senate' })).status).toBe(400);

		// The demo committee as an "other" body: more than half of 6 present, 4 again; a set quorum wins.
		expect((await staff.request('PATCH', `/api/v1/meetings/${meetingId}`, { bodyType: 'other', quorum: 5 })).body).toMatchObject({ bodyType: 'other', quorum: 5 });
		expect((await staff.request('GET', `/api/v1/meetings/${meetingId}/attendance`)).body.summary).toMatchObject({ quorum: 5 });
		expect((await staff.request('PATCH', `/api/v1/meetings/${meetingId}`, { bodyType: 'people_committee', quorum: null })).status).toBe(200);
		expect((await staff.request('GET', `/api/v1/meetings/${meetingId}/attendance`)).body.summary).toMatchObject({ quorum: 4 });
	});
});
