import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoAuthority, Pkcs12Error, readPkcs12 } from '$lib/server/signing/certificates';
import { addPadesSignature } from '$lib/server/signing/pades';
import { checkPdfSignatures } from '$lib/server/signing/verify';

// Certificates, sealed keys and PAdES signatures, without a server: made here, checked here.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-signing-'));
vi.mock('$lib/server/config', () => ({ config: () => ({ dataDir }) }));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const ca = demoAuthority('Ủy ban nhân dân tỉnh Thử nghiệm');
let secretaryP12: Uint8Array;
let chairP12: Uint8Array;
beforeAll(() => {
	secretaryP12 = ca.issue('Nguyễn Thị Thư', 'mk-thư-ký');
	chairP12 = ca.issue('Trần Văn Chủ', 'mk-chủ-tọa');
});

async function blankPdf(): Promise<Uint8Array> {
	const doc = await PDFDocument.create({ updateMetadata: false });
	doc.addPage().drawText('Bien ban', { font: await doc.embedFont(StandardFonts.Helvetica) });
	return doc.save({ useObjectStreams: false });
}

describe('PKCS#12', () => {
	it('opens with its password and names the certificate in Vietnamese', () => {
		const { summary, key } = readPkcs12(secretaryP12, 'mk-thư-ký');
		expect(summary.commonName).toBe('Nguyễn Thị Thư (DEMO)');
		expect(summary.issuer).toContain('Quorum DEMO CA');
		expect(summary.issuer).toContain('không có giá trị pháp lý');
		expect(key.certificates).toHaveLength(2);
	});

	it('is refused with a wrong password, or when not a PKCS#12 at all', () => {
		expect(() => readPkcs12(secretaryP12, 'sai')).toThrow(Pkcs12Error);
		expect(() => readPkcs12(new TextEncoder().encode('not a p12'), '')).toThrow(Pkcs12Error);
	});

	it('is refused once its certificate has expired', () => {
		expect(() => readPkcs12(secretaryP12, 'mk-thư-ký', new Date(Date.now() + 4 * 365 * 24 * 3600 * 1000))).toThrow(/not valid now/);
	});
});

describe('the sealed keystore', () => {
	it('opens a sealed PKCS#12 for its owner only, and never with another key file', async () => {
		const { seal, unseal } = await import('$lib/server/signing/keystore');
		const sealed = seal('user-1', secretaryP12, 'mk-thư-ký');
		expect(sealed).not.toContain(Buffer.from(secretaryP12).toString('base64').slice(0, 32));
		expect(unseal('user-1', sealed).password).toBe('mk-thư-ký');
		expect(() => unseal('user-2', sealed)).toThrow();
		expect((fs.statSync(path.join(dataDir, 'signing.key')).mode & 0o777).toString(8)).toBe('600');
	});
});

describe('PAdES signatures', () => {
	it('two incremental signatures both verify; the second covers the whole file; one changed byte breaks both', async () => {
		let pdf = await blankPdf();
		const at = new Date('2026-12-03T03:00:00Z');
		pdf = await addPadesSignature(pdf, readPkcs12(secretaryP12, 'mk-thư-ký').key, { name: 'Nguyễn Thị Thư', reason: 'Thư ký ký', location: 'Tỉnh', signingTime: at });
		const first = pdf.length;
		pdf = await addPadesSignature(pdf, readPkcs12(chairP12, 'mk-chủ-tọa').key, { name: 'Trần Văn Chủ', reason: 'Chủ tọa phê duyệt', location: 'Tỉnh', signingTime: at });
		const checks = await checkPdfSignatures(pdf);
		expect(checks.map((c) => [c.valid, c.coversWholeFile, c.signer?.commonName])).toEqual([
			[true, false, 'Nguyễn Thị Thư (DEMO)'],
			[true, true, 'Trần Văn Chủ (DEMO)']
		]);
		expect(checks[0]!.signingTime).toBe('20261203030000');

		// The first revision is untouched by the second.
		expect((await checkPdfSignatures(pdf.slice(0, first))).map((c) => c.valid)).toEqual([true]);

		const altered = pdf.slice();
		altered[200] = altered[200]! ^ 0x01;
		expect((await checkPdfSignatures(altered)).map((c) => c.valid)).toEqual([false, false]);
	});
});
