import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../src/lib/server/config';
import { getDb } from '../src/lib/server/db/client';
import type { EdgeRoute } from './routes';

export interface Readiness {
	ready: boolean;
	checks: { database: boolean; migrations: boolean; disk: boolean };
}

function migrationsExpected(migrationsDir: string): number {
	const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
	return journal.entries.length;
}

/**
 * What a load balancer or an operator asks before sending tablets here: the database takes a write lock (not
 * only a read, as /healthz), every migration in `drizzle/` is applied, and the data folder's disk has at least
 * MIN_FREE_MB free (a full disk refuses ballots). Answers booleans only: no sizes or paths to the public.
 */
export function readiness(cfg: Config): Readiness {
	let database = false;
	let migrations = false;
	let disk = false;
	try {
		const sqlite = getDb().$client;
		// BEGIN IMMEDIATE takes the write lock: a read-only mount or a locked file fails here.
		sqlite.exec('BEGIN IMMEDIATE');
		sqlite.exec('ROLLBACK');
		database = true;
		const applied = (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
		migrations = applied >= migrationsExpected(cfg.migrationsDir);
	} catch {
		/* reported as not ready */
	}
	try {
		const stats = fs.statfsSync(cfg.dataDir);
		disk = stats.bavail * stats.bsize >= cfg.minFreeBytes;
	} catch {
		/* reported as not ready */
	}
	return { ready: database && migrations && disk, checks: { database, migrations, disk } };
}

export function readyzRoute(cfg: Config): EdgeRoute {
	return (req: IncomingMessage, res: ServerResponse) => {
		if (req.url !== '/readyz' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
		const result = readiness(cfg);
		res.writeHead(result.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
		res.end(req.method === 'HEAD' ? undefined : JSON.stringify(result));
		return true;
	};
}
