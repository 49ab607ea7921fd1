// Bundles the production entry and the command-line scripts next to SvelteKit's build, so production runs
// plain JavaScript. Dependencies stay external (better-sqlite3 is native); SvelteKit's handler.js is loaded
// at run time from the same folder.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
	absWorkingDir: root,
	entryPoints: { server: 'server/index.ts', 'seed-demo': 'scripts/seed-demo.ts', 'archive-verify': 'scripts/archive-verify.ts', 'cert-local': 'scripts/cert-local.ts', backup: 'scripts/backup.ts', restore: 'scripts/restore.ts' },
	outdir: 'build',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	alias: { $lib: './src/lib' },
	sourcemap: true,
	logLevel: 'warning'
});
console.log('server bundle written to build/server.js, build/seed-demo.js, build/archive-verify.js, build/cert-local.js, build/backup.js, build/restore.js');
