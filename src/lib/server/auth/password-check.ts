import { config } from '../config';
import { AppError } from '../errors';
import { rememberDevice, trustedDevice } from './device-cookie';
import { loadDeviceSecret } from './device-secret';
import { PasswordGuard } from './password-guard';

/**
 * Every check of a user's password goes through here: sign-in (form and API), the chair's signature on the
 * minutes, changing one's own password. One guard for all of them, so a guesser gets one allowance per account,
 * not one per form.
 */
export interface PasswordClient {
	/** The caller's address, as the routes read it (`clientIp`). */
	address: string | null;
	/** The raw device cookie the request carried, if any. */
	deviceCookie: string | null;
}

export type PasswordCheck =
	| { outcome: 'throttled'; retryAfterSeconds: number }
	| { outcome: 'passed'; trusted: boolean }
	| { outcome: 'failed'; trusted: boolean };

// In memory, as the counters always were: a restart forgets them, which can only help a real user, and a guessing
// storm writes nothing to disk. On globalThis because the production entry and SvelteKit's handler are bundled
// separately (see db/client.ts) and must not keep two sets of counts.
const KEY = Symbol.for('quorum.password-guard');
const holder = globalThis as { [KEY]?: PasswordGuard };
const guard = (): PasswordGuard => (holder[KEY] ??= new PasswordGuard());

let secret: Buffer | undefined;
const deviceSecret = (): Buffer => (secret ??= loadDeviceSecret(config().dataDir));

/**
 * Judges the attempt before any hashing (a locked attempt costs nothing and learns nothing), then runs `verify`
 * and counts its answer. `username` must be normalised.
 */
export async function checkPassword(username: string, client: PasswordClient, verify: () => Promise<boolean>): Promise<PasswordCheck> {
	const device = client.deviceCookie ? trustedDevice(deviceSecret(), client.deviceCookie, username, Date.now()) : null;
	const admission = guard().admit({ username, address: client.address, device });
	if (!admission.admitted) return { outcome: 'throttled', retryAfterSeconds: Math.ceil(admission.retryAfterMs / 1000) };
	let passed = false;
	try {
		passed = await verify();
	} finally {
		admission.settle(passed);
	}
	return passed ? { outcome: 'passed', trusted: admission.trusted } : { outcome: 'failed', trusted: admission.trusted };
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
	return new AppError('too_many_attempts', 'too many wrong passwords', { retryAfterSeconds });
}

/** What a signed-in user is told when re-entering their password did not pass (sign-in says less: see login.ts). */
export function passwordRefused(check: Exclude<PasswordCheck, { outcome: 'passed' }>): AppError {
	return check.outcome === 'throttled' ? tooManyAttempts(check.retryAfterSeconds) : new AppError('wrong_password', 'the password is not correct');
}

/** The device cookie to send after a successful sign-in: this browser is now known for `username`. */
export function deviceCookieAfterSignIn(client: PasswordClient, username: string): string {
	return rememberDevice(deviceSecret(), client.deviceCookie, username, Date.now());
}
