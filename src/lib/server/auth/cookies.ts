import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { clientIp } from '../request';
import { DEVICE_COOKIE, DEVICE_LIFETIME_MS } from './device-cookie';
import type { PasswordClient } from './password-check';
import { SESSION_COOKIE } from './sessions';

/**
 * What both of our cookies share: never readable by scripts, sent on top-level navigations from elsewhere but not
 * on cross-site subrequests, and `Secure` when the public URL is HTTPS (ORIGIN or the proxy's protocol header).
 * On a plain-HTTP meeting-room LAN a Secure cookie would never come back.
 */
export function cookieOptions(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' } as const;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { ...cookieOptions(url), expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, cookieOptions(url));
}

/** The device cookie outlives sessions and sign-outs: it is what keeps this browser trusted for its users. */
export function setDeviceCookie(cookies: Cookies, url: URL, value: string): void {
	cookies.set(DEVICE_COOKIE, value, { ...cookieOptions(url), maxAge: DEVICE_LIFETIME_MS / 1000 });
}

/** Who is trying a password: the address and the device cookie a password check is judged by. */
export function passwordClient(event: RequestEvent): PasswordClient {
	return { address: clientIp(event), deviceCookie: event.cookies.get(DEVICE_COOKIE) ?? null };
}
