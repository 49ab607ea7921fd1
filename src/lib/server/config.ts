import path from 'node:path';

/** Everything the server reads from the environment, validated once at start. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	dbFile: string;
	filesDir: string;
	migrationsDir: string;
	/** Public origin (scheme://host[:port]); its scheme decides whether cookies are `Secure`. */
	origin: string | null;
	maxUploadBytes: number;
	session: { idleMs: number; absoluteMs: number; checkSocketsMs: number };
	shutdownGraceMs: number;
}

const HOUR = 60 * 60 * 1000;

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], min = 0, max = Number.MAX_SAFE_INTEGER): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
		return fallback;
	}
	return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const problems: string[] = [];
	const port = readInt(env, 'PORT', 3000, problems, 0, 65535);
	const maxUploadMb = readInt(env, 'MAX_UPLOAD_MB', 50, problems, 1, 4096);
	const idleHours = readInt(env, 'SESSION_IDLE_HOURS', 12, problems, 1, 24 * 30);
	const absoluteDays = readInt(env, 'SESSION_MAX_DAYS', 14, problems, 1, 365);
	const shutdownGraceMs = readInt(env, 'SHUTDOWN_GRACE_MS', 10_000, problems, 0, 120_000);
	const checkSocketsSeconds = readInt(env, 'SESSION_CHECK_SECONDS', 30, problems, 1, 3600);

	let origin: string | null = null;
	if (env.ORIGIN) {
		try {
			const url = new URL(env.ORIGIN);
			if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
			origin = url.origin;
		} catch {
			problems.push(`ORIGIN must be an http(s) origin such as https://quorum.example.gov.vn (got "${env.ORIGIN}")`);
		}
	}

	if (problems.length > 0) {
		throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
	}

	const dataDir = path.resolve(env.DATA_DIR || './data');
	return {
		port,
		host: env.HOST || '0.0.0.0',
		dataDir,
		dbFile: path.join(dataDir, 'quorum.db'),
		filesDir: path.join(dataDir, 'files'),
		migrationsDir: path.resolve(env.QUORUM_MIGRATIONS_DIR || 'drizzle'),
		origin,
		maxUploadBytes: maxUploadMb * 1024 * 1024,
		session: { idleMs: idleHours * HOUR, absoluteMs: absoluteDays * 24 * HOUR, checkSocketsMs: checkSocketsSeconds * 1000 },
		shutdownGraceMs
	};
}

let cached: Config | undefined;

/** The process-wide configuration (read on first use). */
export function config(): Config {
	cached ??= loadConfig();
	return cached;
}
