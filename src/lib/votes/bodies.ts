import { normaliseRule, sameRule, type MajorityRule } from './majority';

/**
 * The deciding body of a meeting and the defaults the law gives it: quorum, decision rule, the special rule for a
 * dismissal, and the legal basis the result cites. Pure data and functions, shared by server and browser;
 * docs/voting-law.md gives the source of every figure.
 */

export const BODY_TYPES = ['people_committee', 'people_council', 'other'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export interface Wording {
	vi: string;
	en: string;
}

export interface BodyPreset {
	/** Present voters needed as a share of all members: ⅔ (at least) for the bodies of local government. */
	quorum: 'two_thirds' | 'more_than_half';
	/** The rule of an ordinary decision (before the ballot kind decides whether a chair tie-break can apply). */
	decision: MajorityRule;
	/** The rule of a resolution dismissing a delegate; null where the law sets none. */
	dismissal: MajorityRule | null;
	/** Cited in the stored result when the motion used the preset's rule; null for "other". */
	legalBasis: { quorum: Wording; decision: Wording; dismissal: Wording | null } | null;
	/** How the result names the members and the chair. */
	words: {
		/** "3/6 thành viên tán thành": one voting member. */
		member: Wording;
		/** "…quá nửa tổng số thành viên Ủy ban nhân dân": all of them. */
		allMembers: Wording;
		chair: Wording;
	};
}

// The Law on the Organisation of Local Government No. 72/2025/QH15 is in force (docs/voting-law.md). The article
// numbers of its session rules could not be checked against the official text here; the citation names the law and
// the rule, and the doc says what was verified and where.
const LAW: Wording = { vi: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15', en: 'Law on the Organisation of Local Government No. 72/2025/QH15' };
const cite = (vi: string, en: string): Wording => ({ vi: `${vi}, ${LAW.vi}`, en: `${en}, ${LAW.en}` });

const MORE_THAN_HALF_OF_MEMBERS: MajorityRule = { threshold: 'more_than_half', of: 'members' };
const TWO_THIRDS_OF_MEMBERS: MajorityRule = { threshold: 'two_thirds', of: 'members' };

const PRESETS: Record<BodyType, BodyPreset> = {
	people_committee: {
		quorum: 'two_thirds',
		// On equal votes the side the Chairman voted for prevails: the tie-break is part of the committee's rule.
		decision: { ...MORE_THAN_HALF_OF_MEMBERS, tieBreak: 'chair' },
		dismissal: null,
		legalBasis: {
			quorum: cite('phiên họp Ủy ban nhân dân cần ít nhất hai phần ba tổng số thành viên', "a People's Committee session needs at least two thirds of all members"),
			decision: cite(
				'quyết định của Ủy ban nhân dân phải được quá nửa tổng số thành viên biểu quyết tán thành',
				"a People's Committee decision needs more than half of all members in favour"
			),
			dismissal: null
		},
		words: {
			member: { vi: 'thành viên', en: 'members' },
			allMembers: { vi: 'tổng số thành viên Ủy ban nhân dân', en: "all members of the People's Committee" },
			chair: { vi: 'Chủ tịch Ủy ban nhân dân', en: "Chairman of the People's Committee" }
		}
	},
	people_council: {
		quorum: 'two_thirds',
		decision: MORE_THAN_HALF_OF_MEMBERS,
		dismissal: TWO_THIRDS_OF_MEMBERS,
		legalBasis: {
			quorum: cite('kỳ họp Hội đồng nhân dân cần ít nhất hai phần ba tổng số đại biểu', "a People's Council session needs at least two thirds of all delegates"),
			decision: cite(
				'nghị quyết của Hội đồng nhân dân được thông qua khi có quá nửa tổng số đại biểu biểu quyết tán thành',
				"a People's Council resolution needs more than half of all delegates in favour"
			),
			dismissal: cite(
				'nghị quyết bãi nhiệm đại biểu Hội đồng nhân dân cần ít nhất hai phần ba tổng số đại biểu biểu quyết tán thành',
				"a resolution dismissing a delegate needs at least two thirds of all delegates in favour"
			)
		},
		words: {
			member: { vi: 'đại biểu', en: 'delegates' },
			allMembers: { vi: 'tổng số đại biểu Hội đồng nhân dân', en: "all delegates of the People's Council" },
			chair: { vi: 'chủ tọa', en: 'chair' }
		}
	},
	other: {
		quorum: 'more_than_half',
		decision: { threshold: 'more_than_half', of: 'yes_no' },
		dismissal: null,
		legalBasis: null,
		words: {
			member: { vi: 'thành viên có quyền biểu quyết', en: 'voting members' },
			allMembers: { vi: 'tổng số thành viên có quyền biểu quyết', en: 'all voting members' },
			chair: { vi: 'chủ tọa', en: 'chair' }
		}
	}
};

export function bodyPreset(bodyType: BodyType): BodyPreset {
	return PRESETS[bodyType];
}

/** A chair's tie-break needs a named vote: on a secret ballot nobody may know what the chair chose. */
export function forBallot(rule: MajorityRule, ballot: 'open' | 'secret'): MajorityRule {
	return ballot === 'secret' ? normaliseRule({ threshold: rule.threshold, of: rule.of }) : normaliseRule(rule);
}

/** The rule a new motion gets when the client sends none. */
export function defaultRule(bodyType: BodyType, ballot: 'open' | 'secret'): MajorityRule {
	return forBallot(PRESETS[bodyType].decision, ballot);
}

/**
 * Present voters needed for a vote to count: the meeting's own figure when it set one, else the body's share of
 * all voting members, in integers (⅔ "at least": 3·present ≥ 2·members, so required = ⌈2·members/3⌉). Never below
 * one: a meeting without members decides nothing.
 */
export function requiredQuorum(bodyType: BodyType, memberCount: number, configured: number | null): number {
	if (configured !== null) return configured;
	const needed = PRESETS[bodyType].quorum === 'two_thirds' ? Math.ceil((2 * memberCount) / 3) : Math.floor(memberCount / 2) + 1;
	return Math.max(1, needed);
}

/** The legal basis a result cites: only when the motion used one of the body's own rules. */
export function legalBasisFor(bodyType: BodyType, rule: MajorityRule): Wording | null {
	const preset = PRESETS[bodyType];
	if (!preset.legalBasis) return null;
	if (preset.dismissal && sameRule(rule, preset.dismissal)) return preset.legalBasis.dismissal;
	if (sameRule(forBallot(rule, 'secret'), forBallot(preset.decision, 'secret'))) return preset.legalBasis.decision;
	return null;
}
