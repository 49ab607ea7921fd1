// Shared by the benchmarks: a real production server (build/server.js) on a loopback port with its own seeded
// DATA_DIR, plus direct database access for bulk fixtures that would take minutes through the API.
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function tempDataDir() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-'));
}

export function seedDemo(dataDir) {
	execFileSync(process.execPath, ['build/seed-demo.js'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: 'ignore' });
}

export function openDb(dataDir) {
	const db = new Database(path.join(dataDir, 'quorum.db'));
	db.pragma('journal_mode = WAL');
	return db;
}

const base32 = (bytes) => {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += alphabet[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
	return out;
};
export const newId = () => base32(randomBytes(10));

/** A session row for `userId`, as sign-in would create; returns the cookie header value. */
export function insertSession(db, userId) {
	const token = base32(randomBytes(20));
	const now = Date.now();
	db.prepare('insert into sessions (id, user_id, created_at, expires_at, absolute_expires_at) values (?, ?, ?, ?, ?)').run(
		createHash('sha256').update(token).digest('hex'),
		userId,
		now,
		now + 12 * 3600_000,
		now + 24 * 3600_000
	);
	return `quorum_session=${token}`;
}

/** Inserts `count` members (password unusable: they only ever hold bench sessions). */
export function insertMembers(db, count, prefix = 'bench') {
	const insert = db.prepare("insert into users (id, username, display_name, role, password_hash, active, created_at, updated_at) values (?, ?, ?, 'member', 'x', 1, ?, ?)");
	const ids = [];
	db.transaction(() => {
		for (let i = 0; i < count; i++) {
			const id = newId();
			insert.run(id, `${prefix}${i}`, `Đại biểu ${i}`, Date.now(), Date.now());
			ids.push(id);
		}
	})();
	return ids;
}

export function insertMeeting(db, participantIds, title = 'Phiên họp đo tải') {
	const creator = db.prepare("select id from users where username = 'secretary'").get().id;
	const id = newId();
	const now = Date.now();
	db.prepare("insert into meetings (id, title, body, description, location, starts_at, status, created_by, created_at, updated_at) values (?, ?, '', '', '', ?, 'in_progress', ?, ?, ?)").run(id, title, now, creator, now, now);
	const participant = db.prepare("insert into meeting_participants (meeting_id, user_id, role, can_vote, created_at) values (?, ?, 'delegate', 1, ?)");
	for (const userId of participantIds) participant.run(id, userId, now);
	const itemId = newId();
	db.prepare("insert into agenda_items (id, meeting_id, parent_id, position, title, description, presenter, created_at, updated_at) values (?, ?, null, 0, 'Nội dung 1', '', '', ?, ?)").run(itemId, id, now, now);
	return { id, itemId, creator };
}

export function insertDocument(db, meeting) {
	const id = newId();
	db.prepare("insert into documents (id, meeting_id, agenda_item_id, series_id, version, position, title, filename, sha256, size_bytes, pages, uploaded_by, created_at) values (?, ?, ?, ?, 1, 0, 'Tài liệu', 'tai-lieu.pdf', ?, 1, 10, ?, ?)").run(
		id,
		meeting.id,
		meeting.itemId,
		id,
		'0'.repeat(64),
		meeting.creator,
		Date.now()
	);
	return id;
}

/** Starts build/server.js (with `nodeArgs` for node itself, e.g. --cpu-prof); resolves with its URL, pid and a stop function. */
export async function startServer(dataDir, env = {}, nodeArgs = []) {
	// BENCH_CPU_PROF=<dir>: every server writes a V8 CPU profile there when it stops (bench/support/profile-summary.mjs
	// reads it as text; Chrome's DevTools draws it as a flame graph).
	const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF, 'quorum')}`] : [];
	const child = spawn(process.execPath, [...profile, ...nodeArgs, 'build/server.js'], {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	// The server writes an access line per request: keep a bounded tail of its output (for a failed start or a
	// crash) and stop looking for the start line once seen, so the load generator in this process does not spend
	// its CPU on the server's logs.
	let log = '';
	const keep = (d) => {
		log += d;
		if (log.length > 64_000) log = log.slice(-32_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20_000);
		const onExit = (code) => reject(new Error(`server exited ${code}:\n${log}`));
		const onData = () => {
			const m = /listening on (http:\/\/\S+)/.exec(log);
			if (!m) return;
			clearTimeout(timer);
			child.stdout.off('data', onData);
			child.off('exit', onExit);
			resolve(m[1].replace('localhost', '127.0.0.1'));
		};
		child.stdout.on('data', onData);
		child.once('exit', onExit);
	});
	return {
		url,
		pid: child.pid,
		log: () => log,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', resolve);
				child.kill('SIGTERM');
			})
	};
}

/** Resident memory of a process in bytes (Linux). */
export function rssBytes(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

export function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)];
}

export const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
