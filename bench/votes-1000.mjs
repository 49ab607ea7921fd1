// 1,000 delegates connected to one live room cast their ballots within two seconds, each on a new connection.
import { runVoteScenario } from './support/votes-scenario.mjs';

export const name = 'votes-1000';
export const target = '1,000 recorded, 0 lost, 0 doubled; p95 from ballot request to every client seeing the new count < 150 ms';

export function run() {
	return runVoteScenario({ delegates: 1_000, windowMs: 2_000, p95TargetMs: 150 });
}
