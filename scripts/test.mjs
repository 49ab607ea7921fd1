// `npm test`: everything, in the order that fails fastest — types, unit, then the real built server
// (integration), then Debian's Chromium driving it (end-to-end).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		console.error(`Chromium is missing: run "sudo apt-get install -y chromium" (Debian's package, ${CHROMIUM}), then npm test again.`);
		process.exit(1);
	}
	console.log('Chromium is missing: installing Debian\'s chromium package…');
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
		const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (r.status !== 0) {
			console.error(`apt-get ${args.join(' ')} failed: install chromium by hand (apt-get install -y chromium).`);
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

ensureChromium();
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
