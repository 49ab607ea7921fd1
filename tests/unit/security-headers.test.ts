import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EARLY_FETCH_SOURCE } from '$lib/pdf/early-fetch.js';
import { BASELINE_HEADERS, CSP_DIRECTIVES, FALLBACK_HTML_CSP, secureResponse, setBaselineHeaders, withSocketSources } from '$lib/server/security-headers';

describe('security headers', () => {
	it('the page policy allows no inline script but the early range requests, by hash', () => {
		const scripts: string[] = CSP_DIRECTIVES['script-src'];
		expect(scripts).not.toContain('unsafe-inline');
		expect(scripts).not.toContain('unsafe-eval');
		expect(scripts).toEqual(['self', `sha256-${createHash('sha256').update(EARLY_FETCH_SOURCE).digest('base64')}`]);
		expect(CSP_DIRECTIVES['frame-ancestors']).toEqual(['none']);
		expect(CSP_DIRECTIVES['object-src']).toEqual(['none']);
	});

	it('names the WebSocket origins of the host in connect-src, and only a plain host', () => {
		const policy = "default-src 'self'; connect-src 'self'; worker-src 'self'";
		expect(withSocketSources(policy, 'quorum.local:3000')).toBe("default-src 'self'; connect-src 'self' ws://quorum.local:3000 wss://quorum.local:3000; worker-src 'self'");
		expect(withSocketSources("connect-src 'self'", '[::1]:4180')).toBe("connect-src 'self' ws://[::1]:4180 wss://[::1]:4180");
		expect(withSocketSources(policy, "evil;script-src 'unsafe-inline'")).toBe(policy);
		expect(withSocketSources(policy, 'a b')).toBe(policy);
	});

	it('puts the baseline on every answer, and no-store where the route chose no caching of its own', () => {
		const json = secureResponse(new Response('{}', { headers: { 'content-type': 'application/json' } }), 'h');
		for (const [name, value] of Object.entries(BASELINE_HEADERS)) expect(json.headers.get(name)).toBe(value);
		expect(json.headers.get('cache-control')).toBe('no-store');
		expect(json.headers.get('content-security-policy')).toBeNull();

		const pdf = secureResponse(new Response('', { headers: { 'content-type': 'application/pdf', 'cache-control': 'private, max-age=31536000, immutable' } }), 'h');
		expect(pdf.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
		expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('completes a page policy, and gives an HTML answer without one a policy that runs nothing', () => {
		const page = secureResponse(new Response('', { headers: { 'content-type': 'text/html', 'content-security-policy': "connect-src 'self'" } }), 'h:1');
		expect(page.headers.get('content-security-policy')).toBe("connect-src 'self' ws://h:1 wss://h:1");
		const bare = secureResponse(new Response('', { headers: { 'content-type': 'text/html; charset=utf-8' } }), 'h');
		expect(bare.headers.get('content-security-policy')).toBe(FALLBACK_HTML_CSP);
	});

	it('lets a route tighten the referrer rule, never loosen it', () => {
		const display = secureResponse(new Response('', { headers: { 'content-type': 'text/html', 'referrer-policy': 'no-referrer' } }), 'h');
		expect(display.headers.get('referrer-policy')).toBe('no-referrer');
		const loose = secureResponse(new Response('', { headers: { 'content-type': 'text/html', 'referrer-policy': 'unsafe-url' } }), 'h');
		expect(loose.headers.get('referrer-policy')).toBe('same-origin');
	});

	it('copies an answer whose headers cannot be changed', () => {
		const redirect = Response.redirect('http://h/login', 303);
		expect(() => redirect.headers.set('x', 'y')).toThrow();
		const secured = secureResponse(redirect, 'h');
		expect(secured.status).toBe(303);
		expect(secured.headers.get('location')).toBe('http://h/login');
		expect(secured.headers.get('x-frame-options')).toBe('DENY');
	});

	it('sets the baseline on a Node response before its handler runs', () => {
		const set = new Map<string, string>();
		setBaselineHeaders({ setHeader: (name: string, value: string) => set.set(name, value) });
		expect(Object.fromEntries(set)).toEqual(BASELINE_HEADERS);
	});
});
