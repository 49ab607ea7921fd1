import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer, synced, type Peer } from './collab-client';
import { ApiClient, demoMeetingId, leakedSecrets, loggedIn, startServer, userIds, type TestServer } from './harness';

let server: TestServer;
const peers: Peer[] = [];

beforeAll(async () => {
	server = await startServer({ seed: true });
});

afterAll(async () => {
	for (const p of peers.splice(0)) p.destroy();
	await server?.stop();
});

async function scrape(headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string | null }> {
	const res = await fetch(`${server.url}/metrics`, { headers });
	return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('/metrics', () => {
	it('serves Prometheus text that a parser reads, with requests, rooms, sockets, ballots, event loop, WAL and memory', async () => {
		const chair = await loggedIn(server.url, 'chair');
		const meetingId = await demoMeetingId(server.url);
		const peer = connectPeer(server.url, `meeting:${meetingId}:live`, chair.cookie);
		peers.push(peer);
		await synced(peer);
		await chair.request('GET', `/api/v1/meetings/${meetingId}`);

		const { status, text, type } = await scrape();
		expect(status).toBe(200);
		expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
		const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
		for (const name of [
			'quorum_http_request_duration_seconds',
			'quorum_collab_connections',
			'quorum_collab_rooms',
			'quorum_collab_room_bytes',
			'quorum_ballot_commit_seconds',
			'quorum_sqlite_wal_bytes',
			'nodejs_eventloop_lag_p99_seconds',
			'process_resident_memory_bytes',
			'nodejs_heap_size_used_bytes'
		]) {
			expect(families.has(name), name).toBe(true);
		}
		expect(families.get('quorum_http_request_duration_seconds')!.type).toBe('HISTOGRAM');
		// The meeting's id is replaced: one series per route, not one per meeting. (The parser folds a labelled
		// histogram's series into one, so the labels are read from the text it accepted.)
		expect(text).toMatch(/^quorum_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/meetings\/:id",status="200"\} [1-9]/m);
		expect(text).not.toContain(meetingId);
		expect(Number(families.get('quorum_collab_connections')!.metrics[0]!.value)).toBeGreaterThanOrEqual(1);
		expect(Number(families.get('quorum_collab_rooms')!.metrics[0]!.value)).toBeGreaterThanOrEqual(1);
	});

	it('refuses an address outside METRICS_ALLOW, also behind a proxy that names the client', async () => {
		const proxied = await startServer({ seed: false, env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', METRICS_ALLOW: '10.1.0.0/16' } });
		try {
			const get = (xff: string) => fetch(`${proxied.url}/metrics`, { headers: { 'x-forwarded-for': xff } });
			expect((await get('203.0.113.9')).status).toBe(404);
			// The proxy itself is on loopback: that must not let an outsider through.
			expect((await get('127.0.0.1, 203.0.113.9')).status).toBe(404);
			expect((await get('10.1.4.2')).status).toBe(200);
		} finally {
			await proxied.stop();
		}
		// Default: loopback only, which is where the test client is.
		expect((await scrape()).status).toBe(200);
	});
});

describe('/readyz', () => {
	it('is ready when the database takes writes, migrations are applied and the disk has room', async () => {
		const res = await new ApiClient(server.url).request('GET', '/readyz');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ ready: true, checks: { database: true, migrations: true, disk: true } });
	});

	it('answers 503 when the disk has less free space than MIN_FREE_MB', async () => {
		const full = await startServer({ seed: false, env: { MIN_FREE_MB: String(1024 * 1024) } });
		try {
			const res = await new ApiClient(full.url).request('GET', '/readyz');
			expect(res.status).toBe(503);
			expect(res.body).toEqual({ ready: false, checks: { database: true, migrations: true, disk: false } });
			// Liveness is a different question: the process and its database still answer.
			expect((await new ApiClient(full.url).request('GET', '/healthz')).status).toBe(200);
		} finally {
			await full.stop();
		}
	});
});

describe('structured logs', () => {
	it('writes one JSON line per request with its id, route, status and user, and never the password', async () => {
		const guest = new ApiClient(server.url);
		const wrong = await guest.request('POST', '/api/v1/session', { username: 'chair', password: 'not-the-password-4821' });
		expect(wrong.status).toBe(401);
		const chair = await loggedIn(server.url, 'chair');
		const chairId = (await userIds(await loggedIn(server.url, 'secretary'))).get('chair');
		const res = await chair.request('GET', '/api/v1/meetings', undefined, { headers: { 'x-request-id': 'audit-trail-0001' } });
		expect(res.headers.get('x-request-id')).toBe('audit-trail-0001');
		// A request id that is not short and plain is replaced, not echoed into the logs.
		const odd = await chair.request('GET', '/api/v1/meetings', undefined, { headers: { 'x-request-id': 'a b <script>"quoted" and far too long to be an id' } });
		expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

		await new Promise((r) => setTimeout(r, 200));
		const lines = server
			.output()
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		const line = lines.find((l) => l.reqId === 'audit-trail-0001' && l.msg === 'request');
		expect(line).toMatchObject({ level: 'info', service: 'quorum', method: 'GET', route: '/api/v1/meetings', status: 200, userId: chairId });
		expect(typeof line!.ms).toBe('number');
		expect(lines.find((l) => l.route === '/api/v1/session' && l.status === 401)).toBeDefined();
		expect(leakedSecrets(server.output())).toEqual([]);
		expect(server.output()).not.toContain('not-the-password-4821');
	});
});
