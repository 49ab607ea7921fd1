import type { Queryable } from './client';

/**
 * A query built and prepared once per database handle (or transaction), then only run: drizzle would otherwise
 * build its SQL and SQLite prepare it again on every call, about a tenth of a millisecond each, which the access
 * checks behind every request and every collab upgrade pay several times over. Keyed weakly: a transaction's
 * statements go with it.
 */
const statements = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Queryable, name: string, build: (db: Queryable) => T): T {
	let byName = statements.get(db);
	if (!byName) {
		byName = new Map();
		statements.set(db, byName);
	}
	let statement = byName.get(name) as T | undefined;
	if (statement === undefined) {
		statement = build(db);
		byName.set(name, statement);
	}
	return statement;
}
