import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/lib/server/config';
import { log } from '../src/lib/server/log';

const NAME = /^quorum-\d{8}T\d{6}Z\.tar\.gz$/;
/** What an interrupted run leaves (the process stopped mid-write): a partial archive and its database copy. */
const LEFTOVER = /^quorum-\d{8}T\d{6}Z\.tar\.gz\.[0-9a-f]{12}\.(?:partial|db|db-journal)$/;

const fileName = (now: Date) => `quorum-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.tar.gz`;

/** Keeps the newest `keep` backups the server made (by their time-stamped names) and clears leftovers. */
export function pruneBackups(dir: string, keep: number): string[] {
	const names = fs.readdirSync(dir);
	for (const leftover of names.filter((n) => LEFTOVER.test(n))) fs.rmSync(path.join(dir, leftover), { force: true });
	const ours = names.filter((n) => NAME.test(n)).sort();
	const removed = ours.slice(0, Math.max(0, ours.length - keep));
	for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
	return removed;
}

/**
 * BACKUP_DIR: the server backs itself up once at start and then every BACKUP_EVERY_HOURS by running the bundled
 * `npm run backup` (build/backup.js) as a child process: the copy and the hashing never hold the event loop
 * that serves the tablets, and the same code and secret-vote wait as the operator's command apply. One run at
 * a time; a failed run is logged and the next one is tried on schedule. Returns a stop function for the shutdown.
 */
export function scheduleBackups(cfg: Config): () => void {
	const backup = cfg.backup;
	if (!backup) return () => {};
	fs.mkdirSync(backup.dir, { recursive: true, mode: 0o700 });
	const script = fileURLToPath(new URL('./backup.js', import.meta.url));
	let child: ChildProcess | null = null;
	let stopped = false;
	const run = () => {
		if (child || stopped) return;
		const file = path.join(backup.dir, fileName(new Date()));
		child = spawn(process.execPath, [script, file], { env: { ...process.env, DATA_DIR: cfg.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
		const relay = (line: string) => line.trim() && log().info({ file }, `[backup] ${line.trim()}`);
		child.stdout!.setEncoding('utf8').on('data', (d: string) => d.split('\n').forEach(relay));
		child.stderr!.setEncoding('utf8').on('data', (d: string) => d.split('\n').forEach(relay));
		child.once('exit', (code) => {
			child = null;
			if (stopped) return;
			if (code === 0) {
				const removed = pruneBackups(backup.dir, backup.keep);
				if (removed.length) log().info({ removed }, `[backup] removed ${removed.length} older backup(s); keeping ${backup.keep}`);
			} else log().error({ file, code }, `[backup] failed (exit ${code}); next try on schedule`);
		});
	};
	pruneBackups(backup.dir, backup.keep);
	const first = setTimeout(run, 1_000);
	const every = setInterval(run, backup.everyMs);
	first.unref();
	every.unref();
	return () => {
		stopped = true;
		clearTimeout(first);
		clearInterval(every);
		child?.kill('SIGTERM');
	};
}
