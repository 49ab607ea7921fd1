import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState, type LiveState } from '../../src/lib/collab/live-state';
import { readPdf } from '../fixtures/pdfs';
import { connectPeer, eventually, synced, upgradeStatus, type Peer } from './collab-client';
import { ApiClient, demoMeetingId, loggedIn, startServer, type TestServer } from './harness';

// The chair's console and the hall display through the real server: the session's status and current item in the
// live room, a result shown again, and a display link that opens the display of one meeting and nothing else.

let server: TestServer;
let meetingId: string;
let otherMeetingId: string;
let items: string[];
let chair: ApiClient;
let secretary: ApiClient;
let delegate: ApiClient;
let outsider: ApiClient;
const peers: Peer[] = [];

const live = (p: Peer): LiveState => readLiveState(p.doc.getMap('state'));
const watch = async (cookie: string, id = meetingId): Promise<Peer> => {
	const peer = connectPeer(server.url, `meeting:${id}:live`, cookie);
	peers.push(peer);
	await synced(peer);
	return peer;
};

async function closedMotion(title: string): Promise<string> {
	const created = await chair.request<{ id: string }>('POST', `/api/v1/meetings/${meetingId}/motions`, { agendaItemId: items[0], title, ballot: 'open', majority: 'simple' });
	expect(created.status).toBe(201);
	expect((await chair.request('POST', `/api/v1/motions/${created.body.id}/open`)).status).toBe(200);
	expect((await delegate.request('POST', `/api/v1/motions/${created.body.id}/ballots`, { choice: 'yes' })).status).toBe(201);
	expect((await chair.request('POST', `/api/v1/motions/${created.body.id}/close`)).status).toBe(200);
	return created.body.id;
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	meetingId = await demoMeetingId(server.url);
	const clients = await Promise.all(['chair', 'secretary', 'delegate1', 'outsider'].map((u) => loggedIn(server.url, u)));
	[chair, secretary, delegate, outsider] = clients as [ApiClient, ApiClient, ApiClient, ApiClient];
	const list = await secretary.request<{ meetings: { id: string }[] }>('GET', '/api/v1/meetings');
	otherMeetingId = list.body.meetings.find((m) => m.id !== meetingId)!.id;
	const agenda = await chair.request<{ agenda: { id: string; children: { id: string }[] }[] }>('GET', `/api/v1/meetings/${meetingId}/agenda`);
	items = agenda.body.agenda.flatMap((n) => [n.id, ...n.children.map((c) => c.id)]);
}, 60_000);

afterAll(async () => {
	for (const p of peers.splice(0)) p.destroy();
	await server?.stop();
});

describe('the session', () => {
	it('the first check-in starts the announced meeting; every tablet sees the status in the live room and the list', async () => {
		const watcher = await watch(delegate.cookie);
		const before = await chair.request<{ status: string }>('GET', `/api/v1/meetings/${meetingId}`);
		expect(before.body.status).toBe('scheduled');
		expect((await delegate.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { status: 'present' })).status).toBe(200);
		await eventually(() => live(watcher).session?.status === 'in_progress', 5_000, 'status in the live room');
		expect(live(watcher).session?.openedAt).toEqual(expect.any(Number));
		const list = await delegate.request<{ meetings: { id: string; status: string }[] }>('GET', '/api/v1/meetings');
		expect(list.body.meetings.find((m) => m.id === meetingId)?.status).toBe('in_progress');
		// Starting a running session changes nothing.
		const again = await chair.request<{ status: string; openedAt: string }>('POST', `/api/v1/meetings/${meetingId}/session/start`);
		expect(again.status).toBe(200);
		expect(again.body.status).toBe('in_progress');
	});

	it('the chair sets the current item; others may not; strangers learn nothing', async () => {
		const watcher = await watch(delegate.cookie);
		const res = await chair.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { agendaItemId: items[1] });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ currentAgendaItemId: items[1], status: 'in_progress' });
		await eventually(() => live(watcher).currentAgendaItemId === items[1], 5_000, 'current item in the live room');
		expect((await delegate.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { agendaItemId: items[0] })).status).toBe(403);
		expect((await outsider.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { agendaItemId: items[0] })).status).toBe(404);
		const wrong = await chair.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { agendaItemId: 'aaaaaaaaaaaaaaaa' });
		expect(wrong.status).toBe(400);
		expect(wrong.body.error.fields[0].path).toBe('agendaItemId');
		expect((await new ApiClient(server.url).request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { agendaItemId: null })).status).toBe(401);
	});

	it('a closed result is shown again in the live room; only a closed vote of this meeting can be', async () => {
		const watcher = await watch(delegate.cookie);
		const motionId = await closedMotion('Thông qua chương trình kỳ họp');
		const shown = await chair.request('PUT', `/api/v1/meetings/${meetingId}/shown-result`, { motionId });
		expect(shown.status).toBe(200);
		await eventually(() => live(watcher).shownResult?.motionId === motionId, 5_000, 'shown result');
		expect(live(watcher).shownResult).toMatchObject({ title: 'Thông qua chương trình kỳ họp', result: { counts: { yes: 1 }, passed: expect.any(Boolean) } });
		expect((await delegate.request('PUT', `/api/v1/meetings/${meetingId}/shown-result`, { motionId })).status).toBe(403);
		const draft = await chair.request<{ id: string }>('POST', `/api/v1/meetings/${meetingId}/motions`, { agendaItemId: items[0], title: 'Nháp', ballot: 'open', majority: 'simple' });
		expect((await chair.request('PUT', `/api/v1/meetings/${meetingId}/shown-result`, { motionId: draft.body.id })).status).toBe(409);
		expect((await chair.request('DELETE', `/api/v1/motions/${draft.body.id}`)).status).toBe(204);
		expect((await chair.request('DELETE', `/api/v1/meetings/${meetingId}/shown-result`)).status).toBe(204);
		await eventually(() => live(watcher).shownResult === null, 5_000, 'result taken off');
	});
});

