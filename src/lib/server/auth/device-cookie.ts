import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device cookies, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies"
 * (https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies), the scheme the
 * OWASP Authentication Cheat Sheet points to against lock-out abuse
 * (https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html, "Protect Against Automated
 * Attacks").
 *
 * A browser that signed in as a user receives `LOGIN.NONCE.EXPIRY.HMAC-SHA256(secret, LOGIN, NONCE, EXPIRY)`.
 * Presented again for the same login, it proves that this browser once knew that user's password, so its
 * failed attempts are counted on their own and a guesser elsewhere cannot lock it out. Nothing is stored per
 * device: the signature is the proof, and the nonce names the device for its own count (and its own lock-out).
 *
 * One cookie holds the tokens of the last few users of the browser (a tablet in a meeting room is shared).
 */
export const DEVICE_COOKIE = 'quorum_device';
/** Long enough for a tablet used at monthly meetings to stay known; under the 400 days browsers allow a cookie. */
export const DEVICE_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
/** Users remembered per browser: the newest sign-in first. Five tokens are well under a cookie's 4 KB. */
export const DEVICES_PER_BROWSER = 5;

const SEPARATOR = '~';
const NONCE = /^[A-Za-z0-9_-]{22}$/;
const EXPIRY = /^\d{1,12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

interface Token {
	username: string;
	nonce: string;
	/** Epoch seconds. */
	expires: string;
	signature: string;
}

function mac(secret: Uint8Array, username: string, nonce: string, expires: string): Buffer {
	// Versioned, and the nonce and expiry cannot contain a newline: no two tokens sign the same bytes.
	return createHmac('sha256', secret).update(`quorum-device-v1\n${username}\n${nonce}\n${expires}`).digest();
}

function parse(value: string): Token | null {
	const parts = value.split('.');
	if (parts.length !== 4) return null;
	const [login, nonce, expires, signature] = parts as [string, string, string, string];
	if (!NONCE.test(nonce) || !EXPIRY.test(expires) || !SIGNATURE.test(signature)) return null;
	const username = Buffer.from(login, 'base64url').toString('utf8');
	// Node's base64url decoder skips characters it does not know: accept only the canonical spelling.
	if (Buffer.from(username, 'utf8').toString('base64url') !== login) return null;
	return { username, nonce, expires, signature };
}

/** A new device token for `username`, valid for `lifetimeMs` from `now`. */
export function issueDeviceToken(secret: Uint8Array, username: string, now: number, lifetimeMs = DEVICE_LIFETIME_MS): { value: string; nonce: string } {
	const nonce = randomBytes(16).toString('base64url');
	const expires = String(Math.floor((now + lifetimeMs) / 1000));
	const signature = mac(secret, username, nonce, expires).toString('base64url');
	return { value: [Buffer.from(username, 'utf8').toString('base64url'), nonce, expires, signature].join('.'), nonce };
}

/** The token's nonce when it was signed with `secret` for `username` and has not expired; otherwise null. */
export function verifyDeviceToken(secret: Uint8Array, value: string, username: string, now: number): string | null {
	const token = parse(value);
	if (!token || token.username !== username || Number(token.expires) * 1000 <= now) return null;
	const expected = mac(secret, token.username, token.nonce, token.expires);
	return timingSafeEqual(expected, Buffer.from(token.signature, 'base64url')) ? token.nonce : null;
}

function tokensOf(cookie: string | null | undefined): string[] {
	// A cookie header is at most a few KB; anything longer is not ours, and is not worth parsing.
	if (!cookie || cookie.length > 4096) return [];
	return cookie.split(SEPARATOR).slice(0, DEVICES_PER_BROWSER);
}

/** The nonce of this browser's valid device token for `username`, if it carries one. */
export function trustedDevice(secret: Uint8Array, cookie: string | null | undefined, username: string, now: number): string | null {
	for (const value of tokensOf(cookie)) {
		const nonce = verifyDeviceToken(secret, value, username, now);
		if (nonce) return nonce;
	}
	return null;
}

/**
 * The cookie to send after `username` signed in: a fresh token for them first, then the still-valid tokens of
 * the browser's other users, the oldest dropped past `DEVICES_PER_BROWSER`.
 */
export function rememberDevice(secret: Uint8Array, cookie: string | null | undefined, username: string, now: number): string {
	const others = tokensOf(cookie).filter((value) => {
		const token = parse(value);
		return token !== null && token.username !== username && verifyDeviceToken(secret, value, token.username, now) !== null;
	});
	return [issueDeviceToken(secret, username, now).value, ...others].slice(0, DEVICES_PER_BROWSER).join(SEPARATOR);
}
