import type { MinutesBlock, MinutesPdfInput } from '$lib/minutes/blocks';
import type { ArchivedSignature } from '../archive/record';
import type { Queryable } from '../db/client';
import { addPadesSignature } from '../signing/pades';
import { signingKeyFor } from '../signing/keystore';
import { renderMinutesPdf } from './pdf';
import { TEXT } from './pdf/strings';

/**
 * The approved minutes as an official document: rendered with its number, place and date, then signed twice in
 * PAdES, one incremental revision per signer — the secretary's first, the chair's over it, so the chair's signature
 * covers the whole file, the secretary's included (pdfsig: "Total document signed").
 *
 * Both PDF signatures are made at approval, each with its signer's own key (or the body's): the number, date and
 * archive record number that both signatures cover exist only then. The secretary's consent is the password they
 * gave over the same content hash earlier (`confirmedAt`, in the archive record and in the signature's reason);
 * the server applies their key on that consent, the way a remote-signing service applies a key it keeps.
 */

export interface Signer {
	userId: string;
	name: string;
	/** When the person confirmed with their password. */
	confirmedAt: Date;
}

export interface OfficialMinutesInput {
	pdf: Pick<MinutesPdfInput, 'locale' | 'title' | 'subtitle' | 'body'> & { blocks: MinutesBlock[] };
	body: string;
	number: string;
	place: string;
	archiveSeq: number;
	contentHash: string;
	secretary: Signer;
	chair: Signer;
}

export async function signOfficialMinutes(db: Queryable, input: OfficialMinutesInput): Promise<{ pdf: Uint8Array; signatures: [ArchivedSignature, ArchivedSignature] }> {
	const strings = TEXT[input.pdf.locale];
	const date = input.chair.confirmedAt.toISOString();
	let pdf = await renderMinutesPdf({
		...input.pdf,
		signers: { secretary: input.secretary.name, chair: input.chair.name },
		official: { number: input.number, place: input.place, date, archiveSeq: input.archiveSeq, contentHash: input.contentHash }
	});
	const signatures: ArchivedSignature[] = [];
	for (const [role, signer] of [
		['secretary', input.secretary],
		['chair', input.chair]
	] as const) {
		const key = signingKeyFor(db, signer.userId, input.body);
		const roleLabel = role === 'secretary' ? strings.secretary : strings.chair;
		const pdfSignedAt = new Date();
		pdf = await addPadesSignature(pdf, key.key, {
			name: signer.name,
			reason: strings.signatureReason(roleLabel, input.number, signer.confirmedAt.toISOString(), input.contentHash),
			location: input.place,
			signingTime: pdfSignedAt
		});
		const { commonName, subject, issuer, serial, sha256 } = key.summary;
		signatures.push({
			role,
			userId: signer.userId,
			name: signer.name,
			roleLabel,
			signedAt: signer.confirmedAt.toISOString(),
			contentHash: input.contentHash,
			pdfSignedAt: pdfSignedAt.toISOString(),
			certificate: { commonName, subject, issuer, serial, sha256, source: key.source }
		});
	}
	return { pdf, signatures: signatures as [ArchivedSignature, ArchivedSignature] };
}
