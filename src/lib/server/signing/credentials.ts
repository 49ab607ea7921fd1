import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { canGlobal, type Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { users } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { parseInput } from '../validation';
import { Pkcs12Error } from './certificates';
import { BODY_OWNER, credentialInfo, installCredential, removeCredential, type CredentialInfo } from './keystore';

/**
 * The certificates users sign minutes with, managed by an administrator: a PKCS#12 (from a Vietnamese CA, or the
 * province's own) installed per user, or for the body (`owner` = "body"), used for anyone without their own. The
 * PKCS#12 and its password are stored sealed (keystore.ts) and never served back: only what the certificate says.
 */

/** A PKCS#12 is a few kilobytes; this also bounds what a typo can make the server parse. */
const MAX_P12_BYTES = 64 * 1024;

export const certificateInput = z.object({
	/** The PKCS#12 file, base64. */
	p12: z.string().min(1).max(Math.ceil(MAX_P12_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]+={0,2}$/),
	password: z.string().max(256)
});

export type CertificateView = Omit<CredentialInfo, 'notAfter' | 'updatedAt'> & { notAfter: string; updatedAt: string };

const view = (info: CredentialInfo): CertificateView => ({ ...info, notAfter: info.notAfter.toISOString(), updatedAt: info.updatedAt.toISOString() });

function requireOwner(db: Queryable, actor: Actor, owner: string): void {
	if (!canGlobal(actor, 'manage_users')) throw forbidden('only an administrator manages signing certificates');
	if (owner === BODY_OWNER) return;
	if (!db.select({ id: users.id }).from(users).where(eq(users.id, owner)).get()) throw notFound('user');
}

export function getCertificate(db: Queryable, actor: Actor, owner: string): CertificateView | null {
	requireOwner(db, actor, owner);
	const info = credentialInfo(db, owner);
	return info ? view(info) : null;
}

export function installCertificate(db: Db, ctx: ServiceCtx, owner: string, raw: unknown): CertificateView {
	requireOwner(db, ctx.actor, owner);
	const input = parseInput(certificateInput, raw);
	const bytes = new Uint8Array(Buffer.from(input.p12, 'base64'));
	if (bytes.byteLength > MAX_P12_BYTES) throw new AppError('invalid_certificate', 'the PKCS#12 file is too large');
	return db.transaction((tx) => {
		let summary;
		try {
			summary = installCredential(tx, owner, bytes, input.password, { userId: ctx.actor.id, generated: false }).summary;
		} catch (e) {
			if (e instanceof Pkcs12Error) throw new AppError('invalid_certificate', e.message);
			throw e;
		}
		audit(tx, {
			actorId: ctx.actor.id,
			action: 'signing.certificate_installed',
			subjectType: owner === BODY_OWNER ? 'body' : 'user',
			subjectId: owner,
			ip: ctx.ip,
			data: { subject: summary.subject, issuer: summary.issuer, serial: summary.serial, sha256: summary.sha256, notAfter: summary.notAfter }
		});
		return view(credentialInfo(tx, owner)!);
	});
}

export function deleteCertificate(db: Db, ctx: ServiceCtx, owner: string): boolean {
	requireOwner(db, ctx.actor, owner);
	return db.transaction((tx) => {
		const removed = removeCredential(tx, owner);
		if (removed) audit(tx, { actorId: ctx.actor.id, action: 'signing.certificate_removed', subjectType: owner === BODY_OWNER ? 'body' : 'user', subjectId: owner, ip: ctx.ip });
		return removed;
	});
}
