import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVED_MEETING } from '../../src/lib/server/demo/archived-data';
import { ApiClient, loggedIn, startServer, type TestServer } from './harness';

// Finding 7 of the security review: every answer of the production server carries the baseline headers (no
// framing, no MIME sniffing, no referrer leaving the site, no powerful features), pages carry a Content Security
// Policy that lets no injected script run, and nothing a signed-in user is shown is kept by an HTTP cache.

let server: TestServer;
let delegate: ApiClient;
let archivedId: string;
let upcomingId: string;

beforeAll(async () => {
	server = await startServer({ seed: true });
	delegate = await loggedIn(server.url, 'delegate1');
	const list = await delegate.request<{ meetings: { id: string; title: string }[] }>('GET', '/api/v1/meetings');
	archivedId = list.body.meetings.find((m) => m.title === ARCHIVED_MEETING.title)!.id;
	upcomingId = list.body.meetings.find((m) => m.title !== ARCHIVED_MEETING.title)!.id;
	expect(archivedId && upcomingId).toBeTruthy();
});

afterAll(async () => {
	await server?.stop();
});

async function get(pathname: string, client?: ApiClient, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(server.url + pathname, { headers: { ...(client?.cookie ? { cookie: client.cookie } : {}), ...headers }, redirect: 'manual' });
}

function expectBaseline(res: Response): void {
	expect(res.headers.get('x-frame-options')).toBe('DENY');
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('referrer-policy')).toBe('same-origin');
	const permissions = res.headers.get('permissions-policy') ?? '';
	for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'fullscreen=(self)']) {
		expect(permissions).toContain(feature);
	}
}

/** The policy's directives by name, each with its sources. */
function directives(policy: string): Map<string, string[]> {
	return new Map(
		policy
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...sources]) => [name!, sources])
	);
}

/**
 * The page's policy forbids inline script except what the server vouched for, and every inline script the page
 * holds is one of those: with the policy's nonce, or with its hash listed.
 */
function expectStrictPolicy(res: Response, html: string): void {
	const policy = res.headers.get('content-security-policy');
	expect(policy, 'a Content-Security-Policy header').toBeTruthy();
	const d = directives(policy!);
	const scripts = d.get('script-src') ?? [];
	expect(scripts).toContain("'self'");
	expect(scripts.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha256-"))).toBe(true);
	expect(scripts).not.toContain("'unsafe-inline'");
	expect(scripts).not.toContain("'unsafe-eval'");
	expect(scripts.some((s) => s === '*' || s === 'data:' || s === 'blob:' || s === 'http:' || s === 'https:')).toBe(false);
	expect(d.get('object-src')).toEqual(["'none'"]);
	expect(d.get('base-uri')).toEqual(["'self'"]);
	expect(d.get('form-action')).toEqual(["'self'"]);
	expect(d.get('frame-ancestors')).toEqual(["'none'"]);
	expect(d.get('worker-src')).toEqual(["'self'"]);
	const host = new URL(server.url).host;
	expect(d.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);

	const inline = [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)].filter(([, attrs]) => !/\ssrc=/.test(attrs ?? ''));
	expect(inline.length).toBeGreaterThan(0);
	for (const [, attrs, body] of inline) {
		const nonce = /\snonce="([^"]+)"/.exec(attrs ?? '')?.[1];
		const hash = `'sha256-${createHash('sha256').update(body!).digest('base64')}'`;
		expect(nonce ? scripts.includes(`'nonce-${nonce}'`) : scripts.includes(hash), `inline script allowed: ${body!.slice(0, 80)}`).toBe(true);
	}
}

