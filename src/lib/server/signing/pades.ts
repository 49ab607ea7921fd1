import { SignPdf } from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PadesSigner, type SigningKey } from './cms';

/**
 * One signer's PAdES signature appended to a PDF as an incremental revision: the bytes before it are left as they
 * are, so the signatures already in the file still cover exactly what they covered. @signpdf's plain placeholder
 * is the one that appends (its pdf-lib placeholder rewrites the whole file, which would break the first signature).
 * The file must have a classic cross-reference table: pdf-lib saved with `useObjectStreams: false`.
 */

export interface SignatureDetails {
	/** Printed by readers as who signed (the certificate says it too). */
	name: string;
	reason: string;
	location: string;
	/** The claimed signing time: the signature dictionary's /M. */
	signingTime: Date;
}

/** Room for the CMS: a 2048-bit signature, a three-certificate chain and the attributes fit easily in 12 KB. */
const SIGNATURE_LENGTH = 12_288;

export async function addPadesSignature(pdf: Uint8Array, key: SigningKey, details: SignatureDetails): Promise<Uint8Array> {
	const withPlaceholder = plainAddPlaceholder({
		pdfBuffer: Buffer.from(pdf),
		reason: details.reason,
		contactInfo: '',
		name: details.name,
		location: details.location,
		signingTime: details.signingTime,
		signatureLength: SIGNATURE_LENGTH,
		subFilter: SUBFILTER_ETSI_CADES_DETACHED,
		appName: 'Quorum'
	});
	return new Uint8Array(await new SignPdf().sign(withPlaceholder, new PadesSigner(key), details.signingTime));
}
