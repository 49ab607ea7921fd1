import type { BodyType, Wording } from './bodies';
import type { Base, StoredMajority } from './majority';

/**
 * What a closed motion's `result` holds: computed once at close (server votes/rules.ts `decide`) and never changed.
 * Archived results are hash-chained, so readers accept every shape ever stored: the fields marked "since 0009" are
 * absent from results closed before migration 0009, whose `majority` is a legacy alias string.
 */
export interface MotionResult {
	counts: Record<string, number>;
	/** Null for a custom list of options (an election): there the ranking is the result. */
	passed: boolean | null;
	quorumMet: boolean;
	/** Whether the majority rule alone was met (passed = majorityMet && quorumMet). Null for custom lists. */
	majorityMet: boolean | null;
	majority: StoredMajority | null;
	/** Present voters required. */
	quorum: number;
	votedCount: number;
	eligibleCount: number;
	presentCount: number;
	memberCount: number;
	ranking: { option: string; votes: number; rank: number }[] | null;
	/** Since 0009: what the yes votes were counted against, and that number. Absent for custom lists. */
	base?: { of: Base; count: number };
	/** Since 0009: set when the rule has a chair tie-break and yes equalled no (above zero). */
	tieBreak?: { chairChoice: string | null; applied: boolean };
	/** Since 0009: the body whose wording and legal basis the reason uses. */
	bodyType?: BodyType;
	/** Since 0009: the sentence the minutes, the CSV and the screens print, in both languages. */
	reason?: Wording;
}
