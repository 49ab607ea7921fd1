// `npm test`: everything, in the order that fails fastest — types, unit, then the real built server
// (integration), then Debian's Chromium driving it (end-to-end).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** What the suite needs from Debian beside Node: Chromium for end-to-end, poppler's pdfsig for the signed minutes. */
const DEBIAN = [
	{ file: '/usr/bin/chromium', pkg: 'chromium', why: 'the end-to-end tests drive it' },
	{ file: '/usr/bin/pdfsig', pkg: 'poppler-utils', why: 'the integration tests check the minutes’ signatures with pdfsig' }
];

function ensureDebianPackages() {
	const missing = DEBIAN.filter((p) => !fs.existsSync(p.file));
	if (missing.length === 0) return;
	const names = missing.map((p) => p.pkg).join(' ');
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		for (const p of missing) console.error(`${p.file} is missing (${p.why}).`);
		console.error(`Run "sudo apt-get install -y ${names}" (Debian's packages), then npm test again.`);
		process.exit(1);
	}
	console.log(`Missing ${missing.map((p) => p.file).join(', ')}: installing Debian's ${names}…`);
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing.map((p) => p.pkg)]]) {
		const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (r.status !== 0) {
			console.error(`apt-get ${args.join(' ')} failed: install them by hand (apt-get install -y ${names}).`);
			process.exit(1);
		}
	}
}

const steps = [
	['messages', process.execPath, ['scripts/compile-messages.mjs']],
	['types', 'npm', ['run', '--silent', 'check']],
	['unit', 'npx', ['vitest', 'run', '--project', 'unit']],
	['build', 'npm', ['run', '--silent', 'build']],
	['integration', 'npx', ['vitest', 'run', '--project', 'integration']],
	['e2e', 'npx', ['playwright', 'test']]
];

ensureDebianPackages();
let passed = 0;
for (const [name, cmd, args] of steps) {
	console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
	const started = Date.now();
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (r.status !== 0) {
		console.error(`\n=== ${name} failed after ${seconds} s`);
		console.log(`steps: ${passed} passed, 1 failed`);
		process.exit(r.status ?? 1);
	}
	console.log(`=== ${name} passed in ${seconds} s`);
	passed++;
}
console.log(`steps: ${passed} passed, 0 failed`);