describe('security headers', () => {
	it('the sign-in page: strict policy, no framing', async () => {
		const res = await get('/login');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		expectBaseline(res);
		expectStrictPolicy(res, await res.text());
	});

	it('signed-in pages (meeting, vote, document viewer): strict policy, no framing, never stored by an HTTP cache', async () => {
		const meeting = await get(`/meetings/${archivedId}`, delegate);
		const detail = await delegate.request<{ documents: { id: string }[] }>('GET', `/api/v1/meetings/${archivedId}`);
		const pages = [`/meetings/${archivedId}`, `/meetings/${upcomingId}/vote`, `/meetings/${archivedId}/documents/${detail.body.documents[0]!.id}`];
		await meeting.body?.cancel();
		for (const pathname of pages) {
			const res = await get(pathname, delegate);
			expect(res.status, pathname).toBe(200);
			expectBaseline(res);
			expect(res.headers.get('cache-control'), pathname).toBe('no-store');
			expectStrictPolicy(res, await res.text());
		}
	});

	it('the viewer page’s early range requests run under the policy (hash listed, not a blanket allowance)', async () => {
		const detail = await delegate.request<{ documents: { id: string }[] }>('GET', `/api/v1/meetings/${archivedId}`);
		const res = await get(`/meetings/${archivedId}/documents/${detail.body.documents[0]!.id}`, delegate);
		const html = await res.text();
		expect(html).toContain(`/api/v1/documents/${detail.body.documents[0]!.id}/file`);
		const scripts = directives(res.headers.get('content-security-policy')!).get('script-src')!;
		expect(scripts.filter((s) => s.startsWith("'sha256-"))).toHaveLength(1);
	});

	it('JSON API answers: nosniff and no-store, signed in or not', async () => {
		const list = await get('/api/v1/meetings', delegate);
		expect(list.status).toBe(200);
		expectBaseline(list);
		expect(list.headers.get('cache-control')).toBe('no-store');
		expect(list.headers.get('content-security-policy')).toBeNull();

		const anonymous = await get('/api/v1/meetings');
		expect(anonymous.status).toBe(401);
		expectBaseline(anonymous);
		expect(anonymous.headers.get('cache-control')).toBe('no-store');
	});

	it('the results CSV and the archived minutes PDF: nosniff, their own deliberate cache rules kept', async () => {
		const motions = await delegate.request<{ motions: { id: string; state: string }[] }>('GET', `/api/v1/meetings/${archivedId}/motions`);
		const closed = motions.body.motions.find((m) => m.state === 'closed');
		expect(closed, 'the archived meeting’s closed motion').toBeDefined();
		const csv = await get(`/api/v1/motions/${closed!.id}/results.csv`, delegate);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
		expectBaseline(csv);
		expect(csv.headers.get('cache-control')).toBe('private, no-store');

		const pdf = await get(`/api/v1/meetings/${archivedId}/minutes.pdf`, delegate);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expectBaseline(pdf);
		// The signed PDF never changes: the long private cache life is deliberate and stays.
		expect(pdf.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
	});

	it('the document file keeps its revalidation rule, ETag and ranges', async () => {
		const detail = await delegate.request<{ documents: { id: string; sha256: string }[] }>('GET', `/api/v1/meetings/${archivedId}`);
		const doc = detail.body.documents[0]!;
		const ranged = await get(`/api/v1/documents/${doc.id}/file`, delegate, { range: 'bytes=0-7' });
		expect(ranged.status).toBe(206);
		expectBaseline(ranged);
		expect(ranged.headers.get('cache-control')).toBe('private, no-cache');
		expect(ranged.headers.get('etag')).toBe(`"${doc.sha256}"`);
		expect(Buffer.from(await ranged.arrayBuffer()).toString()).toMatch(/^%PDF-/);
		const again = await get(`/api/v1/documents/${doc.id}/file`, delegate, { 'if-none-match': `"${doc.sha256}"` });
		expect(again.status).toBe(304);
		expectBaseline(again);
	});

	it('answers not made by SvelteKit: /healthz, the ballot fast path, static files', async () => {
		const health = await get('/healthz');
		expect(health.status).toBe(200);
		expectBaseline(health);
		expect(health.headers.get('cache-control')).toBe('no-store');

		// An id the fast path's pattern accepts ([a-z2-7]), so the answer comes from there and not from SvelteKit.
		const ballot = await fetch(`${server.url}/api/v1/motions/nosuchmotionaaaa/ballots`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ choices: ['yes'] })
		});
		expect(ballot.status).toBe(401);
		expectBaseline(ballot);

		const html = await (await get('/login')).text();
		const asset = /\/_app\/immutable\/[\w./-]+\.js/.exec(html)?.[0];
		expect(asset, 'a chunk linked from the page').toBeDefined();
		const chunk = await get(asset!);
		expect(chunk.status).toBe(200);
		expectBaseline(chunk);
		// adapter-node's own rule for hashed chunks is left alone.
		expect(chunk.headers.get('cache-control')).toContain('immutable');

		const worker = await get('/service-worker.js');
		expect(worker.status).toBe(200);
		expectBaseline(worker);
	});
});
