import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { SigningKey } from './cms';

/**
 * X.509 certificates and PKCS#12 files with node-forge: reading the PKCS#12 an administrator uploads, and making
 * the few certificates Quorum makes itself — the demo certificate authority and its users (marked DEMO in every
 * name), and the self-signed certificate of the body when nobody installed a real one.
 */

export interface CertificateSummary {
	subject: string;
	commonName: string;
	issuer: string;
	serial: string;
	notBefore: string;
	notAfter: string;
	/** SHA-256 of the certificate's DER, hex: how the archive record names it. */
	sha256: string;
}

export interface Pkcs12Contents {
	key: SigningKey;
	summary: CertificateSummary;
}

const der = (cert: forge.pki.Certificate) => forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
const bytesOf = (binary: string) => Uint8Array.from(Buffer.from(binary, 'binary'));
/** forge hands UTF8String values back as their raw bytes; other string types are already text. */
function text(value: unknown): string {
	try {
		return forge.util.decodeUtf8(String(value));
	} catch {
		return String(value);
	}
}
const dn = (attrs: forge.pki.CertificateField[]) => attrs.map((a) => `${a.shortName ?? a.name}=${text(a.value)}`).join(', ');

export function summarize(cert: forge.pki.Certificate): CertificateSummary {
	const cn = cert.subject.getField('CN') as forge.pki.CertificateField | null;
	return {
		subject: dn(cert.subject.attributes),
		commonName: cn ? text(cn.value) : '',
		issuer: dn(cert.issuer.attributes),
		serial: cert.serialNumber,
		notBefore: cert.validity.notBefore.toISOString(),
		notAfter: cert.validity.notAfter.toISOString(),
		sha256: forge.md.sha256.create().update(der(cert)).digest().toHex()
	};
}

export class Pkcs12Error extends Error {}

// PKCS#12 bag types (RFC 7292, 4.2).
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

/**
 * The signing key in a PKCS#12: the one private key and the certificate that matches it, then the rest of the
 * chain. Refused: a wrong password, no key, several keys, no certificate for the key, an expired certificate.
 */
export function readPkcs12(bytes: Uint8Array, password: string, now = new Date()): Pkcs12Contents {
	let p12: forge.pkcs12.Pkcs12Pfx;
	try {
		p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(bytes).toString('binary')), false, password);
	} catch {
		throw new Pkcs12Error('not a PKCS#12 file, or the password is wrong');
	}
	const bagsOf = (bagType: string): forge.pkcs12.Bag[] => p12.getBags({ bagType })[bagType] ?? [];
	const keyBags = [...bagsOf(SHROUDED_KEY_BAG), ...bagsOf(KEY_BAG)].filter((b) => b.key);
	if (keyBags.length !== 1) throw new Pkcs12Error(`expected one private key, found ${keyBags.length}`);
	const privateKey = keyBags[0]!.key as forge.pki.rsa.PrivateKey;
	if (!('n' in privateKey)) throw new Pkcs12Error('only RSA keys are supported');
	const certs = bagsOf(CERT_BAG).flatMap((b) => (b.cert ? [b.cert] : []));
	const own = certs.find((c) => {
		const pub = c.publicKey as forge.pki.rsa.PublicKey;
		return 'n' in pub && pub.n.equals(privateKey.n) && pub.e.equals(privateKey.e);
	});
	if (!own) throw new Pkcs12Error('no certificate matches the private key');
	if (own.validity.notAfter < now || own.validity.notBefore > now) throw new Pkcs12Error('the certificate is not valid now');
	const pkcs8 = forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(privateKey))).getBytes();
	return {
		key: { certificates: [own, ...certs.filter((c) => c !== own)].map((c) => bytesOf(der(c))), privateKeyPkcs8: bytesOf(pkcs8) },
		summary: summarize(own)
	};
}

interface Issued {
	cert: forge.pki.Certificate;
	key: forge.pki.rsa.PrivateKey;
}

function keyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
	// Node's native generator: forge's own takes seconds per 2048-bit key.
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
	return { publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey, privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey };
}

/** A positive serial of 16 random bytes (RFC 5280 4.1.2.2: at most 20 octets, positive). */
const serial = () => '01' + randomBytes(15).toString('hex');

/** Names in certificates as UTF8String (forge encodes the value), so Vietnamese letters survive. */
function name(commonName: string, organization: string): forge.pki.CertificateField[] {
	return [
		{ shortName: 'C', value: 'VN' },
		{ shortName: 'O', value: organization, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
		{ shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }
	];
}

function issue(subject: forge.pki.CertificateField[], issuer: Issued | null, years: number, ca: boolean, now: Date): Issued {
	const { publicKey, privateKey } = keyPair();
	const cert = forge.pki.createCertificate();
	cert.publicKey = publicKey;
	cert.serialNumber = serial();
	cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
	cert.validity.notAfter = new Date(now.getTime() + years * 365 * 24 * 60 * 60 * 1000);
	cert.setSubject(subject);
	cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
	cert.setExtensions(
		ca
			? [
					{ name: 'basicConstraints', cA: true, critical: true },
					{ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
					{ name: 'subjectKeyIdentifier' }
				]
			: [
					{ name: 'basicConstraints', cA: false },
					// Non-repudiation (content commitment) with the digital signature bit: a signature on a document.
					{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
					{ name: 'extKeyUsage', emailProtection: true },
					{ name: 'subjectKeyIdentifier' }
				]
	);
	cert.sign(issuer?.key ?? privateKey, forge.md.sha256.create());
	return { cert, key: privateKey };
}

/** A PKCS#12 holding the key, its certificate and the chain, protected by `password` (AES-256, SHA-256 MAC). */
function toPkcs12(issued: Issued, chain: forge.pki.Certificate[], password: string, friendlyName: string): Uint8Array {
	const asn1 = forge.pkcs12.toPkcs12Asn1(issued.key, [issued.cert, ...chain], password, { algorithm: 'aes256', friendlyName });
	return bytesOf(forge.asn1.toDer(asn1).getBytes());
}

export interface DemoAuthority {
	certificatePem: string;
	/** Issues a PKCS#12 for a person of the demo. */
	issue(commonName: string, password: string): Uint8Array;
}

export const DEMO_MARK = 'DEMO';

/** A certificate authority for the demo and the tests, clearly not a real one: "DEMO" in every name it signs. */
export function demoAuthority(organization: string, now = new Date()): DemoAuthority {
	const org = `${organization} (${DEMO_MARK} — không có giá trị pháp lý)`;
	const root = issue(name(`Quorum ${DEMO_MARK} CA`, org), null, 10, true, now);
	return {
		certificatePem: forge.pki.certificateToPem(root.cert),
		issue: (commonName, password) => toPkcs12(issue(name(`${commonName} (${DEMO_MARK})`, org), root, 3, false, now), [root.cert], password, commonName)
	};
}

/** The body's own certificate when none was installed: self-signed, so any checker says it is not trusted. */
export function selfSignedBody(organization: string, password: string, now = new Date()): Uint8Array {
	const cert = issue(name(`${organization} (self-signed)`, organization), null, 5, false, now);
	return toPkcs12(cert, [], password, organization);
}
