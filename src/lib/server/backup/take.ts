import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { MANIFEST_FORMAT, MANIFEST_NAME, type Manifest, type ManifestEntry } from './manifest';

export interface DataPaths {
	dataDir: string;
	dbFile: string;
	filesDir: string;
}

export interface BackupOptions {
	/** How often to look again while a secret vote is open. */
	pollMs?: number;
	/** Told once per wait, with the titles of the open secret votes (the caller says so to the operator). */
	onWaiting?: (titles: string[]) => void;
	signal?: AbortSignal;
}

export interface BackupResult {
	file: string;
	manifest: Manifest;
	bytes: number;
	/** Stored files whose bytes no longer match their name: included as they are, and worth an operator's look. */
	damaged: string[];
}

/** Beside the database: the keys the data cannot be used without (sealed signing keys, device cookies). */
const KEY_FILES = ['signing.key', 'device-cookie.key', 'demo-ca.pem'];
const SHA256_NAME = /^[0-9a-f]{64}$/;

function openSecretVotes(db: Database.Database): string[] {
	return (db.prepare("select title from motions where state = 'open' and ballot = 'secret'").all() as { title: string }[]).map((r) => r.title);
}

async function sha256Of(file: string): Promise<{ sha256: string; size: number }> {
	const hash = createHash('sha256');
	let size = 0;
	for await (const chunk of fs.createReadStream(file)) {
		hash.update(chunk as Buffer);
		size += (chunk as Buffer).length;
	}
	return { sha256: hash.digest('hex'), size };
}

const sleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			reject(signal.reason);
		}, { once: true });
	});

/**
 * A consistent snapshot of the database, taken with SQLite's online backup API so the server keeps serving and
 * writing meanwhile, at a moment when no secret vote is open: while one is, the order of rows in the secret
 * tables could be read against the order of check-ins and so undo the secret, and such a copy must never leave
 * the box. A vote opened during the copy is caught in the copy itself, which is then thrown away and taken again.
 */
async function snapshotWithoutSecretVote(dbFile: string, target: string, options: BackupOptions): Promise<number> {
	const source = new Database(dbFile, { readonly: true, fileMustExist: true });
	try {
		for (;;) {
			let titles = openSecretVotes(source);
			if (titles.length > 0) {
				options.onWaiting?.(titles);
				while (titles.length > 0) {
					await sleep(options.pollMs ?? 5_000, options.signal);
					titles = openSecretVotes(source);
				}
			}
			// One step copies every page: a backup stepped page by page restarts from the beginning whenever another
			// connection writes between steps, and a busy server writes all the time. A single step reads one
			// snapshot; in WAL mode the server's writers are not blocked meanwhile.
			await source.backup(target, { progress: ({ totalPages }) => totalPages + 1000 });
			const copy = new Database(target);
			try {
				if (openSecretVotes(copy).length === 0) {
					const check = copy.pragma('quick_check', { simple: true });
					if (check !== 'ok') throw new Error(`the snapshot fails SQLite's quick_check: ${String(check)}`);
					// A standalone file: no WAL beside it in the archive.
					copy.pragma('journal_mode = DELETE');
					return (copy.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
				}
			} finally {
				copy.close();
			}
			fs.rmSync(target, { force: true });
		}
	} finally {
		source.close();
	}
}

function fsyncPath(file: string): void {
	const fd = fs.openSync(file, 'r');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * `npm run backup`: the database snapshot, the stored files and the keys, in one gzip'd tar whose first entry is
 * a manifest of SHA-256 sums. Written under a temporary name and renamed when complete, readable by its owner
 * only (it holds the sealed signing keys and every document).
 */
export async function takeBackup(paths: DataPaths, outFile: string, options: BackupOptions = {}): Promise<BackupResult> {
	const target = path.resolve(outFile);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	const stamp = randomBytes(6).toString('hex');
	const dbCopy = `${target}.${stamp}.db`;
	const partial = `${target}.${stamp}.partial`;
	try {
		const migrations = await snapshotWithoutSecretVote(paths.dbFile, dbCopy, options);
		// Files are content-addressed and never rewritten: every file the snapshot names was stored before its row
		// was committed, so listing the folder after the snapshot finds them all.
		const sources: Array<{ name: string; file: string }> = [{ name: 'quorum.db', file: dbCopy }];
		for (const key of KEY_FILES) {
			const file = path.join(paths.dataDir, key);
			if (fs.existsSync(file)) sources.push({ name: key, file });
		}
		const stored = fs.existsSync(paths.filesDir) ? fs.readdirSync(paths.filesDir).filter((n) => SHA256_NAME.test(n)).sort() : [];
		for (const name of stored) sources.push({ name: `files/${name}`, file: path.join(paths.filesDir, name) });

		const entries: ManifestEntry[] = [];
		const damaged: string[] = [];
		for (const s of sources) {
			const { sha256, size } = await sha256Of(s.file);
			if (s.name.startsWith('files/') && s.name !== `files/${sha256}`) damaged.push(s.name);
			entries.push({ name: s.name, size, sha256 });
		}
		const manifest: Manifest = { format: MANIFEST_FORMAT, createdAt: new Date().toISOString(), migrations, entries };

		const pack = tar.pack();
		const written = pipeline(pack, zlib.createGzip({ level: 6 }), fs.createWriteStream(partial, { mode: 0o600 }));
		const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
		pack.entry({ name: MANIFEST_NAME, size: manifestBytes.length, mode: 0o600 }, manifestBytes);
		for (const [i, s] of sources.entries()) {
			const entry = pack.entry({ name: s.name, size: entries[i]!.size, mode: 0o600 });
			await pipeline(fs.createReadStream(s.file), entry);
		}
		pack.finalize();
		await written;
		fsyncPath(partial);
		fs.renameSync(partial, target);
		fsyncPath(path.dirname(target));
		return { file: target, manifest, bytes: fs.statSync(target).size, damaged };
	} finally {
		fs.rmSync(dbCopy, { force: true });
		fs.rmSync(`${dbCopy}-journal`, { force: true });
		fs.rmSync(partial, { force: true });
	}
}
