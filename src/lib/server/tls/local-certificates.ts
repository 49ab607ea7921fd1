import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/**
 * A certificate authority of the box's own and a server certificate it issues, so tablets on a plain LAN can
 * reach Quorum over HTTPS (service workers, and so offline reading, need a secure context). Made with
 * node-forge, as the demo signing certificates are (src/lib/server/signing/certificates.ts).
 */
export interface PemPair {
	certificate: string;
	privateKey: string;
}

const DAY = 24 * 60 * 60 * 1000;
/** The CA outlives several server certificates, so a tablet installs it once. */
const CA_DAYS = 10 * 365;
/**
 * Apple refuses a TLS server certificate valid for more than 825 days (support.apple.com HT210176), even from a
 * CA the user installed; Chrome and Android accept it too.
 */
const SERVER_DAYS = 825;

function keyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
	// Node's native generator: forge's own takes seconds per 2048-bit key.
	const { publicKey, privateKey } = generateKeyPairSync('rsa', {
		modulusLength: 2048,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
	});
	return { publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey, privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey };
}

/** A positive serial of 16 random bytes (RFC 5280 4.1.2.2: at most 20 octets, positive). */
const serial = () => '01' + randomBytes(15).toString('hex');

const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

function subject(commonName: string, organization: string): forge.pki.CertificateField[] {
	return [
		{ shortName: 'C', value: 'VN' },
		{ shortName: 'O', value: organization, valueTagClass: utf8 },
		{ shortName: 'CN', value: commonName, valueTagClass: utf8 }
	];
}

/** A new local certificate authority, named after the body that runs the box. */
export function makeLocalAuthority(organization: string, now = new Date()): PemPair {
	const { publicKey, privateKey } = keyPair();
	const cert = forge.pki.createCertificate();
	cert.publicKey = publicKey;
	cert.serialNumber = serial();
	cert.validity.notBefore = new Date(now.getTime() - DAY);
	cert.validity.notAfter = new Date(now.getTime() + CA_DAYS * DAY);
	const name = subject(`Quorum local CA (${organization})`, organization);
	cert.setSubject(name);
	cert.setIssuer(name);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
		{ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
		{ name: 'subjectKeyIdentifier' }
	]);
	cert.sign(privateKey, forge.md.sha256.create());
	return { certificate: forge.pki.certificateToPem(cert), privateKey: forge.pki.privateKeyToPem(privateKey) };
}

/** The names a server certificate answers to: host names and IP addresses, deduplicated. */
export function subjectAltNames(names: readonly string[]): Array<{ type: 2; value: string } | { type: 7; ip: string }> {
	const unique = [...new Set(names.map((n) => n.trim().replace(/^\[|\]$/g, '')).filter(Boolean))];
	return unique.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n.toLowerCase() }));
}

/** A TLS server certificate for `names` (the first is its common name), issued by `authority`. */
export function issueServerCertificate(authority: PemPair, names: readonly string[], now = new Date()): PemPair {
	if (names.length === 0) throw new Error('a server certificate needs at least one name');
	const caCert = forge.pki.certificateFromPem(authority.certificate);
	const caKey = forge.pki.privateKeyFromPem(authority.privateKey);
	const { publicKey, privateKey } = keyPair();
	const cert = forge.pki.createCertificate();
	cert.publicKey = publicKey;
	cert.serialNumber = serial();
	cert.validity.notBefore = new Date(now.getTime() - DAY);
	cert.validity.notAfter = new Date(now.getTime() + SERVER_DAYS * DAY);
	const organization = String(caCert.subject.getField('O')?.value ?? 'Quorum');
	cert.setSubject(subject(names[0]!, forge.util.decodeUtf8(organization)));
	cert.setIssuer(caCert.subject.attributes);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: false, critical: true },
		{ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
		// Apple requires serverAuth in the extended key usage of a TLS server certificate (HT210176).
		{ name: 'extKeyUsage', serverAuth: true },
		{ name: 'subjectAltName', altNames: subjectAltNames(names) },
		{ name: 'subjectKeyIdentifier' },
		{ name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() }
	]);
	cert.sign(caKey, forge.md.sha256.create());
	return { certificate: forge.pki.certificateToPem(cert), privateKey: forge.pki.privateKeyToPem(privateKey) };
}
