import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ApiClient, loggedIn, startServer, type TestServer } from './harness';

// The archived minutes as an official document anyone can check without trusting the server: two PAdES signatures
// that poppler's pdfsig validates (and rejects once one signed byte changes), Decree 30's heading whose Vietnamese
// text extracts intact, the /verify endpoint that tells the archived copy from an altered one, and archive:verify
// re-checking the signatures. The demo's archived meeting was signed at seed time with the demo CA's certificates.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRETARY = 'Nguyễn Thị Thu Hà';
const CHAIR = 'Trần Văn Minh';

let server: TestServer;
let delegate: ApiClient;
let outsider: ApiClient;
let meetingId: string;
let pdf: Uint8Array;
let record: { seq: number; hash: string; pdfSha256: string; record: string };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-pdfsig-'));

async function pdfsig(bytes: Uint8Array, name: string): Promise<string> {
	const file = path.join(work, name);
	fs.writeFileSync(file, bytes);
	// pdfsig exits non-zero when a signature does not validate: its report is what is under test, not its code.
	const result = await run('pdfsig', [file]).catch((e: { stdout?: string; stderr?: string; code?: unknown }) => {
		if (e.code === 'ENOENT') throw new Error('pdfsig is missing: install Debian’s poppler-utils (npm test does so when run as root)');
		return { stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
	});
	return result.stdout + result.stderr;
}

/** One byte of the page content changed: inside what both signatures cover. */
function tampered(bytes: Uint8Array): Uint8Array {
	const copy = bytes.slice();
	const at = Buffer.from(copy).indexOf('stream') + 40;
	copy[at] = copy[at]! ^ 0x01;
	return copy;
}

async function verifyPdf(client: ApiClient, bytes: Uint8Array) {
	const res = await fetch(`${server.url}/api/v1/archive/verify`, {
		method: 'POST',
		// No Origin, as a script sends it: a PDF body is not one a page on another site can send.
		headers: { cookie: client.cookie, 'content-type': 'application/pdf' },
		body: Buffer.from(bytes)
	});
	return { status: res.status, body: (await res.json()) as { match: boolean; seq: number | null; hash: string | null; signers: { displayName: string; role: string; signedAt: string }[]; pdfSignatures: { valid: boolean; coversWholeFile: boolean; signer: string | null }[] } };
}

beforeAll(async () => {
	server = await startServer({ seed: true });
	delegate = await loggedIn(server.url, 'delegate1');
	outsider = await loggedIn(server.url, 'outsider');
	const meetings = await delegate.request<{ meetings: { id: string; status: string }[] }>('GET', '/api/v1/meetings');
	meetingId = meetings.body.meetings.find((m) => m.status === 'closed')!.id;
	const res = await fetch(`${server.url}/api/v1/meetings/${meetingId}/minutes.pdf`, { headers: { cookie: delegate.cookie } });
	expect(res.status).toBe(200);
	pdf = new Uint8Array(await res.arrayBuffer());
	record = (await delegate.request('GET', `/api/v1/meetings/${meetingId}/archive`)).body;
});

afterAll(async () => {
	await server?.stop();
	fs.rmSync(work, { recursive: true, force: true });
});

describe('the archived minutes PDF', () => {
	it('carries two PAdES signatures that pdfsig validates, the secretary’s then the chair’s, with the demo certificates', async () => {
		const report = await pdfsig(pdf, 'archived.pdf');
		expect(report.match(/Signature Validation: Signature is Valid\./g), report).toHaveLength(2);
		const names = [...report.matchAll(/Signer Certificate Common Name: (.+)/g)].map((m) => m[1]!.trim());
		expect(names).toEqual([`${SECRETARY} (DEMO)`, `${CHAIR} (DEMO)`]);
		expect(report.match(/Signature Type: ETSI\.CAdES\.detached/g)).toHaveLength(2);
		// The chair's revision covers the whole file, the secretary's revision included.
		expect(report).toContain('Total document signed');
	});

	it('is reported invalid by pdfsig after one signed byte changes', async () => {
		const report = await pdfsig(tampered(pdf), 'tampered.pdf');
		expect(report).not.toContain('Signature is Valid');
		expect(report.match(/Signature Validation: (Digest Mismatch|Signature is Invalid)/g), report).toHaveLength(2);
	});

	it('keeps Decree 30’s heading and the Vietnamese text intact for pdf.js', async () => {
		const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
		const pages: string[] = [];
		for (let i = 1; i <= doc.numPages; i++) {
			const content = await (await doc.getPage(i)).getTextContent();
			pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' ').normalize('NFC'));
		}
		await doc.destroy();
		const first = pages[0]!;
		for (const text of ['ỦY BAN NHÂN DÂN TỈNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BIÊN BẢN']) expect(first).toContain(text);
		expect(first).toMatch(/Số: \d{2,}\/BB-UBND/);
		expect(first).toMatch(/Tỉnh, ngày \d{2} tháng \d{1,2} năm \d{4}/);
		const last = pages.at(-1)!;
		for (const text of ['THƯ KÝ', 'CHỦ TỌA', SECRETARY, CHAIR, '(Đã ký số)']) expect(last).toContain(text);
		for (const text of pages) expect(text).toContain(`Bản lưu trữ số ${record.seq}`);
	});
});

