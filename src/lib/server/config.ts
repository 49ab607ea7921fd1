import fs from 'node:fs';
import { isIP } from 'node:net';
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
	/** COLLAB_COMMIT_WINDOW_MS: how long rooms' updates wait to share one commit; 0 = the rest of the event-loop turn. */
	collabCommitWindowMs: number;
	/** HTTPS and WSS on `port` when both PEM files are given (TLS_CERT, TLS_KEY); null serves plain HTTP. */
	tls: TlsConfig | null;
	/** The server's own backups (BACKUP_DIR): one at start, then every `everyMs`, keeping the newest `keep`. */
	backup: { dir: string; everyMs: number; keep: number } | null;
	/** Addresses and CIDR ranges allowed to read /metrics (METRICS_ALLOW; default loopback only). */
	metricsAllow: string[];
	/** /readyz answers 503 when the data folder's disk has less free space than this (MIN_FREE_MB). */
	minFreeBytes: number;
	/** E-mail of notices and calendar invitations (SMTP_URL, SMTP_FROM); null: notices stay in the app. */
	smtp: SmtpConfig | null;
}

export interface SmtpConfig {
	/** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; holds the password: never log it. */
	url: string;
	/** What logs may say about the server: host and port, no credentials. */
	host: string;
	port: number;
	/** The sender, `Quorum <quorum@tinh.gov.vn>`; also the ORGANIZER of the invitations. */
	from: { name: string; address: string };
}

export interface TlsConfig {
	certFile: string;
	keyFile: string;
	/** The local CA served at /ca.crt: `ca.crt` beside TLS_CERT when it is there (what `npm run cert:local` writes). */
	caFile: string | null;
	/** A plain-HTTP port that redirects to HTTPS (and serves /ca.crt, so a tablet can fetch it before trusting it). */
	redirectPort: number | null;
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
	const collabCommitWindowMs = readInt(env, 'COLLAB_COMMIT_WINDOW_MS', 0, problems, 0, 20);

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

	const tls = readTls(env, problems);
	const backupEveryHours = readInt(env, 'BACKUP_EVERY_HOURS', 24, problems, 1, 24 * 30);
	const backupKeep = readInt(env, 'BACKUP_KEEP', 7, problems, 1, 1000);
	const minFreeMb = readInt(env, 'MIN_FREE_MB', 200, problems, 0, 1024 * 1024);
	const metricsAllow = readAllowList(env.METRICS_ALLOW ?? '127.0.0.1,::1', problems);
	const smtp = readSmtp(env, problems);

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
		shutdownGraceMs,
		collabCommitWindowMs,
		tls,
		metricsAllow,
		minFreeBytes: minFreeMb * 1024 * 1024,
		smtp,
		backup: env.BACKUP_DIR ? { dir: path.resolve(env.BACKUP_DIR), everyMs: backupEveryHours * HOUR, keep: backupKeep } : null
	};
}

/** Comma-separated addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`); an empty value allows nobody. */
function readAllowList(raw: string, problems: string[]): string[] {
	const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
	for (const entry of entries) {
		const [address, bits, extra] = entry.split('/');
		const family = isIP(address ?? '');
		const max = family === 6 ? 128 : 32;
		const prefixOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
		if (!family || !prefixOk || extra !== undefined) problems.push(`METRICS_ALLOW: "${entry}" is not an IP address or CIDR range`);
	}
	return entries;
}

function readTls(env: NodeJS.ProcessEnv, problems: string[]): TlsConfig | null {
	const redirect = env.HTTP_REDIRECT_PORT ? readInt(env, 'HTTP_REDIRECT_PORT', 0, problems, 0, 65535) : null;
	if (!env.TLS_CERT && !env.TLS_KEY) {
		if (redirect !== null) problems.push('HTTP_REDIRECT_PORT needs TLS_CERT and TLS_KEY (it redirects to HTTPS)');
		return null;
	}
	if (!env.TLS_CERT || !env.TLS_KEY) {
		problems.push('TLS_CERT and TLS_KEY go together: give both PEM files, or neither for plain HTTP');
		return null;
	}
	const certFile = path.resolve(env.TLS_CERT);
	const keyFile = path.resolve(env.TLS_KEY);
	for (const [name, file] of [['TLS_CERT', certFile], ['TLS_KEY', keyFile]] as const) {
		try {
			fs.accessSync(file, fs.constants.R_OK);
		} catch {
			problems.push(`${name} names a file that cannot be read: ${file}`);
		}
	}
	const ca = path.join(path.dirname(certFile), 'ca.crt');
	return { certFile, keyFile, caFile: fs.existsSync(ca) ? ca : null, redirectPort: redirect };
}

// A plain address check: enough to refuse a typo at start; the SMTP server has the last word.
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/**
 * SMTP_URL and SMTP_FROM. A problem names the variable, never the URL itself: it carries the password (OWASP
 * Logging Cheat Sheet, data to exclude), and these messages go to the console.
 */
function readSmtp(env: NodeJS.ProcessEnv, problems: string[]): SmtpConfig | null {
	if (!env.SMTP_URL) {
		if (env.SMTP_FROM) problems.push('SMTP_FROM needs SMTP_URL (the server that sends the mail)');
		return null;
	}
	let url: URL;
	try {
		url = new URL(env.SMTP_URL);
	} catch {
		problems.push('SMTP_URL must be a URL such as smtp://user:password@mail.example.gov.vn:587');
		return null;
	}
	if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
		problems.push(`SMTP_URL must start with smtp:// or smtps:// and name a host (got a "${url.protocol.replace(/:$/, '')}" URL)`);
		return null;
	}
	const secure = url.protocol === 'smtps:';
	const port = url.port ? Number(url.port) : secure ? 465 : 587;
	const from = readFrom(env.SMTP_FROM, url.hostname, problems);
	return from ? { url: env.SMTP_URL, host: url.hostname, port, from } : null;
}

/** `Name <address>` or a bare address; the default is `Quorum <quorum@<SMTP host>>`. */
function readFrom(raw: string | undefined, smtpHost: string, problems: string[]): SmtpConfig['from'] | null {
	if (!raw) return { name: 'Quorum', address: `quorum@${smtpHost}` };
	const named = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(raw);
	const name = named ? named[1]!.trim() : '';
	const address = (named ? named[2]! : raw).trim();
	if (!ADDRESS.test(address)) {
		problems.push(`SMTP_FROM must be an e-mail address, optionally with a name: "Quorum <quorum@example.gov.vn>" (got "${raw}")`);
		return null;
	}
	return { name: name || 'Quorum', address };
}

let cached: Config | undefined;

/** The process-wide configuration (read on first use). */
export function config(): Config {
	cached ??= loadConfig();
	return cached;
}