describe('display links', () => {
	let token: string;
	let linkId: string;
	let documentId: string;
	let cookie: string;

	it('the secretariat creates a link (the token once); the chair and delegates may not', async () => {
		expect((await chair.request('POST', `/api/v1/meetings/${meetingId}/display-links`, { label: 'x' })).status).toBe(403);
		expect((await outsider.request('GET', `/api/v1/meetings/${meetingId}/display-links`)).status).toBe(404);
		const res = await secretary.request<{ id: string; token: string; path: string; label: string }>('POST', `/api/v1/meetings/${meetingId}/display-links`, {
			label: 'Máy chiếu hội trường'
		});
		expect(res.status).toBe(201);
		expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(res.body.path).toBe(`/meetings/${meetingId}/display?token=${res.body.token}`);
		token = res.body.token;
		linkId = res.body.id;
		const list = await secretary.request<{ links: unknown[] }>('GET', `/api/v1/meetings/${meetingId}/display-links`);
		expect(list.body.links).toHaveLength(1);
		expect(JSON.stringify(list.body)).not.toContain(token);
	});

	it('the token is exchanged for a cookie of this meeting, without a Referer, and the display page opens with it', async () => {
		const projector = new ApiClient(server.url);
		const first = await projector.request('GET', `/meetings/${meetingId}/display?token=${token}`);
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe(`/meetings/${meetingId}/display`);
		expect(first.headers.get('referrer-policy')).toBe('no-referrer');
		const set = first.headers.getSetCookie().find((c) => c.startsWith(`quorum_display_${meetingId}=`))!;
		expect(set).toMatch(/HttpOnly/i);
		expect(set).toMatch(/SameSite=Lax/i);
		cookie = set.split(';')[0]!;
		const page = await projector.request<string>('GET', `/meetings/${meetingId}/display`);
		expect(page.status).toBe(200);
		expect(page.headers.get('referrer-policy')).toBe('no-referrer');
		expect(page.body).toContain('Phiên họp thường kỳ');
		// The same token in another meeting's address opens nothing.
		expect((await new ApiClient(server.url).request('GET', `/meetings/${otherMeetingId}/display?token=${token}`)).status).toBe(404);
		expect((await new ApiClient(server.url).request('GET', `/meetings/${meetingId}/display?token=${'A'.repeat(43)}`)).status).toBe(404);
	});

	it('the cookie opens nothing else: no API, no other page, no other meeting, only the presented document', async () => {
		const projector = new ApiClient(server.url);
		projector.jar.set(`quorum_display_${meetingId}`, cookie.split('=')[1]!);
		expect((await projector.request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(401);
		expect((await projector.request('GET', `/api/v1/meetings/${meetingId}/attendance`)).status).toBe(401);
		expect((await projector.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { agendaItemId: null })).status).toBe(401);
		expect((await projector.request('GET', `/meetings/${meetingId}`)).status).toBe(303);
		expect((await projector.request('GET', `/meetings/${meetingId}/vote`)).status).toBe(303);
		expect((await projector.request('GET', `/meetings/${otherMeetingId}/display`)).status).toBe(303);

		// A document: 404 until it is the one presented, then its bytes (ranges included).
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(readPdf('alphatrans.pdf'))], { type: 'application/pdf' }), 'alphatrans.pdf');
		const up = await fetch(`${server.url}/api/v1/meetings/${meetingId}/agenda/${items[0]}/documents`, {
			method: 'POST',
			headers: { cookie: secretary.cookie, origin: server.url },
			body: form
		});
		expect(up.status).toBe(201);
		documentId = ((await up.json()) as { id: string }).id;
		expect((await projector.request('GET', `/api/v1/documents/${documentId}/file`)).status).toBe(404);
		expect((await projector.request('GET', `/api/v1/documents/${documentId}`)).status).toBe(401);
		expect((await projector.request('GET', `/api/v1/documents/${documentId}/download`)).status).toBe(401);
		expect((await chair.request('PUT', `/api/v1/meetings/${meetingId}/presenter`, { documentId, page: 1 })).status).toBe(200);
		const file = await projector.request('GET', `/api/v1/documents/${documentId}/file`, undefined, { headers: { range: 'bytes=0-99' } });
		expect(file.status).toBe(206);
		// A confidential paper is read on the members' tablets only: presented, it still never reaches the hall screen.
		expect((await secretary.request('PATCH', `/api/v1/documents/${documentId}`, { confidential: true })).status).toBe(200);
		const refused = await projector.request<{ error: { code: string } }>('GET', `/api/v1/documents/${documentId}/file`);
		expect(refused.status).toBe(403);
		expect(refused.body.error.code).toBe('document_confidential');
		expect((await secretary.request('PATCH', `/api/v1/documents/${documentId}`, { confidential: false })).status).toBe(200);
		expect((await chair.request('DELETE', `/api/v1/meetings/${meetingId}/presenter`)).status).toBe(204);
		expect((await projector.request('GET', `/api/v1/documents/${documentId}/file`)).status).toBe(404);
	});

	it('the cookie opens this meeting’s live room read-only and no other room', async () => {
		const ws = (room: string) => `${server.url.replace(/^http/, 'ws')}/collab/${room}`;
		const headers = { cookie, origin: server.url };
		expect(await upgradeStatus(ws(`meeting:${meetingId}:live`), headers)).toBe(101);
		expect(await upgradeStatus(ws(`meeting:${meetingId}:minutes`), headers)).toBe(401);
		expect(await upgradeStatus(ws(`meeting:${otherMeetingId}:live`), headers)).toBe(401);
		expect(await upgradeStatus(ws(`document:${documentId}:shared`), headers)).toBe(401);
		expect(await upgradeStatus(ws(`meeting:${meetingId}:live`), { cookie, origin: 'http://evil.example' })).toBe(403);

		const display = await watch(cookie);
		const member = await watch(delegate.cookie);
		// Presenting a document of item 1 put that item on the floor.
		expect(live(display).currentAgendaItemId).toBe(items[0]);
		// A write from the display is never applied, stored or relayed.
		display.doc.getMap('state').set('currentAgendaItemId', 'hacked');
		await chair.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { agendaItemId: items[2] });
		await eventually(() => live(member).currentAgendaItemId === items[2], 5_000, 'the chair’s change');
		await new Promise((r) => setTimeout(r, 200));
		expect(JSON.stringify(member.doc.getMap('state').toJSON())).not.toContain('hacked');
	});

	it('a revoked link closes the display’s socket and says so on the page', async () => {
		const display = await watch(cookie);
		let closed = false;
		display.provider.on('connection-close', () => (closed = true));
		expect((await chair.request('DELETE', `/api/v1/meetings/${meetingId}/display-links/${linkId}`)).status).toBe(403);
		expect((await secretary.request('DELETE', `/api/v1/meetings/${meetingId}/display-links/${linkId}`)).status).toBe(204);
		await eventually(() => closed, 5_000, 'display socket closed');
		const ws = `${server.url.replace(/^http/, 'ws')}/collab/meeting:${meetingId}:live`;
		expect(await upgradeStatus(ws, { cookie, origin: server.url })).toBe(401);
		const projector = new ApiClient(server.url, 'vi');
		projector.jar.set(`quorum_display_${meetingId}`, cookie.split('=')[1]!);
		const page = await projector.request<string>('GET', `/meetings/${meetingId}/display`);
		expect(page.status).toBe(410);
		expect(page.body).toContain('thu hồi');
		expect((await new ApiClient(server.url, 'vi').request('GET', `/meetings/${meetingId}/display?token=${token}`)).status).toBe(410);
	});

	it('the chair opens the display with the session; a delegate may not', async () => {
		expect((await chair.request('GET', `/meetings/${meetingId}/display`)).status).toBe(200);
		expect((await delegate.request('GET', `/meetings/${meetingId}/display`)).status).toBe(403);
		expect((await outsider.request('GET', `/meetings/${meetingId}/display`)).status).toBe(404);
	});
});

