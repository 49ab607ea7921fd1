/**
 * A path on this site to send someone back to after signing in or switching language, or null when `raw` is
 * anything else. Only a single leading "/" passes: "//evil.example" and "/\evil.example" are other hosts to a
 * browser. The answer is re-serialised from the parsed URL, so what goes into the Location header is what was
 * checked (the URL parser drops tabs and newlines, which could otherwise smuggle in a second "/").
 */
export function safeReturnPath(raw: unknown): string | null {
	if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return null;
	if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
	const base = 'http://quorum.invalid';
	let url: URL;
	try {
		url = new URL(raw, base);
	} catch {
		return null;
	}
	if (url.origin !== base) return null;
	return url.pathname + url.search + url.hash;
}
