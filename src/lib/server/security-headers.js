/**
 * The security headers of every answer, in one place. Follows the OWASP Secure Headers Project and the OWASP
 * HTTP Headers Cheat Sheet; no framing at all, per the OWASP Clickjacking Defense Cheat Sheet (the signed-in vote
 * page must never sit under another site's buttons).
 *
 * Three callers, hence no framework import and plain JavaScript (checked by `checkJs`):
 * - svelte.config.js takes `CSP_DIRECTIVES` for `kit.csp`, so SvelteKit puts a fresh nonce on its own inline
 *   scripts and in the header of every page it renders. Node loads the config without a TypeScript loader.
 * - src/hooks.server.ts passes every SvelteKit answer through `secureResponse` (this also covers `npm run dev`).
 * - server/app.ts calls `setBaselineHeaders` before any handler, so what SvelteKit never sees (/healthz, the
 *   ballot fast path, static files adapter-node serves itself) gets the baseline too; Node merges those headers
 *   with the handler's own.
 */
import { createHash } from 'node:crypto';
import { EARLY_FETCH_SOURCE } from '../pdf/early-fetch.js';

/**
 * Powerful features the app does not use are refused to it and to anything it might ever embed. Fullscreen stays
 * ours alone: the reading mode uses the Fullscreen API. Only features Chromium knows are listed: an unknown one is
 * a console error on every page.
 */
export const PERMISSIONS_POLICY = [
	'accelerometer=()',
	'autoplay=()',
	'browsing-topics=()',
	'camera=()',
	'display-capture=()',
	'encrypted-media=()',
	'fullscreen=(self)',
	'geolocation=()',
	'gyroscope=()',
	'hid=()',
	'idle-detection=()',
	'magnetometer=()',
	'microphone=()',
	'midi=()',
	'payment=()',
	'picture-in-picture=()',
	'publickey-credentials-get=()',
	'screen-wake-lock=()',
	'serial=()',
	'usb=()',
	'xr-spatial-tracking=()'
].join(', ');

/** On every answer, whatever its type: a JSON, CSV or PDF answer is as frameable and sniffable as a page. */
export const BASELINE_HEADERS = Object.freeze({
	// Legacy twin of `frame-ancestors 'none'` for browsers without CSP level 2, and the only framing defence of
	// answers that carry no CSP (files, JSON).
	'x-frame-options': 'DENY',
	// A CSV or PDF whose bytes look like HTML must never be run as a page of this origin.
	'x-content-type-options': 'nosniff',
	// Meeting and document ids in our URLs are not for other sites; same-origin requests keep the full referrer.
	'referrer-policy': 'same-origin',
	'permissions-policy': PERMISSIONS_POLICY
});

/** sha256 of a script text, as a CSP source (SvelteKit quotes it). */
const sha256 = (/** @type {string} */ text) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/**
 * `kit.csp.directives` (mode 'auto': pages rendered on request get a fresh nonce per answer). SvelteKit adds the
 * nonce to `script-src` and quotes the keywords. Everything the app loads comes from its own origin:
 * - scripts: our chunks, SvelteKit's nonce'd bootstrap, and the viewer's early range requests by hash. Never
 *   'unsafe-inline' or 'unsafe-eval': pdf.js runs with `isEvalSupported: false` (src/lib/pdf/viewer.svelte.ts).
 * - styles: 'unsafe-inline', because Svelte's `style:` directives and pdf.js's text and annotation layers write
 *   style attributes, and Tiptap injects a <style> element. Styles cannot run code.
 * - images: `data:` for the icons Vite inlines from pdf.js's stylesheet.
 * - workers: pdf.js's worker is a same-origin module (no blob: wrapper), and so is the service worker.
 * - connections: fetches to ourselves and the WebSocket of /collab; `secureResponse` names ws:/wss: of the host
 *   too, for Safari before 16, whose 'self' did not cover them.
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', sha256(EARLY_FETCH_SOURCE)],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'worker-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

/**
 * For an HTML answer SvelteKit did not render with its policy (its static error page): nothing may run, and it
 * may not be framed either.
 */
export const FALLBACK_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Sets the baseline on a Node response before its handler runs. Typed by the one method it needs, so this module
 * stays free of node:http.
 * @param {{ setHeader(name: string, value: string): unknown }} res
 */
export function setBaselineHeaders(res) {
	for (const [name, value] of Object.entries(BASELINE_HEADERS)) res.setHeader(name, value);
}

/** A host as the URL parser left it; anything else (a `;` above all) must not reach a policy. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `connect-src` with this host's WebSocket origins named explicitly.
 * @param {string} policy
 * @param {string} host
 */
export function withSocketSources(policy, host) {
	if (!PLAIN_HOST.test(host)) return policy;
	return policy.replace(/(^|;\s*)connect-src([^;]*)/, (_, start, sources) => `${start}connect-src${sources} ws://${host} wss://${host}`);
}

/**
 * Every answer SvelteKit makes: the baseline, the page policy completed, and `no-store` unless the route chose its
 * own caching (document files revalidate, an approved minutes PDF is immutable). Whatever passes through SvelteKit
 * is rendered per request, mostly for a signed-in user (pages, their `__data.json`, the API), so no HTTP cache,
 * shared or the browser's, may keep it. Offline copies are the service worker's business, in Cache Storage,
 * which does not read `Cache-Control`.
 * @param {Response} response
 * @param {string} host the request's host (`url.host`), for `connect-src`
 * @returns {Response}
 */
export function secureResponse(response, host) {
	try {
		apply(response.headers, host);
	} catch {
		// Headers of a fetched answer handed on as it came are immutable: copy them once.
		response = new Response(response.body, response);
		apply(response.headers, host);
	}
	return response;
}

/**
 * @param {Headers} headers
 * @param {string} host
 */
function apply(headers, host) {
	// A route may only tighten the referrer rule: the hall display's page sends none at all, so its link's token
	// never leaves in a Referer (OWASP HTTP Headers Cheat Sheet, Referrer-Policy).
	const strictReferrer = headers.get('referrer-policy') === 'no-referrer';
	for (const [name, value] of Object.entries(BASELINE_HEADERS)) headers.set(name, value);
	if (strictReferrer) headers.set('referrer-policy', 'no-referrer');
	if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
	const policy = headers.get('content-security-policy');
	if (policy) headers.set('content-security-policy', withSocketSources(policy, host));
	else if (headers.get('content-type')?.startsWith('text/html')) headers.set('content-security-policy', FALLBACK_HTML_CSP);
}
