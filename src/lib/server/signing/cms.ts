import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { Signer } from '@signpdf/utils';

/**
 * The CMS inside a PAdES baseline B signature (ETSI EN 319 142-1, 5.3; ETSI EN 319 122-1 for the CMS): SignedData
 * over the PDF's byte ranges, detached, SHA-256 with RSA, with the three signed attributes B-B asks for —
 * content-type, message-digest and ESS signing-certificate-v2 (which binds the signer's certificate into what is
 * signed, so a certificate with the same key cannot be swapped in). No signing-time attribute: PAdES puts the
 * claimed signing time in the signature dictionary's /M instead, and says the CMS attribute shall not be there.
 *
 * Built with PKI.js rather than node-forge's PKCS#7, which cannot carry the signing-certificate-v2 attribute.
 */

const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	sha256: '2.16.840.1.101.3.4.2.1'
} as const;

let engineReady = false;
function cryptoEngine(): void {
	if (engineReady) return;
	// Node's WebCrypto, named explicitly: PKI.js would otherwise look for a browser's `self.crypto`.
	pkijs.setEngine('nodeEngine', new pkijs.CryptoEngine({ name: 'nodeEngine', crypto: webcrypto as unknown as Crypto }));
	engineReady = true;
}

/** A signer's certificate chain (DER, signer first) and private key (PKCS#8 DER). */
export interface SigningKey {
	certificates: Uint8Array[];
	privateKeyPkcs8: Uint8Array;
}

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

function parseCertificate(der: Uint8Array): pkijs.Certificate {
	return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

/** ESS SigningCertificateV2 { certs: [ESSCertIDv2 { certHash, issuerSerial }] } with SHA-256 (the default, so left out). */
function signingCertificateV2(certificateDer: Uint8Array, certificate: pkijs.Certificate): asn1js.Sequence {
	const issuerSerial = new asn1js.Sequence({
		value: [
			// GeneralNames: one directoryName [4] holding the issuer's Name.
			new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })] }),
			certificate.serialNumber
		]
	});
	const essCertId = new asn1js.Sequence({
		value: [new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update(certificateDer).digest()) }), issuerSerial]
	});
	return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

/** DER of a detached CMS SignedData over `content`. */
export async function signDetached(content: Uint8Array, key: SigningKey): Promise<Uint8Array> {
	cryptoEngine();
	const [signerDer, ...chainDer] = key.certificates;
	if (!signerDer) throw new Error('signing: no certificate');
	const signer = parseCertificate(signerDer);
	const digest = createHash('sha256').update(content).digest();
	const signedData = new pkijs.SignedData({
		version: 1,
		encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
		signerInfos: [
			new pkijs.SignerInfo({
				version: 1,
				sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
				signedAttrs: new pkijs.SignedAndUnsignedAttributes({
					type: 0,
					attributes: [
						new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
						new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
						new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signerDer, signer)] })
					]
				})
			})
		],
		certificates: [signer, ...chainDer.map(parseCertificate)]
	});
	const privateKey = await webcrypto.subtle.importKey('pkcs8', toArrayBuffer(key.privateKeyPkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
	await signedData.sign(privateKey as unknown as CryptoKey, 0, 'SHA-256', toArrayBuffer(content));
	const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
	return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/** @signpdf's signer interface over `signDetached`. */
export class PadesSigner extends Signer {
	constructor(private readonly key: SigningKey) {
		super();
	}

	override async sign(pdfBuffer: Buffer): Promise<Buffer> {
		return Buffer.from(await signDetached(pdfBuffer, this.key));
	}
}
