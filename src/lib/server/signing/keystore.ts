import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { loadKeyFile } from '../auth/device-secret';
import { config } from '../config';
import type { Queryable } from '../db/client';
import { signingCredentials, type SigningCredentialRow } from '../db/schema';
import { readPkcs12, selfSignedBody, type Pkcs12Contents } from './certificates';

/**
 * Where signing keys live: each PKCS#12 with its password, sealed with AES-256-GCM under the key in
 * `DATA_DIR/signing.key` (made once, 0600, like the device-cookie key), in the `signing_credentials` table.
 * The database alone (a backup, a copy handed to an auditor) therefore holds no usable key; the key file alone
 * holds no certificate. The owner's id is the GCM's additional data, so a sealed row copied onto another user's
 * row does not open.
 */

const KEY_FILE = 'signing.key';
export const BODY_OWNER = 'body';

const sealedShape = z.object({ p12: z.string().min(1), password: z.string() });

let cached: { dir: string; key: Buffer } | null = null;
function sealingKey(): Buffer {
	const dir = config().dataDir;
	if (cached?.dir !== dir) cached = { dir, key: loadKeyFile(dir, KEY_FILE) };
	return cached.key;
}

export function seal(owner: string, p12: Uint8Array, password: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sealingKey(), iv);
	cipher.setAAD(Buffer.from(owner, 'utf8'));
	const plain = Buffer.from(JSON.stringify({ p12: Buffer.from(p12).toString('base64'), password }), 'utf8');
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function unseal(owner: string, sealed: string): { p12: Uint8Array; password: string } {
	const [version, iv, tag, body] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || !body) throw new Error('signing key: unknown sealed format');
	const decipher = createDecipheriv('aes-256-gcm', sealingKey(), Buffer.from(iv, 'base64'));
	decipher.setAAD(Buffer.from(owner, 'utf8'));
	decipher.setAuthTag(Buffer.from(tag, 'base64'));
	const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
	const parsed = sealedShape.parse(JSON.parse(plain.toString('utf8')));
	return { p12: new Uint8Array(Buffer.from(parsed.p12, 'base64')), password: parsed.password };
}

/**
 * Checks the PKCS#12 (password, one key, a matching certificate valid now) and stores it for `owner`, replacing
 * any earlier one. Throws `Pkcs12Error` for a file that does not open.
 */
export function installCredential(db: Queryable, owner: string, p12: Uint8Array, password: string, by: { userId: string | null; generated: boolean }, now = new Date()): Pkcs12Contents {
	const contents = readPkcs12(p12, password, now);
	const { summary } = contents;
	const row: SigningCredentialRow = {
		owner,
		sealed: seal(owner, p12, password),
		commonName: summary.commonName,
		subject: summary.subject,
		issuer: summary.issuer,
		serial: summary.serial,
		notAfter: new Date(summary.notAfter),
		certSha256: summary.sha256,
		generated: by.generated,
		updatedBy: by.userId,
		updatedAt: now
	};
	db.insert(signingCredentials)
		.values(row)
		.onConflictDoUpdate({ target: signingCredentials.owner, set: { ...row, owner: undefined } })
		.run();
	return contents;
}

export function removeCredential(db: Queryable, owner: string): boolean {
	return db.delete(signingCredentials).where(eq(signingCredentials.owner, owner)).run().changes > 0;
}

export type CredentialInfo = Omit<SigningCredentialRow, 'sealed'>;

export function credentialInfo(db: Queryable, owner: string): CredentialInfo | null {
	const row = db.select().from(signingCredentials).where(eq(signingCredentials.owner, owner)).get();
	if (!row) return null;
	const { sealed: _sealed, ...info } = row;
	return info;
}

function open(db: Queryable, owner: string): Pkcs12Contents | null {
	const row = db.select().from(signingCredentials).where(eq(signingCredentials.owner, owner)).get();
	if (!row) return null;
	const { p12, password } = unseal(owner, row.sealed);
	return readPkcs12(p12, password);
}

/**
 * The key a user signs with: their own certificate if an administrator installed one, else the body's. A body
 * with no certificate gets a self-signed one on first use, so signing never stops for want of a CA; any checker
 * reports it as untrusted, which is the truth (docs/minutes-format.md says how to install a real one).
 */
export function signingKeyFor(db: Queryable, userId: string, bodyName: string): Pkcs12Contents & { source: 'user' | 'body' } {
	const own = open(db, userId);
	if (own) return { ...own, source: 'user' };
	let body = open(db, BODY_OWNER);
	if (!body) {
		const password = randomBytes(18).toString('base64');
		body = installCredential(db, BODY_OWNER, selfSignedBody(bodyName.trim() || 'Quorum', password), password, { userId: null, generated: true });
	}
	return { ...body, source: 'body' };
}
