import { describe, expect, it } from 'vitest';
import { isAllowedEntry, MANIFEST_FORMAT, parseManifest } from '$lib/server/backup/manifest';

const sha = 'a'.repeat(64);
const manifest = (entries: unknown[]) => JSON.stringify({ format: MANIFEST_FORMAT, createdAt: '2026-12-03T07:00:00Z', migrations: 11, entries });

describe('backup manifest', () => {
	it('allows the database, the keys and content-addressed files only', () => {
		for (const name of ['quorum.db', 'signing.key', 'device-cookie.key', 'demo-ca.pem', `files/${sha}`]) expect(isAllowedEntry(name)).toBe(true);
		for (const name of ['../quorum.db', '/etc/passwd', `files/../${sha}`, 'files/tmp/x.part', `files/${sha}/x`, 'quorum.db-wal', 'QUORUM.DB', `files/${sha.toUpperCase()}`]) {
			expect(isAllowedEntry(name)).toBe(false);
		}
	});

	it('reads a well-formed manifest', () => {
		const m = parseManifest(manifest([{ name: 'quorum.db', size: 4096, sha256: sha }]));
		expect(m.entries).toEqual([{ name: 'quorum.db', size: 4096, sha256: sha }]);
	});

	it('refuses other formats, traversal, bad sums, duplicates and a missing database', () => {
		expect(() => parseManifest('not json')).toThrow(/not JSON/);
		expect(() => parseManifest(JSON.stringify({ format: 'tar', entries: [] }))).toThrow(/not a Quorum backup/);
		expect(() => parseManifest(manifest([{ name: '../../etc/cron.d/x', size: 1, sha256: sha }]))).toThrow(/cannot hold/);
		expect(() => parseManifest(manifest([{ name: 'quorum.db', size: 1, sha256: 'xyz' }]))).toThrow(/bad manifest entry/);
		expect(() => parseManifest(manifest([{ name: 'quorum.db', size: -1, sha256: sha }]))).toThrow(/bad manifest entry/);
		expect(() => parseManifest(manifest([{ name: 'quorum.db', size: 1, sha256: sha }, { name: 'quorum.db', size: 1, sha256: sha }]))).toThrow(/twice/);
		expect(() => parseManifest(manifest([{ name: 'signing.key', size: 1, sha256: sha }]))).toThrow(/no database/);
	});
});
