import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The database or a transaction on it: what service functions take, so callers can compose them. */
export type Queryable = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

interface Handle {
	db: Db;
	file: string;
}

// The production entry (server/) and SvelteKit's handler are bundled separately and each carry a copy of
// this module; keeping the handle on globalThis gives them one connection, one writer, one migration run.
const KEY = Symbol.for('quorum.db');
type Holder = { [KEY]?: Handle };
const holder = globalThis as Holder;

export function openDatabase(file: string, migrationsDir: string): Db {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	// better-sqlite3 defaults WAL databases to NORMAL, which can lose the last commits on power loss.
	// Ballots and archive records must survive that, and our write rate is low enough to afford FULL.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	// Deleted and moved row content is overwritten with zeros instead of lingering in free space: a secret ballot's
	// bytes must not outlive their rows in a place where their neighbours could hint at the order of voting.
	sqlite.pragma('secure_delete = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema }) as Db;
	migrate(db, { migrationsFolder: migrationsDir });
	return db;
}

/** The process-wide database, opened and migrated on first use. */
export function getDb(): Db {
	const existing = holder[KEY];
	if (existing) return existing.db;
	const cfg = config();
	const db = openDatabase(cfg.dbFile, cfg.migrationsDir);
	holder[KEY] = { db, file: cfg.dbFile };
	return db;
}

export function closeDb(): void {
	const existing = holder[KEY];
	if (!existing) return;
	delete holder[KEY];
	existing.db.$client.close();
}
