// `npm run bench [-- name…]`: every benchmark in bench/, one after another (they would only compete for the two
// cores), against a fresh production build. A benchmark is a module bench/<name>.mjs exporting `name`, `target`
// (what passing means, in words) and `run()`, which resolves to its figures, with `pass: true|false` when it judges
// itself against its target. Progress goes to stderr; stdout gets one line per benchmark and, as its LAST line,
// one JSON summary: { machine, benchmarks: { <name>: { target, elapsedSeconds, ...figures } }, passed, failed, errors }.
//
// BENCH_SKIP_BUILD=1 reuses build/ as it is.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCH_DIR = path.join(ROOT, 'bench');
const only = process.argv.slice(2);

function machine() {
	let chromium = null;
	try {
		chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
	} catch {
		chromium = null;
	}
	return {
		cpus: os.availableParallelism(),
		cpuModel: os.cpus()[0]?.model ?? null,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		chromium,
		platform: `${os.type()} ${os.release()}`
	};
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
	console.error('bench: building…');
	// Build output goes to stderr: stdout is for results.
	const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
	if (built.status !== 0) {
		console.error('bench: the build failed');
		process.exit(built.status ?? 1);
	}
}

const files = fs
	.readdirSync(BENCH_DIR)
	.filter((f) => f.endsWith('.mjs'))
	.sort();

const results = {};
let passed = 0;
let failed = 0;
let errors = 0;
for (const file of files) {
	const mod = await import(pathToFileURL(path.join(BENCH_DIR, file)).href);
	if (typeof mod.run !== 'function' || typeof mod.name !== 'string') continue;
	if (only.length > 0 && !only.includes(mod.name) && !only.includes(file.replace(/\.mjs$/, ''))) continue;
	console.error(`bench: ${mod.name} — ${mod.target ?? ''}`);
	const started = performance.now();
	let figures;
	try {
		figures = await mod.run();
	} catch (e) {
		console.error(e);
		figures = { error: e instanceof Error ? e.message : String(e), pass: false };
		errors++;
	}
	const seconds = Math.round((performance.now() - started) / 100) / 10;
	results[mod.name] = { target: mod.target ?? null, elapsedSeconds: seconds, ...figures };
	if (figures.pass === true) passed++;
	else if (figures.pass === false) failed++;
	console.log(`${mod.name}: ${JSON.stringify(results[mod.name])}`);
}

// Exit once the summary is out: a benchmark that leaves a socket or timer behind must not hold the run open.
process.stdout.write(`${JSON.stringify({ machine: machine(), benchmarks: results, passed, failed, errors })}\n`, () => process.exit(0));