describe('POST /api/v1/archive/verify', () => {
	it('knows the archived copy byte for byte: which record, who signed and when', async () => {
		const { status, body } = await verifyPdf(delegate, pdf);
		expect(status).toBe(200);
		expect(body).toMatchObject({ match: true, seq: record.seq, hash: record.hash });
		expect(body.signers.map((s) => [s.role, s.displayName])).toEqual([
			['secretary', SECRETARY],
			['chair', CHAIR]
		]);
		for (const s of body.signers) expect(Date.parse(s.signedAt)).not.toBeNaN();
		expect(body.pdfSignatures.map((s) => s.valid)).toEqual([true, true]);
		expect(body.pdfSignatures.at(-1)!.coversWholeFile).toBe(true);
	});

	it('reports a tampered copy as no match, with its broken signatures', async () => {
		const { status, body } = await verifyPdf(delegate, tampered(pdf));
		expect(status).toBe(200);
		expect(body).toMatchObject({ match: false, seq: null, hash: null, signers: [] });
		expect(body.pdfSignatures.map((s) => s.valid)).toEqual([false, false]);
	});

	it('matches only records the caller may read, and takes the footer’s code', async () => {
		expect((await verifyPdf(outsider, pdf)).body).toMatchObject({ match: false, seq: null });
		const contentHash = (JSON.parse(record.record) as { minutes: { contentHash: string } }).minutes.contentHash;
		const code = `QUORUM-BB/1 ${record.seq} ${contentHash}`;
		expect((await delegate.request('POST', '/api/v1/archive/verify', { code })).body).toMatchObject({ match: true, seq: record.seq });
		expect((await outsider.request('POST', '/api/v1/archive/verify', { code })).body).toMatchObject({ match: false });
		expect((await delegate.request('POST', '/api/v1/archive/verify', { code: code.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).body).toMatchObject({ match: false });
		const plain = await delegate.request('POST', '/api/v1/archive/verify', undefined, { raw: 'x', headers: { 'content-type': 'text/plain', origin: server.url } });
		expect(plain.status, JSON.stringify(plain.body)).toBe(415);
		expect((await new ApiClient(server.url).request('POST', '/api/v1/archive/verify', { code })).status).toBe(401);
	});
});

describe('npm run archive:verify', () => {
	const verify = () =>
		run(process.execPath, ['build/archive-verify.js'], { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir } }).then(
			(r) => ({ code: 0, out: r.stdout + r.stderr }),
			(e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr })
		);

	it('checks the PDF signatures too, and names the record whose PDF was altered', async () => {
		const ok = await verify();
		expect(ok.code, ok.out).toBe(0);
		expect(ok.out).toContain('PDF signatures hold: 2 signature(s) in 1 signed PDF(s).');

		// The store names files by their SHA-256 under DATA_DIR/files (documents/storage.ts).
		const file = path.join(server.dataDir, 'files', record.pdfSha256);
		expect(fs.existsSync(file), 'the stored PDF').toBe(true);
		fs.chmodSync(file, 0o600);
		fs.writeFileSync(file, tampered(pdf));
		const broken = await verify();
		expect(broken.code).toBe(1);
		expect(broken.out).toContain(`PDF signatures BROKEN at record ${record.seq} (meeting ${meetingId}): the secretary's PDF signature is not valid`);
	});
});

