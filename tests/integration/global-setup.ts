import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Integration tests run the real production bundle; build it once if `npm test` has not already. */
export default function setup(): void {
	if (!fs.existsSync('build/server.js') || !fs.existsSync('build/handler.js')) {
		execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
	}
}
