import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMark, listMarks, type NewMark } from '../../src/lib/collab/annotations';
import { connectPeer, eventually, insertDocumentRow, synced, type Peer } from './collab-client';
import { ApiClient, seedDemo, startServer, tempDataDir, type TestServer } from './harness';
import { insertVoteFixture, type VoteFixture } from './votes-fixtures';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const BALLOTS = 50;
const UPDATES = 1_000;

let server: TestServer;
let fx: VoteFixture;
let documentId: string;
const peers: Peer[] = [];

const clientOf = (cookie: string) => {
	const c = new ApiClient(server.url);
	c.cookie = cookie;
	return c;
};
const chair = () => clientOf(fx.people.get('v-chair')!.cookie);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function newMotion(ballot: 'open' | 'secret'): Promise<string> {
	const res = await chair().request<{ id: string }>('POST', `/api/v1/meetings/${fx.meetingId}/motions`, {
		agendaItemId: fx.itemId,
		title: ballot === 'secret' ? 'Bầu Trưởng ban' : 'Thông qua Nghị quyết',
		ballot,
		majority: 'simple'
	});
	expect(res.status).toBe(201);
	expect((await chair().request('POST', `/api/v1/motions/${res.body.id}/open`)).status).toBe(200);
	return res.body.id;
}

