import { isJsonMediaType, parseMediaType } from '$lib/http/media-type';
import { AppError } from '../errors';

/**
 * The CSRF rule of every door (hooks.server.ts for SvelteKit, server/edge for node:http): OWASP CSRF Prevention
 * Cheat Sheet, "Verifying Origin with standard headers". Cookies are SameSite=Lax, and Lax stops other *sites*,
 * not another port of the same meeting-room box: a page there is same-site and its requests carry the cookie.
 *
 * - A state-changing request whose `Origin` is present must name this server, or it is refused.
 * - Browsers send `Origin` with every state-changing request (Fetch: any method but GET/HEAD), so one without it
 *   comes from a script, or from a browser that hides it. Such a request may carry a JSON body or none: a page
 *   cannot send `application/json` to another origin without a CORS preflight, which this server never grants,
 *   whereas text, form and untyped bodies are exactly what a forged form or `fetch(…, {mode: 'no-cors'})` sends.
 *   `application/pdf` (a copy of the minutes sent to be verified) is not CORS-safelisted either: allowed too.
 */
export interface RequestFacts {
	method: string;
	origin: string | null | undefined;
	/** The origin this server answers as (ORIGIN, or the scheme and host the request was made to); null if unknown. */
	appOrigin: string | null;
	contentType: string | null | undefined;
	/** Content-Length above zero, or a Transfer-Encoding. */
	hasBody: boolean;
}

export type OriginVerdict = 'allowed' | 'foreign_origin' | 'unvouched_body';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function judgeOrigin(facts: RequestFacts): OriginVerdict {
	if (SAFE_METHODS.has(facts.method.toUpperCase())) return 'allowed';
	if (facts.origin !== null && facts.origin !== undefined) {
		// Exact comparison: browsers serialise Origin one way only, and anything else is not a browser we serve.
		return facts.appOrigin !== null && facts.origin === facts.appOrigin ? 'allowed' : 'foreign_origin';
	}
	if (!facts.hasBody && !facts.contentType) return 'allowed';
	return isJsonMediaType(facts.contentType) || parseMediaType(facts.contentType)?.essence === 'application/pdf' ? 'allowed' : 'unvouched_body';
}

/** Throws the API's answer to a request the rule refuses. */
export function enforceOrigin(facts: RequestFacts): void {
	switch (judgeOrigin(facts)) {
		case 'allowed':
			return;
		case 'foreign_origin':
			throw new AppError('cross_site_request', `Origin ${facts.origin} is not ${facts.appOrigin ?? 'this server'}`);
		case 'unvouched_body':
			// What the API says of any body that is not JSON: to a script the fix is to send JSON (or Origin).
			throw new AppError('invalid_json', 'without an Origin header only a JSON body is accepted');
	}
}

/** Whether headers announce a body, as HTTP/1.1 frames one. */
export function announcesBody(contentLength: string | null | undefined, transferEncoding: string | null | undefined): boolean {
	return Boolean(transferEncoding) || (contentLength !== null && contentLength !== undefined && contentLength.trim() !== '0');
}
