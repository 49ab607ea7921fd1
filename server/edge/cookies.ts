import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';

/**
 * The one cookie reader of the node:http doors (ballots, collab upgrades). Reads as SvelteKit's `cookies.get`
 * does (the `cookie` package): first occurrence wins, surrounding quotes go, and a value that does not
 * percent-decode is taken as sent rather than failing the request.
 */
export function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
		let value = part.slice(eq + 1).trim();
		if (value.startsWith('"')) value = value.slice(1, -1);
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	}
	return null;
}

/** The session cookie as auth/cookies.ts sets it for SvelteKit: `Secure` when the public URL is HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
	return `${SESSION_COOKIE}=${token}; Path=/; Expires=${expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
	return `${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
