import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '$lib/server/config';

describe('loadConfig', () => {
	it('has the documented defaults', () => {
		const cfg = loadConfig({});
		expect(cfg.port).toBe(3000);
		expect(cfg.dataDir).toBe(path.resolve('data'));
		expect(cfg.dbFile).toBe(path.resolve('data/quorum.db'));
		expect(cfg.filesDir).toBe(path.resolve('data/files'));
		expect(cfg.maxUploadBytes).toBe(50 * 1024 * 1024);
		expect(cfg.origin).toBeNull();
	});

	it('lists every problem at once', () => {
		expect(() => loadConfig({ PORT: 'eighty', MAX_UPLOAD_MB: '0', ORIGIN: 'ftp://x' })).toThrowError(
			/PORT must be[\s\S]*MAX_UPLOAD_MB must be[\s\S]*ORIGIN must be/
		);
	});

	it('reads the origin and keeps only scheme, host and port', () => {
		expect(loadConfig({ ORIGIN: 'https://quorum.example.gov.vn/some/path' }).origin).toBe('https://quorum.example.gov.vn');
	});

	it('serves plain HTTP unless both TLS files are given', () => {
		expect(loadConfig({}).tls).toBeNull();
		expect(() => loadConfig({ TLS_CERT: '/etc/quorum/server.crt' })).toThrowError(/TLS_CERT and TLS_KEY go together/);
		expect(() => loadConfig({ HTTP_REDIRECT_PORT: '80' })).toThrowError(/HTTP_REDIRECT_PORT needs TLS_CERT and TLS_KEY/);
		expect(() => loadConfig({ TLS_CERT: '/nowhere/server.crt', TLS_KEY: '/nowhere/server.key' })).toThrowError(/TLS_CERT names a file[\s\S]*TLS_KEY names a file/);
	});

	it('finds the local CA beside the certificate and reads the redirect port', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-tls-'));
		try {
			for (const f of ['server.crt', 'server.key']) fs.writeFileSync(path.join(dir, f), 'pem');
			const env = { TLS_CERT: path.join(dir, 'server.crt'), TLS_KEY: path.join(dir, 'server.key'), HTTP_REDIRECT_PORT: '8080' };
			expect(loadConfig(env).tls).toEqual({ certFile: env.TLS_CERT, keyFile: env.TLS_KEY, caFile: null, redirectPort: 8080 });
			fs.writeFileSync(path.join(dir, 'ca.crt'), 'pem');
			expect(loadConfig(env).tls?.caFile).toBe(path.join(dir, 'ca.crt'));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
