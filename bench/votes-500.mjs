// 500 delegates connected to one live room cast their ballots within one second (docs/benchmarks.md, targets).
import { runVoteScenario } from './support/votes-scenario.mjs';

export const name = 'votes-500';
export const target = '500 recorded, 0 lost, 0 doubled; p95 from ballot request to every client seeing the new count < 100 ms';

export function run() {
	return runVoteScenario({ delegates: 500, windowMs: 1_000, p95TargetMs: 100 });
}
