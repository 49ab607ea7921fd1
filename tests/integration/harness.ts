import { afterAll } from 'vitest';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'quorum-demo';

export interface TestServer {
	url: string;
	dataDir: string;
	process: ChildProcess;
	output: () => string;
	/** Sends a signal and waits for the process to exit; returns its exit code. */
	stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface StartOptions {
	dataDir?: string;
	seed?: boolean;
	env?: Record<string, string>;
}

const created: string[] = [];
/** The logs of every server this test file started, and the secrets its clients sent: no log may hold one. */
const serverLogs: Array<() => string> = [];
const sentSecrets = new Set<string>([DEMO_PASSWORD]);
const SECRET_FIELD = /password|token/i;

/**
 * OWASP Logging Cheat Sheet, data to exclude: no password, session token or ballot choice may reach a log line.
 * Every integration test file checks the logs of the servers it ran, so the whole suite is scanned.
 */
export function leakedSecrets(text: string): string[] {
	return text.split('\n').filter((line) => {
		if (/quorum_session=|"choices?":(?!"\[redacted\]")/.test(line)) return true;
		for (const secret of sentSecrets) if (line.includes(secret)) return true;
		return false;
	});
}

// Registered while the importing test file is collected: its data directories go when its tests are done.
afterAll(() => {
	for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
	const leaks = serverLogs.splice(0).flatMap((output) => leakedSecrets(output()));
	if (leaks.length > 0) throw new Error(`server logs hold secrets (password, session token or ballot choice):\n${leaks.slice(0, 5).join('\n')}`);
});

function rememberSecrets(value: unknown): void {
	if (!value || typeof value !== 'object') return;
	for (const [key, v] of Object.entries(value)) {
		if (typeof v === 'string' && SECRET_FIELD.test(key) && v.length >= 6) sentSecrets.add(v);
		else if (typeof v === 'object') rememberSecrets(v);
	}
}

export function tempDataDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-test-'));
	created.push(dir);
	return dir;
}

/** Seeds the demo data the way `npm run seed:demo` does. */
export async function seedDemo(dataDir: string): Promise<void> {
	await run(process.execPath, ['build/seed-demo.js'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DEMO_PASSWORD } });
}

/** Starts the production server (build/server.js) on a free loopback port with its own DATA_DIR. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
	const dataDir = options.dataDir ?? tempDataDir();
	if (options.seed) await seedDemo(dataDir);
	const { ORIGIN: _origin, ...inherited } = process.env;
	const child = spawn(process.execPath, ['build/server.js'], {
		cwd: ROOT,
		env: { ...inherited, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SHUTDOWN_GRACE_MS: '2000', ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	serverLogs.push(() => log);
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${log}`)), 20_000);
		const onData = () => {
			const match = /listening on (https?:\/\/\S+)/.exec(log);
			if (match) {
				clearTimeout(timer);
				child.stdout!.off('data', onData);
				resolve(match[1]!.replace('localhost', '127.0.0.1'));
			}
		};
		child.stdout!.on('data', onData);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${log}`));
		});
	});

	return {
		url,
		dataDir,
		process: child,
		output: () => log,
		stop: async (signal = 'SIGTERM') => {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			return exited;
		}
	};
}

export interface ApiResponse<T = unknown> {
	status: number;
	headers: Headers;
	body: T;
}

/** A cookie-carrying API client, like a browser tab. */
export class ApiClient {
	/** The session cookie as `quorum_session=<token>` ('' when signed out): tests copy and inspect it. */
	cookie = '';
	/** Every other cookie the server set (the device cookie, the locale), sent back like a browser would. */
	readonly jar = new Map<string, string>();
	constructor(
		readonly baseUrl: string,
		readonly language = 'en',
		/** Sent with every request: `x-forwarded-for` stands for the client's address when the server trusts it. */
		readonly headers: Record<string, string> = {}
	) {}

	async request<T = any>(method: string, pathname: string, body?: unknown, init: { raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
		const headers: Record<string, string> = { 'accept-language': this.language, ...this.headers, ...init.headers };
		const cookies = [this.cookie, ...[...this.jar].map(([name, value]) => `${name}=${value}`)].filter(Boolean);
		if (cookies.length > 0) headers.cookie = cookies.join('; ');
		let payload: string | undefined;
		if (init.raw !== undefined) payload = init.raw;
		else if (body !== undefined) {
			rememberSecrets(body);
			payload = JSON.stringify(body);
			headers['content-type'] ??= 'application/json';
		}
		const res = await fetch(this.baseUrl + pathname, { method, headers, body: payload, redirect: 'manual' });
		for (const setCookie of res.headers.getSetCookie()) this.#store(setCookie);
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : null;
		} catch {
			/* not JSON: keep the text */
		}
		return { status: res.status, headers: res.headers, body: parsed as T };
	}

	#store(setCookie: string): void {
		const pair = setCookie.split(';')[0]!;
		const name = pair.slice(0, pair.indexOf('='));
		const cleared = pair.endsWith('=') || /;\s*max-age=0/i.test(setCookie);
		if (name === 'quorum_session' && !cleared) sentSecrets.add(pair.slice(name.length + 1));
		if (name === 'quorum_session') this.cookie = cleared ? '' : pair;
		else if (cleared) this.jar.delete(name);
		else this.jar.set(name, pair.slice(name.length + 1));
	}

	async login(username: string, password = DEMO_PASSWORD): Promise<ApiResponse> {
		const res = await this.request('POST', '/api/v1/session', { username, password });
		if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
		return res;
	}
}

export async function loggedIn(baseUrl: string, username: string): Promise<ApiClient> {
	const client = new ApiClient(baseUrl);
	await client.login(username);
	return client;
}

/** The upcoming demo meeting (the demo also holds a past, archived one). */
export const DEMO_MEETING_PREFIX = 'Phiên họp thường kỳ tháng 12';

/** The seeded demo meeting's id, looked up the way a client would: through the chair's list. */
export async function demoMeetingId(baseUrl: string): Promise<string> {
	const chair = await loggedIn(baseUrl, 'chair');
	const res = await chair.request<{ meetings: { id: string; title: string }[] }>('GET', '/api/v1/meetings');
	const meeting = res.body.meetings.find((m) => m.title.startsWith(DEMO_MEETING_PREFIX));
	if (!meeting) throw new Error(`demo meeting not found: ${res.status} ${JSON.stringify(res.body)}`);
	return meeting.id;
}

/** username → user id, read by a staff client from GET /api/v1/users. */
export async function userIds(staff: ApiClient): Promise<Map<string, string>> {
	const res = await staff.request<{ users: { id: string; username: string }[] }>('GET', '/api/v1/users');
	if (res.status !== 200) throw new Error(`list users failed: ${res.status} ${JSON.stringify(res.body)}`);
	return new Map(res.body.users.map((u) => [u.username, u.id]));
}
