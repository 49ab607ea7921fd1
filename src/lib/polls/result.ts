import { legalBasisFor, type BodyType, type Wording } from '../votes/bodies';
import { thresholdMet, type Base, type MajorityRule } from '../votes/majority';
import { resultReason } from '../votes/reason';

/**
 * The result of a written opinion poll, decided by the motion rules (src/lib/votes/): "agree" counts as a vote in
 * favour, "disagree" against, "other opinion" as neither (like an abstention), and a member who never answered
 * counts like an absent member, so under the Law on Local Government's "more than half of all members" silence
 * weighs against. Pure: no database, no clock; shared by the server (which decides once, at close) and the screens.
 */

export const POLL_CHOICE_KEYS = ['agree', 'disagree', 'other'] as const;
export type PollChoiceKey = (typeof POLL_CHOICE_KEYS)[number];

export interface PollCounts {
	agree: number;
	disagree: number;
	other: number;
}

export interface PollResult {
	counts: PollCounts;
	passed: boolean;
	majority: MajorityRule;
	/** What the agreeing answers were counted against, and that number. */
	base: { of: Base; count: number };
	memberCount: number;
	answeredCount: number;
	bodyType: BodyType;
	/** The sentence the screens and the summary PDF print, in both languages. */
	reason: Wording;
}

/** Counts the answers; a choice outside the three is a broken row, not an answer. */
export function tallyPoll(choices: Iterable<string>): PollCounts {
	const counts: PollCounts = { agree: 0, disagree: 0, other: 0 };
	for (const c of choices) {
		if (!(POLL_CHOICE_KEYS as readonly string[]).includes(c)) throw new Error(`poll answer holds an unknown choice "${c}"`);
		counts[c as PollChoiceKey] += 1;
	}
	return counts;
}

/**
 * The number the rule's base stands for in a poll: those who answered stand for "present" and for "ballots"
 * (nobody is checked in; an answer is the poll's attendance), every member of the electorate for "members".
 */
export function pollBase(of: Base, counts: PollCounts, answeredCount: number, memberCount: number): number {
	switch (of) {
		case 'yes_no':
			return counts.agree + counts.disagree;
		case 'ballots':
		case 'present':
			return answeredCount;
		case 'members':
			return memberCount;
	}
}

export interface DecidePollInput {
	rule: MajorityRule;
	bodyType: BodyType;
	counts: PollCounts;
	memberCount: number;
}

/**
 * Whether the poll's proposal carried. A poll has no session, hence no quorum, and no chair's vote to break a tie
 * (the rule is refused with a tie-break when the poll is created), so the threshold alone decides.
 */
export function decidePoll({ rule, bodyType, counts, memberCount }: DecidePollInput): PollResult {
	const answeredCount = counts.agree + counts.disagree + counts.other;
	if (answeredCount > memberCount) throw new Error('more answers than members');
	const base = pollBase(rule.of, counts, answeredCount, memberCount);
	const met = thresholdMet(rule.threshold, counts.agree, base);
	const reason = resultReason({
		bodyType,
		rule,
		yes: counts.agree,
		no: counts.disagree,
		base,
		met,
		tie: null,
		legalBasis: legalBasisFor(bodyType, rule),
		quorum: { met: true, present: answeredCount, required: 0 }
	});
	return { counts, passed: met, majority: rule, base: { of: rule.of, count: base }, memberCount, answeredCount, bodyType, reason };
}

/** Whether a poll still open by its row must close now: its deadline passed, or every member answered for good. */
export function pollIsDue(poll: { state: 'open' | 'closed'; deadline: Date }, finalCount: number, memberCount: number, now: Date): 'deadline' | 'all_answered' | null {
	if (poll.state !== 'open') return null;
	if (now.getTime() >= poll.deadline.getTime()) return 'deadline';
	if (memberCount > 0 && finalCount >= memberCount) return 'all_answered';
	return null;
}
