import type { MotionResultLive } from '$lib/collab/live-state';
import { m } from '$lib/paraglide/messages';
import { majorityLabel, resultReasonText } from '$lib/components/voting/labels';

/** How a stored result reads on the console and the hall display, in one place. */
export function ruleText(majority: MotionResultLive['majority'], maxChoices: number): string {
	return majority ? m.result_rule({ rule: majorityLabel(majority) }) : m.result_rule_choice({ max: maxChoices });
}

/** "Passed" / "Not passed", or null for a choice (an election), whose ranking is the result. */
export function verdictText(result: MotionResultLive): string | null {
	if (result.passed === null) return null;
	return result.passed ? m.vote_result_passed() : m.vote_result_not_passed();
}

/**
 * The sentence stored with the verdict (rule, base, numbers, legal basis) in the page's language; results stored
 * before migration 0009 have none.
 */
export function reasonText(result: MotionResultLive): string | null {
	return result.passed === null ? null : resultReasonText(result);
}

export function turnoutText(result: MotionResultLive): string {
	return m.result_turnout({
		voted: result.votedCount,
		eligible: result.eligibleCount,
		present: result.presentCount,
		members: result.memberCount,
		quorum: result.quorum
	});
}
