import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { MANIFEST_NAME, parseManifest, type Manifest } from './manifest';

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

async function readAll(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.length;
		if (size > limit) throw new Error('the manifest is too large');
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

function isEmptyOrMissing(dir: string): boolean {
	return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * `npm run restore`: unpacks a backup into an empty DATA_DIR. Every entry is checked against the manifest (name,
 * size, SHA-256) while it is written into a staging folder beside DATA_DIR; only a complete, matching archive
 * whose database passes SQLite's integrity check is moved into place. A non-empty DATA_DIR is refused: a restore
 * never mixes two data sets.
 */
export async function restoreBackup(archive: string, dataDir: string): Promise<Manifest> {
	const target = path.resolve(dataDir);
	if (!isEmptyOrMissing(target)) throw new Error(`DATA_DIR ${target} is not empty: restore only into an empty folder`);
	if (!fs.existsSync(archive)) throw new Error(`no backup at ${archive}`);
	const stage = `${target}.restore-${randomBytes(6).toString('hex')}`;
	fs.mkdirSync(path.join(stage, 'files'), { recursive: true, mode: 0o700 });
	try {
		let manifest: Manifest | null = null;
		const seen = new Set<string>();
		const extract = tar.extract();
		const reading = pipeline(fs.createReadStream(archive), zlib.createGunzip(), extract);
		for await (const entry of extract) {
			const { name, type, size } = entry.header;
			if (type !== 'file') throw new Error(`the backup holds a ${type} entry (${name}); only files are restored`);
			if (!manifest) {
				if (name !== MANIFEST_NAME) throw new Error('the backup does not start with its manifest');
				manifest = parseManifest((await readAll(entry as unknown as AsyncIterable<Buffer>, MAX_MANIFEST_BYTES)).toString('utf8'));
				continue;
			}
			const expected = manifest.entries.find((e) => e.name === name);
			if (!expected) throw new Error(`the backup holds ${name}, which its manifest does not name`);
			if (seen.has(name)) throw new Error(`the backup holds ${name} twice`);
			seen.add(name);
			if (size !== expected.size) throw new Error(`${name}: ${size} bytes, the manifest says ${expected.size}`);
			const file = path.join(stage, name);
			const hash = createHash('sha256');
			const fd = fs.openSync(file, 'wx', 0o600);
			try {
				for await (const chunk of entry as unknown as AsyncIterable<Buffer>) {
					hash.update(chunk);
					fs.writeSync(fd, chunk);
				}
				fs.fsyncSync(fd);
			} finally {
				fs.closeSync(fd);
			}
			const sha256 = hash.digest('hex');
			if (sha256 !== expected.sha256) throw new Error(`${name} does not match its SHA-256 in the manifest: the backup is damaged`);
		}
		await reading;
		if (!manifest) throw new Error('the backup is empty');
		const missing = manifest.entries.filter((e) => !seen.has(e.name)).map((e) => e.name);
		if (missing.length > 0) throw new Error(`the backup is cut short: ${missing.length} file(s) missing, first ${missing[0]}`);
		const db = new Database(path.join(stage, 'quorum.db'), { fileMustExist: true });
		try {
			const check = db.pragma('integrity_check', { simple: true });
			if (check !== 'ok') throw new Error(`the restored database fails SQLite's integrity check: ${String(check)}`);
		} finally {
			db.close();
		}
		if (fs.existsSync(target)) fs.rmdirSync(target);
		fs.renameSync(stage, target);
		return manifest;
	} catch (error) {
		fs.rmSync(stage, { recursive: true, force: true });
		throw error;
	}
}
