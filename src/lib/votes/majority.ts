import { z } from 'zod';

/**
 * The majority rule of a yes/no motion: a threshold measured against an explicit base. Shared by the server (which
 * decides) and the browser (which offers the choices), so it imports nothing but zod. docs/voting-law.md says which
 * rule the law sets for which body.
 */

/** "more_than_half" is strict (yes > ½ base); the others are "at least" (yes ≥ ⅔ base, yes ≥ ¾ base). */
export const THRESHOLDS = ['more_than_half', 'two_thirds', 'three_quarters'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/**
 * What the yes votes are counted against:
 * - yes_no: yes + no (abstentions and absentees count for nothing);
 * - ballots: every ballot cast, abstentions included;
 * - present: voting members present or represented by proxy (and those who voted, then left);
 * - members: every member with a voting right, present or not: the base the Law on Local Government uses.
 */
export const BASES = ['yes_no', 'ballots', 'present', 'members'] as const;
export type Base = (typeof BASES)[number];

export interface MajorityRule {
	threshold: Threshold;
	of: Base;
	/** Open ballots only: on equal yes and no the chair's own vote decides (a People's Committee's rule). */
	tieBreak?: 'chair';
}

/** The strings the API took before rules had a base; still accepted on input. */
export const MAJORITY_ALIASES = ['simple', 'absolute', 'two_thirds'] as const;
export type MajorityAlias = (typeof MAJORITY_ALIASES)[number];

/**
 * What each alias means from now on. "absolute" is more than half of all *members*: it used to count only the
 * members present, which let 3 of 6 pass a People's Committee decision (issue 13).
 */
export function fromAlias(alias: MajorityAlias): MajorityRule {
	switch (alias) {
		case 'simple':
			return { threshold: 'more_than_half', of: 'yes_no' };
		case 'absolute':
			return { threshold: 'more_than_half', of: 'members' };
		case 'two_thirds':
			return { threshold: 'two_thirds', of: 'yes_no' };
	}
}

/**
 * The rule a result stored before migration 0009 was decided by. Not `fromAlias`: those results were computed with
 * "absolute" counted against the members present, and an archived result must be described as it was decided.
 */
export function legacyResultRule(alias: MajorityAlias): MajorityRule {
	return alias === 'absolute' ? { threshold: 'more_than_half', of: 'present' } : fromAlias(alias);
}

const ruleObject = z
	.object({
		threshold: z.enum(THRESHOLDS),
		of: z.enum(BASES),
		tieBreak: z.literal('chair').optional()
	})
	.strict()
	// A tie is exactly half: it can never reach a two-thirds or three-quarters rule, and the law's tie rule sits
	// with the simple "more than half" decision rule; a tie-break elsewhere would only confuse the record.
	.refine((r) => r.tieBreak === undefined || r.threshold === 'more_than_half', {
		message: 'a chair tie-break applies to a "more than half" rule only',
		path: ['tieBreak']
	});

/** The rule as a client may send it: an alias or the object. Always comes out as the object. */
export const majorityRuleInput = z.union([z.enum(MAJORITY_ALIASES).transform(fromAlias), ruleObject]).transform(normaliseRule);

/** One spelling per rule (no `tieBreak: undefined` key), so stored JSON and comparisons are stable. */
export function normaliseRule(rule: MajorityRule): MajorityRule {
	return rule.tieBreak === 'chair' ? { threshold: rule.threshold, of: rule.of, tieBreak: 'chair' } : { threshold: rule.threshold, of: rule.of };
}

export function sameRule(a: MajorityRule | null, b: MajorityRule | null): boolean {
	if (a === null || b === null) return a === b;
	return a.threshold === b.threshold && a.of === b.of && (a.tieBreak ?? null) === (b.tieBreak ?? null);
}

export function isMajorityAlias(value: unknown): value is MajorityAlias {
	return typeof value === 'string' && (MAJORITY_ALIASES as readonly string[]).includes(value);
}

/** A rule as read from a stored result: the object, or a legacy alias from before migration 0009. */
export type StoredMajority = MajorityRule | MajorityAlias;

export function storedRule(stored: StoredMajority | null): MajorityRule | null {
	if (stored === null) return null;
	return isMajorityAlias(stored) ? legacyResultRule(stored) : stored;
}

/**
 * Whether `yes` reaches the threshold of `base`, in integers so no rounding ever decides (⅔ of 3 is 2, exactly).
 * A base of zero carries nothing: 0 ≥ ⅔·0 would otherwise pass a motion nobody voted for.
 */
export function thresholdMet(threshold: Threshold, yes: number, base: number): boolean {
	if (base <= 0) return false;
	switch (threshold) {
		case 'more_than_half':
			return 2 * yes > base;
		case 'two_thirds':
			return 3 * yes >= 2 * base;
		case 'three_quarters':
			return 4 * yes >= 3 * base;
	}
}

/** The smallest number of yes votes that meets the threshold of `base` (what the minutes could quote). */
export function yesNeeded(threshold: Threshold, base: number): number {
	if (base <= 0) return 1;
	switch (threshold) {
		case 'more_than_half':
			return Math.floor(base / 2) + 1;
		case 'two_thirds':
			return Math.ceil((2 * base) / 3);
		case 'three_quarters':
			return Math.ceil((3 * base) / 4);
	}
}

/** A rule as a short, stable code for CSV cells and logs: "more_than_half/members", "+chair" for a tie-break. */
export function ruleCode(rule: MajorityRule): string {
	return `${rule.threshold}/${rule.of}${rule.tieBreak === 'chair' ? '+chair' : ''}`;
}

/** The rule of a motion row as read from anywhere: an alias (a live room written before 0009) takes its new meaning. */
export function motionRule(value: StoredMajority | null): MajorityRule | null {
	if (value === null) return null;
	return isMajorityAlias(value) ? fromAlias(value) : value;
}
