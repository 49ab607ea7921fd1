import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { onWritesRefused } from '../../src/lib/collab/refused-writes';
import { connectPeer, eventually, synced, type Peer } from './collab-client';
import { ApiClient, DEMO_PASSWORD, demoMeetingId, loggedIn, startServer, type TestServer } from './harness';

// The life of the minutes on the real server: started from the record, written in the real room, kept in step
// with attendance and a vote, submitted, signed with the chair's password, archived into the hash chain, frozen
// (API and room), printed, exported, and verified — then tampered with and caught.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

let server: TestServer;
let meetingId: string;
let itemId: string;
let secretary: ApiClient;
let chair: ApiClient;
let delegate: ApiClient;
let outsider: ApiClient;
let archivedBefore: number;
let firstSeq: number;
const peers: Peer[] = [];

const minutesRoom = (id: string) => `meeting:${id}:minutes`;
const paragraph = (text: string) => {
	const p = new Y.XmlElement('paragraph');
	const t = new Y.XmlText();
	t.insert(0, text);
	p.insert(0, [t]);
	return p;
};

async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
	const parts: string[] = [];
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
	}
	await pdf.destroy();
	return parts.join('\n').normalize('NFC');
}

/** What the server holds in the minutes room, as a fresh tablet receives it. */
async function roomText(): Promise<string> {
	const fresh = connectPeer(server.url, minutesRoom(meetingId), secretary.cookie);
	try {
		await synced(fresh);
		return fresh.doc.getXmlFragment('default').toString();
	} finally {
		fresh.destroy();
	}
}

async function getPdf(client: ApiClient, id: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
	const res = await fetch(`${server.url}/api/v1/meetings/${id}/minutes.pdf`, { headers: { cookie: client.cookie } });
	return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	meetingId = await demoMeetingId(server.url);
	[secretary, chair, delegate, outsider] = (await Promise.all(['secretary', 'chair', 'delegate1', 'outsider'].map((u) => loggedIn(server.url, u)))) as [ApiClient, ApiClient, ApiClient, ApiClient];
	const meeting = await secretary.request<{ agenda: { id: string }[] }>('GET', `/api/v1/meetings/${meetingId}`);
	itemId = meeting.body.agenda[0]!.id;
	const db = new Database(path.join(server.dataDir, 'quorum.db'), { readonly: true });
	archivedBefore = (db.prepare('select count(*) as n from archive_records').get() as { n: number }).n;
	db.close();
});

afterAll(async () => {
	for (const p of peers.splice(0)) p.destroy();
	await server?.stop();
});