describe('ending the session', () => {
	it('is refused while a vote is open, then closes the meeting; a closed meeting does not start again', async () => {
		const watcher = await watch(delegate.cookie);
		const created = await chair.request<{ id: string }>('POST', `/api/v1/meetings/${meetingId}/motions`, { agendaItemId: items[0], title: 'Biểu quyết cuối', ballot: 'secret', majority: 'simple' });
		expect((await chair.request('POST', `/api/v1/motions/${created.body.id}/open`)).status).toBe(200);
		const refused = await chair.request('POST', `/api/v1/meetings/${meetingId}/session/end`);
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('vote_still_open');
		expect((await chair.request('POST', `/api/v1/motions/${created.body.id}/close`)).status).toBe(200);
		expect((await delegate.request('POST', `/api/v1/meetings/${meetingId}/session/end`)).status).toBe(403);
		const ended = await chair.request<{ status: string; closedAt: string }>('POST', `/api/v1/meetings/${meetingId}/session/end`);
		expect(ended.status).toBe(200);
		expect(ended.body.status).toBe('closed');
		await eventually(() => live(watcher).session?.status === 'closed', 5_000, 'closed in the live room');
		const restart = await chair.request('POST', `/api/v1/meetings/${meetingId}/session/start`);
		expect(restart.status).toBe(409);
		expect(restart.body.error.code).toBe('meeting_closed');
	});
});
