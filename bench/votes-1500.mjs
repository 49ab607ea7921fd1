// 1,500 delegates (the size of the largest party conventions) cast their ballots within five seconds.
import { runVoteScenario } from './support/votes-scenario.mjs';

export const name = 'votes-1500';
export const target = '1,500 recorded, 0 lost, 0 doubled; p95 from ballot request to every client seeing the new count < 250 ms';

export function run() {
	return runVoteScenario({ delegates: 1_500, windowMs: 5_000, p95TargetMs: 250 });
}
