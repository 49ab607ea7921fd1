import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { config } from '../config';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { demoAuthority } from '../signing/certificates';
import { credentialInfo, installCredential } from '../signing/keystore';
import { DEMO_MEETING } from './data';

/**
 * The demo's certificates: a demo certificate authority (its certificate written to DATA_DIR/demo-ca.pem, so a
 * checker can be told to trust it), and certificates it issued for `chair` and `secretary`, installed as an
 * administrator would install a PKCS#12. No body certificate: anyone else who signs gets the self-signed stand-in
 * (keystore.ts), and each certificate made here costs every seeded test server most of a second. Every name carries "DEMO" and the organisation says it has no legal value.
 * Made once: existing credentials are left alone, so the archived minutes keep verifying against the same CA.
 */
const PEOPLE = ['chair', 'secretary'] as const;

export function seedDemoCertificates(db: Db, now = new Date()): { issued: number } {
	const rows = db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(inArray(users.username, [...PEOPLE])).all();
	const missing = rows.filter((r) => !credentialInfo(db, r.id));
	if (missing.length === 0) return { issued: 0 };
	const ca = demoAuthority(DEMO_MEETING.body, now);
	const password = randomBytes(18).toString('base64');
	for (const person of missing) installCredential(db, person.id, ca.issue(person.displayName, password), password, { userId: null, generated: true }, now);
	fs.mkdirSync(config().dataDir, { recursive: true });
	fs.writeFileSync(path.join(config().dataDir, 'demo-ca.pem'), ca.certificatePem);
	return { issued: missing.length };
}
