import { legalBasisFor, requiredQuorum, type BodyType } from '../../votes/bodies';
import { thresholdMet, type Base, type MajorityRule } from '../../votes/majority';
import { resultReason } from '../../votes/reason';
import type { StoredMotionResult } from '../db/schema';

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

export interface MajorityCount {
	/** The number the rule's base stands for. */
	base: number;
	/** Set when the rule has a chair tie-break and yes equalled no above zero. */
	tie: { chairChoice: string | null; applied: boolean } | null;
	met: boolean;
}

/** The number a base stands for at close. `ballots` counts abstentions; `present` counts proxies (see `presence`). */
export function baseCount(of: Base, counts: Record<string, number>, votedCount: number, p: Presence): number {
	switch (of) {
		case 'yes_no':
			return (counts.yes ?? 0) + (counts.no ?? 0);
		case 'ballots':
			return votedCount;
		case 'present':
			return p.presentCount;
		case 'members':
			return p.memberCount;
	}
}

/**
 * Whether a yes/no motion carried under its rule. With a chair tie-break and equal yes and no (above zero), the
 * chair's own open ballot decides: yes carries, no does not; a chair who abstained or did not vote breaks nothing,
 * and a tie never reaches "more than half" of any base, so the motion is not carried.
 */
export function majorityMet(rule: MajorityRule, counts: Record<string, number>, votedCount: number, p: Presence, chairChoice: string | null = null): MajorityCount {
	const yes = counts.yes ?? 0;
	const no = counts.no ?? 0;
	const base = baseCount(rule.of, counts, votedCount, p);
	if (rule.tieBreak === 'chair' && yes === no && yes > 0) {
		const applied = chairChoice === 'yes' || chairChoice === 'no';
		return { base, tie: { chairChoice, applied }, met: chairChoice === 'yes' };
	}
	return { base, tie: null, met: thresholdMet(rule.threshold, yes, base) };
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
	/** The meeting's configured quorum (null: the body's default). */
	quorum: number | null;
	bodyType: BodyType;
	/** The chair's own choice on an open ballot (null: no chair, did not vote, or a secret ballot). */
	chairChoice: string | null;
}

/** The stored result of a closed motion: counts, the rule applied with its base and numbers, and why, in words. */
export function decide({ options, majority, counts, votedCount, presence: p, quorum, bodyType, chairChoice }: DecideInput): StoredMotionResult {
	const required = requiredQuorum(bodyType, p.memberCount, quorum);
	const quorumMet = p.presentCount >= required;
	const common = {
		counts,
		quorumMet,
		quorum: required,
		votedCount,
		eligibleCount: p.presentCount,
		presentCount: p.presentCount,
		memberCount: p.memberCount,
		bodyType
	};
	if (!isDecision(options) || majority === null) {
		return { ...common, passed: null, majorityMet: null, majority: null, ranking: ranking(options, counts) };
	}
	const outcome = majorityMet(majority, counts, votedCount, p, chairChoice);
	const reason = resultReason({
		bodyType,
		rule: majority,
		yes: counts.yes ?? 0,
		no: counts.no ?? 0,
		base: outcome.base,
		met: outcome.met,
		tie: outcome.tie,
		legalBasis: legalBasisFor(bodyType, majority),
		quorum: { met: quorumMet, present: p.presentCount, required }
	});
	return {
		...common,
		passed: outcome.met && quorumMet,
		majorityMet: outcome.met,
		majority,
		ranking: null,
		base: { of: majority.of, count: outcome.base },
		...(outcome.tie ? { tieBreak: outcome.tie } : {}),
		reason
	};
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
