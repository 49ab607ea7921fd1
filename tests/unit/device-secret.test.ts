import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDeviceSecret } from '$lib/server/auth/device-secret';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-secret-'));
	dirs.push(dir);
	return dir;
}

describe('the device-cookie key', () => {
	it('is made once, readable by the server only, and the same on every later start', () => {
		const dir = dataDir();
		const key = loadDeviceSecret(dir);
		expect(key).toHaveLength(32);
		const file = path.join(dir, 'device-cookie.key');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(loadDeviceSecret(dir).equals(key)).toBe(true);
		// Nothing left behind from writing it.
		expect(fs.readdirSync(dir)).toEqual(['device-cookie.key']);
	});

	it('is made inside a data directory that does not exist yet', () => {
		const dir = path.join(dataDir(), 'nested', 'data');
		expect(loadDeviceSecret(dir)).toHaveLength(32);
	});

	it('is closed to others again if it was copied in readable', () => {
		const dir = dataDir();
		const file = path.join(dir, 'device-cookie.key');
		fs.writeFileSync(file, Buffer.alloc(32, 7), { mode: 0o644 });
		expect(loadDeviceSecret(dir).equals(Buffer.alloc(32, 7))).toBe(true);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
	});

	it('refuses a truncated key rather than sign with it', () => {
		const dir = dataDir();
		fs.writeFileSync(path.join(dir, 'device-cookie.key'), Buffer.alloc(5), { mode: 0o600 });
		expect(() => loadDeviceSecret(dir)).toThrow(/shorter than 32 bytes/);
	});
});
