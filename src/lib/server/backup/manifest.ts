/**
 * What a backup archive holds and how its contents are checked: a manifest (the first entry) naming every other
 * entry with its size and SHA-256. Restore refuses an archive whose entries do not match it, one by one.
 */
export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_FORMAT = 'quorum-backup/1';

export interface ManifestEntry {
	name: string;
	size: number;
	sha256: string;
}

export interface Manifest {
	format: typeof MANIFEST_FORMAT;
	createdAt: string;
	/** Migrations applied in the snapshot: a restore into an older Quorum would be refused by its migrator anyway. */
	migrations: number;
	entries: ManifestEntry[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/**
 * The only names an archive may hold: the database, the keys beside it and content-addressed files. Anything
 * else (`../`, absolute paths, links) is refused before a byte is written (OWASP File Upload: never trust an
 * archive's paths).
 */
const ALLOWED = /^(?:quorum\.db|signing\.key|device-cookie\.key|demo-ca\.pem|files\/[0-9a-f]{64})$/;

export function isAllowedEntry(name: string): boolean {
	return ALLOWED.test(name);
}

export function parseManifest(text: string): Manifest {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new Error('the manifest is not JSON');
	}
	const m = raw as Partial<Manifest>;
	if (m?.format !== MANIFEST_FORMAT) throw new Error(`not a Quorum backup (format ${JSON.stringify(m?.format)})`);
	if (!Array.isArray(m.entries) || typeof m.createdAt !== 'string' || typeof m.migrations !== 'number') throw new Error('the manifest is incomplete');
	const names = new Set<string>();
	for (const e of m.entries) {
		if (typeof e?.name !== 'string' || !isAllowedEntry(e.name)) throw new Error(`the manifest names a file a backup cannot hold: ${JSON.stringify(e?.name)}`);
		if (!Number.isSafeInteger(e.size) || e.size < 0 || typeof e.sha256 !== 'string' || !SHA256_HEX.test(e.sha256)) throw new Error(`bad manifest entry for ${e.name}`);
		if (names.has(e.name)) throw new Error(`the manifest names ${e.name} twice`);
		names.add(e.name);
	}
	if (!names.has('quorum.db')) throw new Error('the backup holds no database');
	return m as Manifest;
}
