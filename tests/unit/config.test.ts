import { describe, expect, it } from 'vitest';
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
});
