import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1): ~40 ms on this class of machine.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check for a username that does not exist, so response time does not tell
 * an attacker which accounts are real.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
	dummyHash ??= hashPassword('quorum-timing-equaliser');
	await verifyPassword(await dummyHash, password);
	return false;
}
