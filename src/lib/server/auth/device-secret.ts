import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir } from '../documents/storage';

/**
 * The key that signs device cookies (`device-cookie.ts`): 32 random bytes in `DATA_DIR/device-cookie.key`,
 * mode 0600, made once on first use.
 *
 * A file rather than a row in the database: the database is what gets copied (backups, a copy handed over for
 * `archive:verify`, an operator's sqlite3 shell), and a copy of it holds no usable session today. With the key
 * inside, any such copy could mint trusted-device cookies for every account and guess passwords unthrottled.
 * Kept apart, it can also be rotated by deleting the file: every browser becomes untrusted until its next
 * sign-in, and nobody is locked out by it.
 */
const FILE_NAME = 'device-cookie.key';
const KEY_BYTES = 32;

export function loadDeviceSecret(dataDir: string): Buffer {
	return loadKeyFile(dataDir, FILE_NAME);
}

/** A 32-byte key in `DATA_DIR/<fileName>`, made on first use; also the key that seals signing keys (signing/keystore.ts). */
export function loadKeyFile(dataDir: string, fileName: string): Buffer {
	const file = path.join(dataDir, fileName);
	const existing = readKey(file);
	if (existing) return existing;
	fs.mkdirSync(dataDir, { recursive: true });
	// Written whole under a temporary name, then linked into place: a crash never leaves a short key, and link()
	// fails if another process got there first, in which case its key is the one to use.
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	const fd = fs.openSync(temp, 'wx', 0o600);
	try {
		fs.writeSync(fd, randomBytes(KEY_BYTES));
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
	try {
		fs.linkSync(temp, file);
		fsyncDir(dataDir);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	} finally {
		fs.rmSync(temp, { force: true });
	}
	const key = readKey(file);
	if (!key) throw new Error(`${file} could not be created`);
	return key;
}

function readKey(file: string): Buffer | null {
	let key: Buffer;
	try {
		key = fs.readFileSync(file);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
	if (key.length < KEY_BYTES) throw new Error(`${file} is shorter than ${KEY_BYTES} bytes: delete it and a new key is made (browsers sign in as untrusted once)`);
	// Someone may have copied it in with their umask; nobody but the server needs to read it.
	if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
	return key;
}
