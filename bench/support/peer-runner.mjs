// Runs the collab benchmarks' clients in child processes (writers-child.mjs) and measures a server's CPU beside
// them: the load generator must not be what limits the figures, so each child's share of a core is reported too.
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './server.mjs';

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat (10 ms ticks). */
export function cpuMs(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function forkClients(count) {
	return Array.from({ length: count }, () => fork(new URL('./writers-child.mjs', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

/** The next message of `type` from a child. */
export function next(child, type) {
	return new Promise((resolve, reject) => {
		const onMessage = (m) => {
			if (m.type !== type) return;
			child.off('message', onMessage);
			child.off('exit', onExit);
			resolve(m);
		};
		const onExit = (code) => reject(new Error(`client process exited ${code} before '${type}'`));
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}

export async function closeClients(children) {
	await Promise.all(
		children.map(
			(c) =>
				new Promise((resolve) => {
					if (c.exitCode !== null) return resolve();
					c.once('exit', resolve);
					c.send({ type: 'close' });
				})
		)
	);
}

async function freePort() {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/** The bare y-websocket 1.5.4 server (in memory, no auth, no persistence), as `npx y-websocket` starts it. */
export async function startReferenceServer(profileDir = null) {
	const port = await freePort();
	const child = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), path.join(ROOT, 'bench/support/reference-server.cjs')], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`y-websocket did not start:\n${log}`)), 10_000);
		child.stdout.on('data', () => {
			if (log.includes('running at')) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => reject(new Error(`y-websocket exited ${code}:\n${log}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		pid: child.pid,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', resolve);
				child.kill('SIGTERM');
			})
	};
}