describe('the minutes of a meeting', () => {
	it('are started by the secretariat from the record; members read, outsiders learn nothing', async () => {
		expect((await delegate.request('GET', `/api/v1/meetings/${meetingId}/minutes`)).body).toMatchObject({ state: 'not_started' });
		expect((await delegate.request('POST', `/api/v1/meetings/${meetingId}/minutes`, {})).status).toBe(403);
		expect((await outsider.request('GET', `/api/v1/meetings/${meetingId}/minutes`)).status).toBe(404);
		expect((await outsider.request('GET', `/api/v1/meetings/${meetingId}/minutes.pdf`)).status).toBe(404);

		const garbled = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes`, undefined, { raw: '{"locale":', headers: { 'content-type': 'application/json' } });
		expect(garbled.status).toBe(400);
		expect(garbled.body).toMatchObject({ error: { code: 'invalid_json' } });
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { locale: 'fr' })).status).toBe(400);
		const started = await secretary.request<{ state: string; html: string; contentHash: string; unfilled: { text: string; under: string | null }[] }>(
			'POST',
			`/api/v1/meetings/${meetingId}/minutes`,
			{ locale: 'vi' }
		);
		expect(started.status).toBe(201);
		expect(started.body.state).toBe('draft');
		// The template's fill-ins are listed, each under its heading, for the writer to be asked about at submit.
		expect(started.body.unfilled).toContainEqual({ text: 'Cuộc họp kết thúc lúc …', under: expect.any(String) });
		expect(started.body.unfilled.filter((l) => l.text === 'Tóm tắt thảo luận: …').length).toBeGreaterThan(0);
		expect(started.body.html).not.toContain('Phiên họp thường kỳ</h1>');
		expect(started.body.html).toContain('Thời gian');
		expect(started.body.html).toContain('Thành phần tham dự');
		expect(started.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
		// Starting again changes nothing.
		const again = await chair.request<{ contentHash: string }>('POST', `/api/v1/meetings/${meetingId}/minutes`, {});
		expect(again.status).toBe(200);
		expect(again.body.contentHash).toBe(started.body.contentHash);
	});

	it('are written in the real room by the chair and secretariat; a delegate reads live and cannot write', async () => {
		const writer = connectPeer(server.url, minutesRoom(meetingId), secretary.cookie);
		const reader = connectPeer(server.url, minutesRoom(meetingId), delegate.cookie);
		peers.push(writer, reader);
		await Promise.all([synced(writer), synced(reader)]);
		expect(writer.doc.getXmlFragment('default').length).toBeGreaterThan(5);

		writer.doc.getXmlFragment('default').push([paragraph('Hội nghị thống nhất cao về cải cách hành chính.')]);
		await eventually(() => reader.doc.getXmlFragment('default').toString().includes('cải cách hành chính'), 5_000, 'reader sees the writer');

		reader.doc.getXmlFragment('default').push([paragraph('Đại biểu tự ý sửa biên bản')]);
		await new Promise((r) => setTimeout(r, 300));
		expect(await roomText()).not.toContain('tự ý sửa');
		expect((await secretary.request<{ html: string }>('GET', `/api/v1/meetings/${meetingId}/minutes`)).body.html).not.toContain('tự ý sửa');
	});

	it('follow attendance and a vote by themselves, wherever the blocks were moved', async () => {
		// A writer moves the attendance block to the end (ProseMirror moves are a delete and a copy).
		const writer = peers[0]!;
		const fragment = writer.doc.getXmlFragment('default');
		const index = fragment.toArray().findIndex((el) => el instanceof Y.XmlElement && el.nodeName === 'recordBlock' && el.getAttribute('kind') === 'attendance');
		const original = fragment.get(index) as Y.XmlElement;
		const copy = new Y.XmlElement('recordBlock');
		for (const [key, value] of Object.entries(original.getAttributes())) copy.setAttribute(key, value as string);
		writer.doc.transact(() => {
			fragment.delete(index, 1);
			fragment.push([copy]);
		});
		for (const name of ['chair', 'delegate1', 'delegate2', 'delegate3']) {
			const c = await loggedIn(server.url, name);
			expect((await c.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { status: 'present' })).status).toBe(200);
		}
		const motion = await chair.request<{ id: string }>('POST', `/api/v1/meetings/${meetingId}/motions`, {
			agendaItemId: itemId,
			title: 'Thông qua Nghị quyết về cải cách hành chính',
			ballot: 'open',
			majority: 'simple'
		});
		expect(motion.status).toBe(201);
		expect((await chair.request('POST', `/api/v1/motions/${motion.body.id}/open`)).status).toBe(200);
		for (const [name, choice] of [['chair', 'yes'], ['delegate1', 'yes'], ['delegate2', 'no']] as const) {
			const c = await loggedIn(server.url, name);
			expect((await c.request('POST', `/api/v1/motions/${motion.body.id}/ballots`, { choice })).status).toBe(201);
		}
		expect((await chair.request('POST', `/api/v1/motions/${motion.body.id}/close`)).status).toBe(200);

		let html = '';
		const deadline = Date.now() + 5_000;
		while (Date.now() < deadline) {
			html = (await secretary.request<{ html: string }>('GET', `/api/v1/meetings/${meetingId}/minutes`)).body.html;
			if (html.includes('THÔNG QUA')) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(html).toContain('Biểu quyết: Thông qua Nghị quyết về cải cách hành chính');
		expect(html).toContain('Tán thành: 2 · Không tán thành: 1 · Không biểu quyết: 0');
		expect(html).toContain('Kết quả: THÔNG QUA');
		expect(html).toMatch(/Có mặt \(4\): [^<]*Trần Văn Minh/);
		expect(html.indexOf('data-kind="attendance"')).toBeGreaterThan(html.indexOf('Kết luận'));
	});

	it('ask the writer on the page before submitting with the template’s fill-ins left; nobody else learns them', async () => {
		// The page's form action, as `use:enhance` posts it.
		const submitForm = (client: typeof secretary, body: string) =>
			client.request<{ type: string; status: number; data: string }>('POST', `/meetings/${meetingId}/minutes?/submit`, undefined, {
				raw: body,
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'x-sveltekit-action': 'true' }
			});
		const asked = await submitForm(secretary, '');
		expect(asked.body).toMatchObject({ type: 'failure', status: 409 });
		expect(asked.body.data).toContain('Cuộc họp kết thúc lúc …');
		for (const [client, status] of [
			[delegate, 403],
			[outsider, 404]
		] as const) {
			for (const body of ['', 'confirmUnfilled=yes']) {
				const refused = await submitForm(client, body);
				expect(refused.body).toMatchObject({ type: 'failure', status });
				expect(refused.body.data).not.toContain('Tóm tắt thảo luận');
			}
		}
		expect((await secretary.request<{ state: string }>('GET', `/api/v1/meetings/${meetingId}/minutes`)).body.state).toBe('draft');
	});

	it('tell a writer whose offline writing arrived after the submission, and take it in once they are returned', async () => {
		const writer = connectPeer(server.url, minutesRoom(meetingId), chair.cookie);
		let refused = 0;
		onWritesRefused(writer.provider, () => refused++);
		try {
			await synced(writer);
			// Written online first, so the offline writing continues this tablet's history (its update does not
			// start at clock 0).
			writer.doc.getXmlFragment('default').push([paragraph('Viết khi còn mạng')]);
			await eventually(() => writer.provider.synced, 5_000, 'online writing sent');
			const deadline0 = Date.now() + 5_000;
			while (!(await roomText()).includes('Viết khi còn mạng')) {
				if (Date.now() > deadline0) throw new Error('the online writing never reached the room');
				await new Promise((r) => setTimeout(r, 50));
			}
			writer.provider.disconnect();
			writer.doc.getXmlFragment('default').push([paragraph('Viết khi mất mạng')]);
			expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/submit`)).status).toBe(200);

			writer.provider.connect();
			await eventually(() => refused === 1, 5_000, 'the writer is told');
			expect(await roomText()).not.toContain('Viết khi mất mạng');

			// Returned to draft: the tablet reconnects as a writer and its writing goes in; nothing was lost.
			expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/return`)).status).toBe(200);
			const deadline = Date.now() + 5_000;
			while (!(await roomText()).includes('Viết khi mất mạng')) {
				if (Date.now() > deadline) throw new Error('the offline writing never reached the room');
				await new Promise((r) => setTimeout(r, 100));
			}
			expect(refused).toBe(1);
		} finally {
			writer.destroy();
		}
	});

	it('are submitted (frozen: API and room refuse edits), signed by the secretary, then approved by the chair', async () => {
		const submitted = await secretary.request<{ state: string; contentHash: string; unfilled: unknown[] }>('POST', `/api/v1/meetings/${meetingId}/minutes/submit`);
		expect(submitted.status).toBe(200);
		expect(submitted.body.state).toBe('submitted');
		expect(submitted.body.unfilled).toEqual([]);
		const edit = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/paragraphs`, { text: 'Thêm sau khi trình' });
		expect(edit.status).toBe(409);
		expect(edit.body).toMatchObject({ error: { code: 'minutes_not_draft' } });

		// The writer was reconnected read-only: its edit is not stored.
		const writer = peers[0]!;
		await synced(writer);
		writer.doc.getXmlFragment('default').push([paragraph('Sửa sau khi trình')]);
		await new Promise((r) => setTimeout(r, 300));
		expect(await roomText()).not.toContain('Sửa sau khi trình');

		const hash = submitted.body.contentHash;
		expect((await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/approve`, { password: DEMO_PASSWORD, contentHash: hash })).status).toBe(403);
		// The chair approves only after the meeting's secretary has signed.
		const early = await chair.request('POST', `/api/v1/meetings/${meetingId}/minutes/approve`, { password: DEMO_PASSWORD, contentHash: hash });
		expect(early.status).toBe(409);
		expect(early.body).toMatchObject({ error: { code: 'secretary_signature_missing' } });
		// Only the meeting's secretary signs first: not the chair, not a delegate; an outsider learns nothing.
		for (const [client, status] of [
			[chair, 403],
			[delegate, 403],
			[outsider, 404]
		] as const) {
			expect((await client.request('POST', `/api/v1/meetings/${meetingId}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: hash })).status).toBe(status);
		}
		const signWrongHash = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: 'b'.repeat(64) });
		expect(signWrongHash.status).toBe(409);
		expect(signWrongHash.body).toMatchObject({ error: { code: 'minutes_changed' } });
		const signWrongPassword = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/sign`, { password: 'not-the-password', contentHash: hash });
		expect(signWrongPassword.status).toBe(403);
		expect(signWrongPassword.body).toMatchObject({ error: { code: 'wrong_password' } });
		const signed = await secretary.request<{ state: string; secretarySignedAt: string | null; secretary: { displayName: string } }>(
			'POST',
			`/api/v1/meetings/${meetingId}/minutes/sign`,
			{ password: DEMO_PASSWORD, contentHash: hash }
		);
		expect(signed.status).toBe(200);
		expect(signed.body.state).toBe('submitted');
		expect(signed.body.secretarySignedAt).toEqual(expect.any(String));
		const twice = await secretary.request('POST', `/api/v1/meetings/${meetingId}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: hash });
		expect(twice.status).toBe(409);
		expect(twice.body).toMatchObject({ error: { code: 'minutes_already_signed' } });

		const wrongPassword = await chair.request('POST', `/api/v1/meetings/${meetingId}/minutes/approve`, { password: 'not-the-password', contentHash: hash });
		expect(wrongPassword.status).toBe(403);
		expect(wrongPassword.body).toMatchObject({ error: { code: 'wrong_password' } });
		const wrongHash = await chair.request('POST', `/api/v1/meetings/${meetingId}/minutes/approve`, { password: DEMO_PASSWORD, contentHash: 'a'.repeat(64) });
		expect(wrongHash.status).toBe(409);
		expect(wrongHash.body).toMatchObject({ error: { code: 'minutes_changed' } });

		const approved = await chair.request<{ state: string; archive: { seq: number; hash: string }; approvedBy: { displayName: string } }>(
			'POST',
			`/api/v1/meetings/${meetingId}/minutes/approve`,
			{ password: DEMO_PASSWORD, contentHash: hash }
		);
		expect(approved.status).toBe(200);
		expect(approved.body.state).toBe('approved');
		expect(approved.body).toMatchObject({ documentNumber: expect.stringMatching(/^\d{2,}\/BB-UBND$/) });
		// The demo's past meeting is record 1 of the chain.
		expect(approved.body.archive.seq).toBe(archivedBefore + 1);
		firstSeq = approved.body.archive.seq;
	});

	it('are frozen after approval: the API answers 409 and the room drops every write', async () => {
		for (const [pathname, body] of [
			['minutes/paragraphs', { text: 'Sửa sau phê duyệt' }],
			['minutes/return', undefined],
			['minutes/submit', undefined]
		] as const) {
			const res = await secretary.request('POST', `/api/v1/meetings/${meetingId}/${pathname}`, body);
			expect(res.status, pathname).toBe(409);
		}
		// The pages learn it too: reading is all that is left.
		const meeting = await chair.request<{ can: Record<string, boolean> }>('GET', `/api/v1/meetings/${meetingId}`);
		expect(meeting.body.can).toMatchObject({ view: true, edit_minutes: false, approve_minutes: false, annotate_shared: false, run_votes: false, vote: false, present: false });
		// Nor can anyone change who was there or ask for the floor.
		for (const [pathname, body] of [
			['attendance', { status: 'absent' }],
			['speakers', { agendaItemId: itemId }]
		] as const) {
			const res = await delegate.request('POST', `/api/v1/meetings/${meetingId}/${pathname}`, body);
			expect(res.status, pathname).toBe(409);
			expect(res.body).toMatchObject({ error: { code: 'meeting_archived' } });
		}
		const motion = await chair.request('POST', `/api/v1/meetings/${meetingId}/motions`, { agendaItemId: itemId, title: 'Muộn', ballot: 'open', majority: 'simple' });
		expect(motion.status).toBe(409);
		expect(motion.body).toMatchObject({ error: { code: 'meeting_archived' } });

		const late = connectPeer(server.url, minutesRoom(meetingId), chair.cookie);
		peers.push(late);
		await synced(late);
		late.doc.getXmlFragment('default').push([paragraph('Chủ tọa sửa sau phê duyệt')]);
		await new Promise((r) => setTimeout(r, 300));
		expect(await roomText()).not.toContain('sửa sau phê duyệt');
	});

	it('are printed as a PDF whose text keeps the Vietnamese title, and exported as a canonical, hashed record', async () => {
		const pdf = await getPdf(delegate, meetingId);
		expect(pdf.status).toBe(200);
		expect(pdf.type).toBe('application/pdf');
		const sha256 = createHash('sha256').update(pdf.bytes).digest('hex');
		// pdf.js takes the buffer over: hash first.
		const text = await pdfText(pdf.bytes);
		expect(text).toContain('Phiên họp thường kỳ');
		expect(text).toContain('Chủ tọa');

		const record = await delegate.request<{ seq: number; record: string; contentHash: string; pdfSha256: string }>('GET', `/api/v1/meetings/${meetingId}/archive`);
		expect(record.status).toBe(200);
		expect(createHash('sha256').update(record.body.record).digest('hex')).toBe(record.body.contentHash);
		expect(sha256).toBe(record.body.pdfSha256);
		const content = JSON.parse(record.body.record);
		expect(content.meeting.id).toBe(meetingId);
		expect(content.minutes.text).toContain('cải cách hành chính');
		expect(content.motions[0].result.passed).toBe(true);
		expect(content.participants.length).toBeGreaterThan(5);
		expect(content.approval.name).toBeTruthy();
		// Both signatures, in order, each with the certificate its PDF signature was made with.
		expect(content.signatures.map((s: { role: string }) => s.role)).toEqual(['secretary', 'chair']);
		expect(content.signatures[0].certificate.commonName).toContain('(DEMO)');
		expect(content.document.number).toMatch(/\/BB-UBND$/);
	});

	it('chain a second meeting to the first; archive:verify holds, then names the record someone altered', async () => {
		const created = await secretary.request<{ id: string }>('POST', '/api/v1/meetings', { title: 'Họp chuyên đề về đất đai', startsAt: new Date().toISOString() });
		expect(created.status).toBe(201);
		const users = await secretary.request<{ users: { id: string; username: string }[] }>('GET', '/api/v1/users');
		const chairId = users.body.users.find((u) => u.username === 'chair')!.id;
		expect((await secretary.request('POST', `/api/v1/meetings/${created.body.id}/participants`, { userId: chairId, role: 'chair' })).status).toBe(201);
		await secretary.request('POST', `/api/v1/meetings/${created.body.id}/minutes`, { locale: 'en' });
		// Signed, then returned to draft: the return voids the signature, and what is submitted again is signed again.
		const firstSubmit = await secretary.request<{ contentHash: string }>('POST', `/api/v1/meetings/${created.body.id}/minutes/submit`);
		const signedFirst = await secretary.request('POST', `/api/v1/meetings/${created.body.id}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: firstSubmit.body.contentHash });
		expect(signedFirst.status).toBe(200);
		expect((await secretary.request('POST', `/api/v1/meetings/${created.body.id}/minutes/return`)).status).toBe(200);
		const notSubmitted = await secretary.request('POST', `/api/v1/meetings/${created.body.id}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: firstSubmit.body.contentHash });
		expect(notSubmitted.body).toMatchObject({ error: { code: 'minutes_not_submitted' } });
		expect((await secretary.request('POST', `/api/v1/meetings/${created.body.id}/minutes/paragraphs`, { text: 'A late addition.' })).status).toBe(201);
		const submitted = await secretary.request<{ contentHash: string; secretarySignedAt: string | null }>('POST', `/api/v1/meetings/${created.body.id}/minutes/submit`);
		expect(submitted.body.secretarySignedAt).toBeNull();
		const unsigned = await chair.request('POST', `/api/v1/meetings/${created.body.id}/minutes/approve`, { password: DEMO_PASSWORD, contentHash: submitted.body.contentHash });
		expect(unsigned.body).toMatchObject({ error: { code: 'secretary_signature_missing' } });
		const stale = await secretary.request('POST', `/api/v1/meetings/${created.body.id}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: firstSubmit.body.contentHash });
		expect(stale.body).toMatchObject({ error: { code: 'minutes_changed' } });
		expect(
			(await secretary.request('POST', `/api/v1/meetings/${created.body.id}/minutes/sign`, { password: DEMO_PASSWORD, contentHash: submitted.body.contentHash })).status
		).toBe(200);
		const second = await chair.request<{ archive: { seq: number } }>('POST', `/api/v1/meetings/${created.body.id}/minutes/approve`, {
			password: DEMO_PASSWORD,
			contentHash: submitted.body.contentHash
		});
		expect(second.status).toBe(200);
		expect(second.body.archive.seq).toBe(firstSeq + 1);
		const [first, next] = await Promise.all([meetingId, created.body.id].map((id) => secretary.request<{ hash: string; prevHash: string }>('GET', `/api/v1/meetings/${id}/archive`)));
		expect(next!.body.prevHash).toBe(first!.body.hash);

		const verify = () =>
			run(process.execPath, ['build/archive-verify.js'], { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir } }).then(
				(r) => ({ code: 0, out: r.stdout + r.stderr }),
				(e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr })
			);
		const ok = await verify();
		expect(ok.code, ok.out).toBe(0);
		expect(ok.out).toContain(`${firstSeq + 1} record(s)`);

		// The triggers refuse any change; someone with the file in hand drops them first.
		const db = new Database(path.join(server.dataDir, 'quorum.db'));
		const tamper = db.prepare("update archive_records set record = replace(record, 'THÔNG QUA', 'BÁC BỎ') where meeting_id = ?");
		expect(() => tamper.run(meetingId)).toThrow(/append-only/);
		db.exec('drop trigger archive_records_no_update');
		expect(tamper.run(meetingId).changes).toBe(1);
		db.close();
		const broken = await verify();
		expect(broken.code).toBe(1);
		expect(broken.out).toContain(`BROKEN at record ${firstSeq} (meeting ${meetingId})`);
	});
});
