import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { eventually } from './collab-client';
import { DEMO_MEETING_PREFIX, DEMO_PASSWORD, startServer, tempDataDir, type TestServer } from './harness';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	serial: string;
}

/** A real TLS client that trusts only the CA `npm run cert:local` wrote (rejectUnauthorized is Node's default). */
function httpsRequest(url: string, ca: Buffer | undefined, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		// A fresh agent per request: every call does its own handshake, so a reloaded certificate is seen.
		const req = https.request(url, { method: init.method ?? 'GET', headers: init.headers, ca, agent: new https.Agent({ ca, keepAlive: false }) }, (res) => {
			const serial = (res.socket as TLSSocket).getPeerCertificate().serialNumber;
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, serial }));
		});
		req.on('error', reject);
		req.end(init.body);
	});
}

function httpGet(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, (res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
			})
			.on('error', reject);
	});
}

describe('HTTPS built in (TLS_CERT, TLS_KEY, HTTP_REDIRECT_PORT)', () => {
	let server: TestServer;
	let tlsDir: string;
	let ca: Buffer;
	let base: string;
	let redirectPort: number;

	beforeAll(async () => {
		tlsDir = path.join(tempDataDir(), 'tls');
		await run(process.execPath, ['build/cert-local.js', tlsDir], { cwd: ROOT });
		ca = fs.readFileSync(path.join(tlsDir, 'ca.crt'));
		server = await startServer({
			seed: true,
			env: { TLS_CERT: path.join(tlsDir, 'server.crt'), TLS_KEY: path.join(tlsDir, 'server.key'), HTTP_REDIRECT_PORT: '0' }
		});
		// The certificate names localhost and 127.0.0.1; verify against the name a tablet would use.
		base = server.url.replace('127.0.0.1', 'localhost');
		expect(base).toMatch(/^https:\/\/localhost:\d+$/);
		await eventually(() => /HTTP on port \d+ redirects/.test(server.output()), 5_000, 'redirect listener');
		redirectPort = Number(/HTTP on port (\d+) redirects/.exec(server.output())![1]);
	}, 60_000);

	afterAll(async () => {
		await server?.stop();
	});

	it('writes a CA and a server certificate, the keys readable by the owner only', () => {
		for (const file of ['ca.crt', 'ca.key', 'server.crt', 'server.key']) expect(fs.existsSync(path.join(tlsDir, file))).toBe(true);
		expect(fs.statSync(path.join(tlsDir, 'ca.key')).mode & 0o077).toBe(0);
		expect(fs.statSync(path.join(tlsDir, 'server.key')).mode & 0o077).toBe(0);
	});

	it('serves HTTPS that verifies against the generated CA, with HSTS', async () => {
		const health = await httpsRequest(`${base}/healthz`, ca);
		expect(health.status).toBe(200);
		expect(JSON.parse(health.body)).toEqual({ ok: true });
		expect(health.headers['strict-transport-security']).toBe('max-age=15552000');
		// The same server refuses a client that does not trust the CA: the certificate is not a public one.
		await expect(httpsRequest(`${base}/healthz`, undefined)).rejects.toThrow(/certificate/i);
	});

	it('signs in over HTTPS with a Secure session cookie', async () => {
		const login = await httpsRequest(`${base}/api/v1/session`, ca, {
			method: 'POST',
			body: JSON.stringify({ username: 'delegate1', password: DEMO_PASSWORD }),
			headers: { 'content-type': 'application/json' }
		});
		expect(login.status).toBe(200);
		const session = (login.headers['set-cookie'] ?? []).find((c) => c.startsWith('quorum_session='));
		expect(session).toMatch(/; Secure/);
	});

	it('carries a real y-websocket client over WSS', async () => {
		const login = await httpsRequest(`${base}/api/v1/session`, ca, {
			method: 'POST',
			body: JSON.stringify({ username: 'chair', password: DEMO_PASSWORD }),
			headers: { 'content-type': 'application/json' }
		});
		const cookie = (login.headers['set-cookie'] ?? []).find((c) => c.startsWith('quorum_session='))!.split(';')[0]!;
		const list = await httpsRequest(`${base}/api/v1/meetings`, ca, { headers: { cookie } });
		const meeting = (JSON.parse(list.body) as { meetings: { id: string; title: string }[] }).meetings.find((m) => m.title.startsWith(DEMO_MEETING_PREFIX))!;
		const origin = base;
		class TrustingSocket extends WebSocket {
			constructor(address: string | URL, protocols?: string | string[]) {
				super(address, protocols, { headers: { cookie, origin }, ca });
			}
		}
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${base.replace(/^https/, 'wss')}/collab`, `meeting:${meeting.id}:live`, doc, {
			WebSocketPolyfill: TrustingSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			maxBackoffTime: 200
		});
		try {
			await eventually(() => provider.synced, 10_000, 'WSS sync');
			// The live room is built from the database: it names the meeting's participants.
			expect(doc.share.size).toBeGreaterThan(0);
		} finally {
			provider.destroy();
			doc.destroy();
		}
	});

	it('redirects plain HTTP to HTTPS with 308 and serves the CA there for tablets to install', async () => {
		const redirected = await httpGet(`http://127.0.0.1:${redirectPort}/meetings?tab=docs`);
		expect(redirected.status).toBe(308);
		expect(redirected.headers.location).toBe(`${server.url}/meetings?tab=docs`);
		const caOverHttp = await httpGet(`http://127.0.0.1:${redirectPort}/ca.crt`);
		expect(caOverHttp.status).toBe(200);
		expect(caOverHttp.headers['content-type']).toBe('application/x-x509-ca-cert');
		expect(caOverHttp.body).toBe(ca.toString());
		const caOverHttps = await httpsRequest(`${base}/ca.crt`, ca);
		expect(caOverHttps.body).toBe(ca.toString());
	});

	it('reloads a renewed certificate on SIGHUP and keeps the old one when the new pair is broken', async () => {
		const before = await httpsRequest(`${base}/healthz`, ca);
		await run(process.execPath, ['build/cert-local.js', tlsDir], { cwd: ROOT });
		// The CA is kept: tablets that installed it need nothing new.
		expect(fs.readFileSync(path.join(tlsDir, 'ca.crt')).equals(ca)).toBe(true);
		server.process.kill('SIGHUP');
		await eventually(() => server.output().includes('TLS certificate reloaded'), 5_000, 'reload');
		const after = await httpsRequest(`${base}/healthz`, ca);
		expect(after.status).toBe(200);
		expect(after.serial).not.toBe(before.serial);

		fs.writeFileSync(path.join(tlsDir, 'server.crt'), '-----BEGIN CERTIFICATE-----\nhalf a renewal\n');
		server.process.kill('SIGHUP');
		await eventually(() => server.output().includes('TLS certificate not reloaded'), 5_000, 'refused reload');
		const still = await httpsRequest(`${base}/healthz`, ca);
		expect(still.status).toBe(200);
		expect(still.serial).toBe(after.serial);
	});
});
