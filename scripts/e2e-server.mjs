// The server the end-to-end tests drive: the production bundle on a fresh, seeded DATA_DIR.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const dataDir = process.env.DATA_DIR ?? 'test-results/e2e-data';
fs.rmSync(dataDir, { recursive: true, force: true });
const env = { ...process.env, DATA_DIR: dataDir };
delete env.ORIGIN;
const seeded = spawnSync(process.execPath, ['build/seed-demo.js'], { stdio: 'inherit', env });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
const server = spawn(process.execPath, ['build/server.js'], { stdio: 'inherit', env });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