/** `npm run backup` as an operator runs it (the bundled script), in its own process beside the server. */
function backupProcess(file: string) {
	const child = spawn(process.execPath, ['build/backup.js', file], { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	return { output: () => out, exited };
}

async function restore(file: string, dataDir: string) {
	return run(process.execPath, ['build/restore.js', file], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
}

beforeAll(async () => {
	const dataDir = tempDataDir();
	await seedDemo(dataDir);
	fx = insertVoteFixture(dataDir, BALLOTS);
	documentId = insertDocumentRow(dataDir, fx.meetingId);
	server = await startServer({ dataDir });
}, 60_000);

afterAll(async () => {
	for (const p of peers.splice(0)) p.destroy();
	await server?.stop();
});

describe('backup and restore (npm run backup / restore)', () => {
	it('a backup taken while 50 ballots and 1,000 annotation updates are written holds every write acknowledged before it began, and restores to a verifiable archive', async () => {
		const motionId = await newMotion('open');
		const room = `document:${documentId}:shared`;
		const writer = connectPeer(server.url, room, fx.delegates[0]!.cookie);
		const watcher = connectPeer(server.url, room, fx.delegates[1]!.cookie);
		peers.push(writer, watcher);
		await Promise.all([synced(writer), synced(watcher)]);

		// A mark is acknowledged when another tablet has it: the server relays an update only after its commit.
		const seenAt = new Map<string, number>();
		const observe = () => {
			for (const m of listMarks(watcher.doc)) if (!seenAt.has(m.id)) seenAt.set(m.id, Date.now());
		};
		watcher.doc.on('update', observe);
		const author = { id: fx.delegates[0]!.id, displayName: 'Đại biểu v-d0' };
		const ink: NewMark = { kind: 'ink', page: 1, color: '#f28b82', points: [10, 10, 40, 40], pressures: null, width: 2 };
		const annotating = (async () => {
			for (let i = 0; i < UPDATES; i++) {
				addMark(writer.doc, author, { ...ink, points: [i, i, i + 5, i + 5] });
				if (i % 10 === 9) await sleep(15);
			}
		})();
		const ackedAt = new Map<string, number>();
		const voting = Promise.all(
			fx.delegates.map(async (d, i) => {
				await sleep(i * 40);
				const res = await clientOf(d.cookie).request('POST', `/api/v1/motions/${motionId}/ballots`, { choice: i % 2 ? 'yes' : 'no' });
				expect(res.status).toBe(201);
				ackedAt.set(d.id, Date.now());
			})
		);

		await sleep(700);
		const file = path.join(tempDataDir(), 'quorum.tar.gz');
		const startedAt = Date.now();
		const backup = backupProcess(file);
		expect(await backup.exited).toBe(0);
		const finishedAt = Date.now();
		await Promise.all([annotating, voting]);
		await eventually(() => seenAt.size === UPDATES, 20_000, 'every mark relayed');
		// The writes really went on around the backup, not only before it.
		expect([...ackedAt.values()].some((t) => t > finishedAt) || [...seenAt.values()].some((t) => t > startedAt)).toBe(true);
		expect(fs.statSync(file).mode & 0o077).toBe(0);

		const restoredDir = path.join(tempDataDir(), 'restored');
		const { stdout } = await restore(file, restoredDir);
		expect(stdout).toMatch(/every SHA-256 checked, database integrity ok/);
		const db = new Database(path.join(restoredDir, 'quorum.db'), { readonly: true });
		try {
			const voters = new Set((db.prepare('select voter_id from open_ballots where motion_id = ?').all(motionId) as { voter_id: string }[]).map((r) => r.voter_id));
			const ackedBefore = [...ackedAt].filter(([, t]) => t < startedAt).map(([id]) => id);
			expect(ackedBefore.length).toBeGreaterThan(0);
			for (const id of ackedBefore) expect(voters.has(id)).toBe(true);

			const rows = db.prepare('select "update" from collab_updates where room = ? order by id').all(room) as { update: Buffer }[];
			const doc = new Y.Doc();
			for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.update));
			const restoredMarks = new Set(listMarks(doc).map((m) => m.id));
			const seenBefore = [...seenAt].filter(([, t]) => t < startedAt).map(([id]) => id);
			expect(seenBefore.length).toBeGreaterThan(0);
			for (const id of seenBefore) expect(restoredMarks.has(id)).toBe(true);
		} finally {
			db.close();
		}
		const verify = await run(process.execPath, ['build/archive-verify.js'], { cwd: ROOT, env: { ...process.env, DATA_DIR: restoredDir } });
		expect(verify.stdout).toMatch(/Archive chain holds: [1-9]\d* record/);
		expect(verify.stdout).toMatch(/PDF signatures hold/);

		// And the restored folder runs: the server starts on it and the vote is there.
		const again = await startServer({ dataDir: restoredDir });
		try {
			const res = await new ApiClient(again.url).request('GET', '/healthz');
			expect(res.status).toBe(200);
		} finally {
			await again.stop();
		}
		await chair().request('POST', `/api/v1/motions/${motionId}/close`);
	}, 120_000);

	it('waits while a secret vote is open, says so, and writes once it is closed', async () => {
		const motionId = await newMotion('secret');
		const file = path.join(tempDataDir(), 'while-secret.tar.gz');
		const backup = backupProcess(file);
		await eventually(() => /A secret vote is open \(Bầu Trưởng ban\)/.test(backup.output()), 10_000, 'the wait announced');
		await sleep(500);
		expect(fs.existsSync(file)).toBe(false);
		expect((await chair().request('POST', `/api/v1/motions/${motionId}/close`)).status).toBe(200);
		expect(await backup.exited).toBe(0);
		expect(fs.existsSync(file)).toBe(true);
	}, 60_000);

	it('refuses a non-empty DATA_DIR and a damaged archive, leaving nothing behind', async () => {
		const file = path.join(tempDataDir(), 'good.tar.gz');
		expect(await backupProcess(file).exited).toBe(0);

		const busy = tempDataDir();
		fs.writeFileSync(path.join(busy, 'quorum.db'), 'something');
		await expect(restore(file, busy)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/is not empty/) });
		expect(fs.readFileSync(path.join(busy, 'quorum.db'), 'utf8')).toBe('something');

		// One byte changed inside the compressed stream: gzip's CRC or the manifest's SHA-256 catches it.
		const bytes = fs.readFileSync(file);
		const middle = Math.floor(bytes.length / 2);
		bytes[middle] = bytes[middle]! ^ 0xff;
		const damaged = path.join(tempDataDir(), 'damaged.tar.gz');
		fs.writeFileSync(damaged, bytes);
		const target = path.join(tempDataDir(), 'target');
		await expect(restore(damaged, target)).rejects.toMatchObject({ code: 2 });
		expect(fs.existsSync(target)).toBe(false);
		expect(fs.readdirSync(path.dirname(target)).filter((n) => n.includes('.restore-'))).toEqual([]);
	}, 60_000);

	it('BACKUP_DIR: the server backs itself up at start and keeps the newest BACKUP_KEEP', async () => {
		const dir = tempDataDir();
		for (const stamp of ['20260101T000000Z', '20260102T000000Z', '20260103T000000Z']) fs.writeFileSync(path.join(dir, `quorum-${stamp}.tar.gz`), 'old');
		fs.writeFileSync(path.join(dir, 'quorum-20260104T000000Z.tar.gz.0123456789ab.partial'), 'interrupted');
		fs.writeFileSync(path.join(dir, 'notes.txt'), 'the operator’s own file');
		const own = await startServer({ seed: true, env: { BACKUP_DIR: dir, BACKUP_KEEP: '2' } });
		try {
			await eventually(() => /\[backup\] removed \d+ older backup/.test(own.output()), 20_000, 'a scheduled backup');
		} finally {
			await own.stop();
		}
		const names = fs.readdirSync(dir).sort();
		expect(names).toHaveLength(3);
		expect(names).toContain('notes.txt');
		expect(names).toContain('quorum-20260103T000000Z.tar.gz');
		const fresh = names.find((n) => n.startsWith('quorum-2026') && n !== 'quorum-20260103T000000Z.tar.gz')!;
		const restored = path.join(tempDataDir(), 'from-scheduled');
		await restore(path.join(dir, fresh), restored);
		expect(fs.existsSync(path.join(restored, 'quorum.db'))).toBe(true);
	}, 60_000);
});
