/*
 * Return paths after signing in (`/login?next=`) and switching language (`POST /locale`, `redirectTo`).
 *
 * OWASP Unvalidated Redirects and Forwards Cheat Sheet: a redirect target taken from the request must be checked
 * against what is allowed, and here only a path on this site is. A prefix check alone is not enough, because what
 * a browser does with a Location header is decided after normalisation: `/..//evil` and `/%2e//evil` are
 * `//evil` once the URL parser removes dot segments, and `//evil` is another host. So the input is checked, then
 * normalised, and the very string that goes into the Location header is checked again.
 */

const MAX_LENGTH = 2048;
const BASE = 'http://quorum.invalid';

/**
 * A path on this site to send someone back to, or null for anything else. The answer is already normalised
 * (dot segments resolved, non-ASCII percent-encoded) and passes this function again unchanged.
 */
export function safeReturnPath(raw: unknown): string | null {
	if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
	if (!isSafeLocation(raw, { normalised: false })) return null;
	let url: URL;
	try {
		url = new URL(raw, BASE);
	} catch {
		return null;
	}
	if (url.origin !== BASE) return null;
	const location = url.pathname + url.search + url.hash;
	// The re-check after normalisation is what closes `/..//evil`; the fixed point makes sure no second round
	// of normalisation (by a browser or a proxy) could turn the answer into something else.
	if (!isSafeLocation(location, { normalised: true })) return null;
	if (new URL(location, BASE).href !== url.href) return null;
	return location;
}

// C0 controls, space, DEL, C1 controls and every other kind of whitespace (NBSP, U+2028…). The URL parser
// silently drops tabs and newlines, so `/\t/evil` would become `//evil`; a path of ours never holds any of them.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\s]/u;

// In the path, escapes that decode to a slash, a backslash, a percent sign (a double encoding, one decoding
// away from the others) or a control character: a proxy or framework that decodes once more before
// redirecting would see another host. None of our own paths contains one; search text lives in the query.
const RISKY_ESCAPE = /%(2f|5c|25|[01][0-9a-f]|7f)/i;

/** The rules both the input and the normalised Location must meet. */
function isSafeLocation(value: string, { normalised }: { normalised: boolean }): boolean {
	// One leading slash, and then not a second one or a backslash: `//host` and `/\host` name another host.
	if (value[0] !== '/' || value[1] === '/' || value[1] === '\\') return false;
	// Browsers read a backslash as a slash in http(s) URLs, anywhere.
	if (value.includes('\\')) return false;
	if (CONTROL_OR_SPACE.test(value)) return false;
	const path = value.split(/[?#]/, 1)[0]!;
	if (RISKY_ESCAPE.test(path)) return false;
	// After the URL parser, everything is percent-encoded ASCII; anything else means the parser was bypassed.
	if (normalised && !/^[\x21-\x7e]*$/.test(value)) return false;
	return true;
}
