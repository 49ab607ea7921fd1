import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { summarize, type CertificateSummary } from './certificates';
import forge from 'node-forge';

/**
 * The signatures in a PDF, checked as a PDF reader checks them: for each signature dictionary, the bytes its
 * /ByteRange names are digested and the CMS in /Contents verified over them (message digest, then the signature
 * over the signed attributes with the certificate's key). Trust in the certificate is not judged here — the demo
 * CA and a body's self-signed certificate are trusted by nobody; a reader decides whom to trust (pdfsig says so).
 */

export interface PdfSignatureCheck {
	/** The CMS verifies over the bytes it claims to cover. */
	valid: boolean;
	/** The signature covers the whole file as it is: nothing was appended after it. */
	coversWholeFile: boolean;
	signer: CertificateSummary | null;
	/** The signature dictionary's /M, as written. */
	signingTime: string | null;
	problem: string | null;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

let engineReady = false;
function cryptoEngine(): void {
	if (engineReady) return;
	pkijs.setEngine('nodeEngine', new pkijs.CryptoEngine({ name: 'nodeEngine', crypto: webcrypto as unknown as Crypto }));
	engineReady = true;
}

/** The /M near a byte range: the signature dictionary holds both, written together by the placeholder. */
function signingTimeNear(text: string, from: number, to: number): string | null {
	const window = text.slice(Math.max(0, from - 2000), to + 2000);
	const match = /\/M\s*\(D:(\d{14})/.exec(window);
	return match ? match[1]! : null;
}

export async function checkPdfSignatures(pdf: Uint8Array): Promise<PdfSignatureCheck[]> {
	cryptoEngine();
	const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
	// latin1 keeps one character per byte, so offsets in the text are offsets in the file.
	const text = bytes.toString('latin1');
	const checks: PdfSignatureCheck[] = [];
	for (const match of text.matchAll(BYTE_RANGE)) {
		const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
		const base = { coversWholeFile: a === 0 && c + d === bytes.length, signingTime: signingTimeNear(text, match.index, c), signer: null };
		if (a !== 0 || b <= 0 || c <= b || c + d > bytes.length || bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) {
			checks.push({ ...base, valid: false, problem: 'the byte range does not frame the signature' });
			continue;
		}
		const hex = text.slice(b + 1, c - 1).replace(/(00)+$/, '');
		const content = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
		try {
			const der = Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex');
			const info = pkijs.ContentInfo.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength));
			const signed = new pkijs.SignedData({ schema: info.content });
			const result = await signed.verify({ signer: 0, data: content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength), extendedMode: true, checkChain: false });
			const cert = result.signerCertificate;
			const signer = cert ? summarize(forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(cert.toSchema().toBER(false)).toString('binary')))) : null;
			checks.push({ ...base, signer, valid: result.signatureVerified === true, problem: result.signatureVerified ? null : (result.message ?? 'the signature does not verify') });
		} catch (e) {
			const message = e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : 'unreadable CMS';
			checks.push({ ...base, valid: false, problem: message });
		}
	}
	return checks;
}