describe('the meeting’s secretary and the certificates they sign with', () => {
	it('is chosen with secretaryId (staff, or a participant), signs first, and signs with the body’s certificate when they have none', async () => {
		const secretary = await loggedIn(server.url, 'secretary');
		const chair = await loggedIn(server.url, 'chair');
		const ids = new Map((await secretary.request<{ users: { id: string; username: string }[] }>('GET', '/api/v1/users')).body.users.map((u) => [u.username, u.id]));
		// A member who is not (yet) a participant cannot keep the minutes.
		const refused = await secretary.request('POST', '/api/v1/meetings', { title: 'Họp giao ban', startsAt: new Date().toISOString(), secretaryId: ids.get('delegate2') });
		expect(refused.status).toBe(400);
		expect(refused.body).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'secretaryId' }] } });
		const created = await secretary.request<{ id: string; secretaryId: string }>('POST', '/api/v1/meetings', { title: 'Họp giao ban', startsAt: new Date().toISOString() });
		expect(created.status).toBe(201);
		// By default the staff member who created it.
		expect(created.body.secretaryId).toBe(ids.get('secretary'));
		const id = created.body.id;
		for (const [username, role] of [
			['chair', 'chair'],
			['delegate2', 'delegate']
		] as const) {
			expect((await secretary.request('POST', `/api/v1/meetings/${id}/participants`, { userId: ids.get(username), role })).status).toBe(201);
		}
		const patched = await secretary.request<{ secretaryId: string }>('PATCH', `/api/v1/meetings/${id}`, { secretaryId: ids.get('delegate2') });
		expect(patched.status).toBe(200);
		expect(patched.body.secretaryId).toBe(ids.get('delegate2'));

		await secretary.request('POST', `/api/v1/meetings/${id}/minutes`, { locale: 'en' });
		const submitted = await secretary.request<{ contentHash: string }>('POST', `/api/v1/meetings/${id}/minutes/submit`);
		const sign = (client: ApiClient) => client.request('POST', `/api/v1/meetings/${id}/minutes/sign`, { password: 'quorum-demo', contentHash: submitted.body.contentHash });
		// The secretariat is no longer the meeting's secretary: only delegate2 signs.
		expect((await sign(secretary)).status).toBe(403);
		const delegate2 = await loggedIn(server.url, 'delegate2');
		// Each signer is asked in turn through a notice that opens the minutes: the secretary first, then the chair.
		const toSign = async (client: ApiClient) =>
			(await client.request<{ notices: { kind: string; meetingId: string; link: string }[] }>('GET', '/api/v1/notifications')).body.notices.filter(
				(n) => n.kind === 'minutes_to_sign' && n.meetingId === id
			);
		expect((await toSign(delegate2)).map((n) => n.link)).toEqual([`/meetings/${id}/minutes`]);
		expect(await toSign(chair)).toEqual([]);
		expect((await sign(delegate2)).status).toBe(200);
		expect(await toSign(chair)).toHaveLength(1);
		const approved = await chair.request('POST', `/api/v1/meetings/${id}/minutes/approve`, { password: 'quorum-demo', contentHash: submitted.body.contentHash });
		expect(approved.status).toBe(200);

		const archived = (await chair.request<{ record: string }>('GET', `/api/v1/meetings/${id}/archive`)).body;
		const signatures = (JSON.parse(archived.record) as { signatures: { role: string; certificate: { source: string; commonName: string } }[] }).signatures;
		expect(signatures.map((s) => [s.role, s.certificate.source])).toEqual([
			['secretary', 'body'],
			['chair', 'user']
		]);
		const res = await fetch(`${server.url}/api/v1/meetings/${id}/minutes.pdf`, { headers: { cookie: chair.cookie } });
		const report = await pdfsig(new Uint8Array(await res.arrayBuffer()), 'body-signed.pdf');
		expect(report.match(/Signature Validation: Signature is Valid\./g), report).toHaveLength(2);
		expect(report).toContain(`Signer Certificate Common Name: ${signatures[0]!.certificate.commonName}`);
		expect(report).toContain(`Signer Certificate Common Name: ${CHAIR} (DEMO)`);
	});

	it('are installed by an administrator as a PKCS#12, checked, and never served back', async () => {
		const { demoAuthority } = await import('../../src/lib/server/signing/certificates');
		const admin = await loggedIn(server.url, 'admin');
		const secretary = await loggedIn(server.url, 'secretary');
		const ids = new Map((await admin.request<{ users: { id: string; username: string }[] }>('GET', '/api/v1/users')).body.users.map((u) => [u.username, u.id]));
		const owner = ids.get('delegate3')!;
		const p12 = Buffer.from(demoAuthority('Sở Nội vụ').issue('Đại biểu Ba', 'mật-khẩu')).toString('base64');
		const url = `/api/v1/certificates/${owner}`;
		expect((await secretary.request('PUT', url, { p12, password: 'mật-khẩu' })).status).toBe(403);
		const wrong = await admin.request('PUT', url, { p12, password: 'sai' });
		expect(wrong.status).toBe(422);
		expect(wrong.body).toMatchObject({ error: { code: 'invalid_certificate' } });
		expect((await admin.request('GET', url)).status).toBe(404);
		const installed = await admin.request<Record<string, unknown>>('PUT', url, { p12, password: 'mật-khẩu' });
		expect(installed.status).toBe(200);
		expect(installed.body).toMatchObject({ owner, commonName: 'Đại biểu Ba (DEMO)', generated: false });
		const described = await admin.request<Record<string, unknown>>('GET', url);
		expect(described.body.commonName).toBe('Đại biểu Ba (DEMO)');
		expect(JSON.stringify(described.body)).not.toContain(p12.slice(0, 40));
		expect(described.body).not.toHaveProperty('sealed');
		expect((await admin.request('DELETE', url)).status).toBe(204);
		expect((await admin.request('GET', url)).status).toBe(404);
		expect((await admin.request('GET', '/api/v1/certificates/nobody-here')).status).toBe(404);
	});
});
