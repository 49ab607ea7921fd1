import type { MajorityRule, StoredMotionResult } from '../db/schema';

/**
 * The voting rules (docs/overview.md) as plain functions: no database, no clock. Everything that decides whether a
 * motion passed lives here and is pinned down by tests/unit/votes-rules.test.ts.
 */

export const DEFAULT_OPTIONS = ['yes', 'no', 'abstain'] as const;
const DECISION_OPTIONS: ReadonlySet<string> = new Set(DEFAULT_OPTIONS);

/**
 * A motion is a decision (passed / not passed) when its options are yes and no, with or without abstain. Any other
 * list is a choice among candidates or variants: no majority applies, the ranking is the result.
 */
export function isDecision(options: readonly string[]): boolean {
	return options.includes('yes') && options.includes('no') && options.every((o) => DECISION_OPTIONS.has(o));
}

/** Present voters needed: the meeting's own figure, or more than half of its voting members. */
export function requiredQuorum(memberCount: number, configured: number | null): number {
	return configured ?? Math.floor(memberCount / 2) + 1;
}

export interface PresenceInput {
	/** Participants with voting right (chair or delegate, canVote). */
	memberIds: readonly string[];
	/** Participants checked in, voting or not (a proxy holder need not have a vote of their own). */
	presentIds: ReadonlySet<string>;
	proxies: readonly { principalId: string; holderId: string }[];
	/** Voters who have already voted on the motion in question (empty outside a vote). */
	votedIds?: ReadonlySet<string>;
}

export interface Presence {
	memberCount: number;
	/** Voting members checked in. */
	presentVoters: number;
	/** Absent voting members whose proxy holder is checked in (and who have not voted themselves). */
	represented: number;
	/**
	 * Voters who count as present: checked in, represented, or (during and after a vote) already voted: someone who
	 * voted and then left still cast a valid ballot, so the count of possible ballots never drops below the ballots.
	 */
	presentCount: number;
}

export function presence({ memberIds, presentIds, proxies, votedIds = new Set() }: PresenceInput): Presence {
	const holderOf = new Map(proxies.map((p) => [p.principalId, p.holderId]));
	let presentVoters = 0;
	let represented = 0;
	let presentCount = 0;
	for (const id of memberIds) {
		const here = presentIds.has(id);
		const holder = holderOf.get(id);
		const byProxy = !here && holder !== undefined && presentIds.has(holder);
		if (here) presentVoters++;
		else if (byProxy) represented++;
		if (here || byProxy || votedIds.has(id)) presentCount++;
	}
	return { memberCount: memberIds.length, presentVoters, represented, presentCount };
}

/**
 * Whether the yes votes meet the rule. `eligibleCount` is the number of voters who could vote at close
 * (docs/overview.md: an eligible voter has voting right and is checked in, or is represented by proxy).
 * - simple: more yes than no; a tie is not a majority.
 * - absolute: yes > half of the eligible voters, so abstentions and voters who did not vote count against.
 * - two_thirds: yes ≥ 2/3 of yes+no, in integers (3·yes ≥ 2·(yes+no)) so no rounding decides; with no yes or no
 *   votes at all nothing is carried (0 ≥ 0 would otherwise pass).
 */
export function majorityMet(rule: MajorityRule, yes: number, no: number, eligibleCount: number): boolean {
	switch (rule) {
		case 'simple':
			return yes > no;
		case 'absolute':
			return 2 * yes > eligibleCount;
		case 'two_thirds':
			return yes + no > 0 && 3 * yes >= 2 * (yes + no);
	}
}

/** Counts every option (zero included, in the motion's order) from the ballots' choices. */
export function tally(options: readonly string[], ballots: Iterable<readonly string[]>): Record<string, number> {
	const counts: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
	for (const choices of ballots) {
		for (const c of choices) {
			// A choice outside the options cannot be stored (castBallot checks), so this is a broken row, not a vote.
			if (!(c in counts)) throw new Error(`ballot holds an unknown option "${c}"`);
			counts[c]! += 1;
		}
	}
	return counts;
}

/** Standard competition ranking ("1224"): options with equal votes share a rank; ties keep the motion's order. */
export function ranking(options: readonly string[], counts: Record<string, number>): { option: string; votes: number; rank: number }[] {
	const sorted = options.map((option, index) => ({ option, votes: counts[option] ?? 0, index })).sort((a, b) => b.votes - a.votes || a.index - b.index);
	let rank = 0;
	return sorted.map((entry, i) => {
		if (i === 0 || entry.votes !== sorted[i - 1]!.votes) rank = i + 1;
		return { option: entry.option, votes: entry.votes, rank };
	});
}

export interface DecideInput {
	options: readonly string[];
	majority: MajorityRule | null;
	counts: Record<string, number>;
	votedCount: number;
	presence: Presence;
	/** The meeting's configured quorum (null: default). */
	quorum: number | null;
}

/** The stored result of a closed motion: counts, the rule applied and its outcome. */
export function decide({ options, majority, counts, votedCount, presence: p, quorum }: DecideInput): StoredMotionResult {
	const required = requiredQuorum(p.memberCount, quorum);
	const quorumMet = p.presentCount >= required;
	const base = {
		counts,
		quorumMet,
		quorum: required,
		votedCount,
		eligibleCount: p.presentCount,
		presentCount: p.presentCount,
		memberCount: p.memberCount
	};
	if (!isDecision(options) || majority === null) {
		return { ...base, passed: null, majorityMet: null, majority: null, ranking: ranking(options, counts) };
	}
	const met = majorityMet(majority, counts.yes ?? 0, counts.no ?? 0, p.presentCount);
	return { ...base, passed: met && quorumMet, majorityMet: met, majority, ranking: null };
}

export type ChoiceCheck = { ok: true; choices: string[] } | { ok: false; message: string };

/**
 * Normalises what a voter sent: one option, or a list of up to `maxChoices` distinct options (elections), in the
 * motion's order so equal ballots are stored alike.
 */
export function checkChoices(options: readonly string[], maxChoices: number, choice: string | readonly string[]): ChoiceCheck {
	const picked = typeof choice === 'string' ? [choice] : [...choice];
	if (picked.length === 0) return { ok: false, message: 'choose at least one option' };
	if (picked.length > maxChoices) return { ok: false, message: `at most ${maxChoices} choice(s)` };
	if (new Set(picked).size !== picked.length) return { ok: false, message: 'an option is chosen twice' };
	const unknown = picked.find((c) => !options.includes(c));
	if (unknown !== undefined) return { ok: false, message: `"${unknown}" is not an option of this motion` };
	return { ok: true, choices: options.filter((o) => picked.includes(o)) };
}
