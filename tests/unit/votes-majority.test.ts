import { describe, expect, it } from 'vitest';
import { bodyPreset, defaultRule, forBallot, legalBasisFor, requiredQuorum, type BodyType } from '$lib/votes/bodies';
import {
	BASES,
	fromAlias,
	legacyResultRule,
	majorityRuleInput,
	motionRule,
	ruleCode,
	storedRule,
	thresholdMet,
	THRESHOLDS,
	yesNeeded,
	type Base,
	type MajorityRule,
	type Threshold
} from '$lib/votes/majority';
import { ruleWords } from '$lib/votes/reason';
import { baseCount, decide, majorityMet, presence, type Presence } from '$lib/server/votes/rules';

const YNA = ['yes', 'no', 'abstain'];

describe('thresholdMet: integer arithmetic, strict "more than half", "at least" for the others', () => {
	// [threshold, yes, base, expected, why]
	const cases: [Threshold, number, number, boolean, string][] = [
		['more_than_half', 4, 6, true, '4 > 3'],
		['more_than_half', 3, 6, false, 'exactly half is not more than half'],
		['more_than_half', 3, 5, true, '3 > 2.5'],
		['more_than_half', 2, 5, false, '2 < 2.5'],
		['more_than_half', 1, 1, true, 'one of one'],
		['more_than_half', 0, 0, false, 'zero base carries nothing'],
		['two_thirds', 2, 3, true, '2 of 3 is exactly two thirds'],
		['two_thirds', 4, 6, true, '4 of 6 on the edge'],
		['two_thirds', 3, 6, false, 'half is short'],
		['two_thirds', 199, 299, false, '66.56 % just under'],
		['two_thirds', 200, 300, true, '200 of 300 on the edge'],
		['two_thirds', 0, 0, false, 'zero base (0 ≥ 0 must not pass)'],
		['three_quarters', 3, 4, true, '3 of 4 on the edge'],
		['three_quarters', 5, 7, false, '5 of 7 = 71 %'],
		['three_quarters', 6, 8, true, '6 of 8 on the edge'],
		['three_quarters', 74, 100, false, '74 %'],
		['three_quarters', 0, 0, false, 'zero base']
	];
	it.each(cases)('%s yes=%i base=%i → %s (%s)', (threshold, yes, base, expected) => {
		expect(thresholdMet(threshold, yes, base)).toBe(expected);
	});

	it('yesNeeded is the smallest yes that meets the threshold, for every base up to 200', () => {
		for (const threshold of THRESHOLDS) {
			for (let base = 1; base <= 200; base++) {
				const needed = yesNeeded(threshold, base);
				expect(thresholdMet(threshold, needed, base), `${threshold} ${needed}/${base}`).toBe(true);
				expect(thresholdMet(threshold, needed - 1, base), `${threshold} ${needed - 1}/${base}`).toBe(false);
			}
		}
	});
});

describe('every threshold × base against one ballot box', () => {
	// 10 members, 8 present (one of them by proxy), 7 voted: 4 yes, 2 no, 1 abstain.
	const p: Presence = { memberCount: 10, presentVoters: 7, represented: 1, presentCount: 8 };
	const counts = { yes: 4, no: 2, abstain: 1 };
	const votedCount = 7;
	const bases: Record<Base, number> = { yes_no: 6, ballots: 7, present: 8, members: 10 };
	// yes = 4: > ½ of 6 and 7, not of 8 or 10; ≥ ⅔ of 6 only; ≥ ¾ of none.
	const expected: Record<Threshold, Record<Base, boolean>> = {
		more_than_half: { yes_no: true, ballots: true, present: false, members: false },
		two_thirds: { yes_no: true, ballots: false, present: false, members: false },
		three_quarters: { yes_no: false, ballots: false, present: false, members: false }
	};
	for (const threshold of THRESHOLDS) {
		for (const of of BASES) {
			it(`${threshold} of ${of}`, () => {
				expect(baseCount(of, counts, votedCount, p)).toBe(bases[of]);
				const outcome = majorityMet({ threshold, of }, counts, votedCount, p);
				expect(outcome).toEqual({ base: bases[of], tie: null, met: expected[threshold][of] });
			});
		}
	}

	it('zero ballots carry nothing, whatever the base', () => {
		const none = { yes: 0, no: 0, abstain: 0 };
		for (const threshold of THRESHOLDS) {
			for (const of of BASES) expect(majorityMet({ threshold, of }, none, 0, p).met).toBe(false);
		}
		const empty: Presence = { memberCount: 0, presentVoters: 0, represented: 0, presentCount: 0 };
		for (const of of BASES) expect(majorityMet({ threshold: 'more_than_half', of }, none, 0, empty).met).toBe(false);
	});

	it('proxies count in "present": a represented member is one of the base', () => {
		const withProxy = presence({ memberIds: ['a', 'b', 'c', 'd', 'e', 'f'], presentIds: new Set(['a', 'b', 'c']), proxies: [{ principalId: 'd', holderId: 'a' }] });
		expect(withProxy).toMatchObject({ presentVoters: 3, represented: 1, presentCount: 4 });
		// 3 yes of 4 present (one by proxy) is more than half; without the proxy the base would be 3.
		expect(majorityMet({ threshold: 'more_than_half', of: 'present' }, { yes: 2, no: 1, abstain: 1 }, 4, withProxy)).toEqual({ base: 4, tie: null, met: false });
		expect(majorityMet({ threshold: 'more_than_half', of: 'present' }, { yes: 3, no: 0, abstain: 1 }, 4, withProxy)).toEqual({ base: 4, tie: null, met: true });
	});
});

describe('the chair tie-break (open ballots)', () => {
	const p: Presence = { memberCount: 6, presentVoters: 6, represented: 0, presentCount: 6 };
	const rule: MajorityRule = { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' };
	const tie = { yes: 3, no: 3, abstain: 0 };
	const cases: { name: string; chair: string | null; met: boolean; applied: boolean }[] = [
		{ name: 'chair voted yes: carried', chair: 'yes', met: true, applied: true },
		{ name: 'chair voted no: not carried', chair: 'no', met: false, applied: true },
		{ name: 'chair abstained: the tie stands, not carried', chair: 'abstain', met: false, applied: false },
		{ name: 'chair did not vote (absent): not carried', chair: null, met: false, applied: false }
	];
	it.each(cases)('$name', ({ chair, met, applied }) => {
		expect(majorityMet(rule, tie, 6, p, chair)).toEqual({ base: 6, tie: { chairChoice: chair, applied }, met });
	});

	it('no tie: the tie-break plays no part, the threshold decides', () => {
		expect(majorityMet(rule, { yes: 4, no: 2, abstain: 0 }, 6, p, 'no')).toEqual({ base: 6, tie: null, met: true });
		expect(majorityMet(rule, { yes: 3, no: 2, abstain: 1 }, 6, p, 'yes')).toEqual({ base: 6, tie: null, met: false });
	});

	it('0 yes 0 no is no tie to break', () => {
		expect(majorityMet(rule, { yes: 0, no: 0, abstain: 6 }, 6, p, 'abstain')).toEqual({ base: 6, tie: null, met: false });
	});

	it('without the tie-break a tie never carries, whatever the chair chose', () => {
		expect(majorityMet({ threshold: 'more_than_half', of: 'members' }, tie, 6, p, 'yes').met).toBe(false);
	});
});

describe('rule input: aliases and objects', () => {
	const parse = (raw: unknown) => majorityRuleInput.safeParse(raw);
	it('aliases become objects; "absolute" is now more than half of all members', () => {
		expect(parse('simple').data).toEqual({ threshold: 'more_than_half', of: 'yes_no' });
		expect(parse('absolute').data).toEqual({ threshold: 'more_than_half', of: 'members' });
		expect(parse('two_thirds').data).toEqual({ threshold: 'two_thirds', of: 'yes_no' });
		expect(fromAlias('absolute')).toEqual({ threshold: 'more_than_half', of: 'members' });
	});

	it('objects are taken as sent, in one spelling', () => {
		expect(parse({ threshold: 'three_quarters', of: 'ballots' }).data).toEqual({ threshold: 'three_quarters', of: 'ballots' });
		expect(parse({ threshold: 'more_than_half', of: 'members', tieBreak: 'chair' }).data).toEqual({ threshold: 'more_than_half', of: 'members', tieBreak: 'chair' });
		expect(Object.keys(parse({ threshold: 'more_than_half', of: 'members', tieBreak: undefined }).data ?? {})).toEqual(['threshold', 'of']);
	});

	it.each([
		['an unknown alias', 'quorate'],
		['an unknown threshold', { threshold: 'most', of: 'members' }],
		['an unknown base', { threshold: 'two_thirds', of: 'everyone' }],
		['a missing base', { threshold: 'two_thirds' }],
		['an extra key', { threshold: 'two_thirds', of: 'members', round: 'up' }],
		['a tie-break on a qualified majority', { threshold: 'two_thirds', of: 'members', tieBreak: 'chair' }],
		['another tie-breaker', { threshold: 'more_than_half', of: 'members', tieBreak: 'eldest' }],
		['a number', 2]
	])('refuses %s', (_name, raw) => {
		expect(parse(raw).success).toBe(false);
	});

	it('legacy stored results are read with the meaning they were decided by', () => {
		expect(legacyResultRule('absolute')).toEqual({ threshold: 'more_than_half', of: 'present' });
		expect(storedRule('simple')).toEqual({ threshold: 'more_than_half', of: 'yes_no' });
		expect(storedRule('absolute')).toEqual({ threshold: 'more_than_half', of: 'present' });
		expect(storedRule({ threshold: 'two_thirds', of: 'members' })).toEqual({ threshold: 'two_thirds', of: 'members' });
		expect(storedRule(null)).toBeNull();
		// A motion's own rule (a live room written before 0009) takes the alias's new meaning.
		expect(motionRule('absolute')).toEqual({ threshold: 'more_than_half', of: 'members' });
		expect(ruleCode({ threshold: 'more_than_half', of: 'members', tieBreak: 'chair' })).toBe('more_than_half/members+chair');
	});
});

describe('body presets', () => {
	const quorumCases: [BodyType, number, number | null, number][] = [
		['people_committee', 6, null, 4],
		['people_committee', 7, null, 5],
		['people_committee', 9, null, 6],
		['people_council', 50, null, 34],
		['people_council', 51, null, 34],
		['people_council', 1, null, 1],
		['people_council', 0, null, 1],
		['other', 10, null, 6],
		['other', 9, null, 5],
		['other', 0, null, 1],
		['other', 1500, null, 751],
		['people_committee', 6, 3, 3],
		['other', 10, 12, 12]
	];
	it.each(quorumCases)('%s, %i members, configured %s → %i present needed', (body, members, configured, expected) => {
		expect(requiredQuorum(body, members, configured)).toBe(expected);
		// ⅔ "at least" in integers: the number found is the smallest with 3·present ≥ 2·members.
		if (configured === null && body !== 'other' && members > 0) {
			expect(3 * expected >= 2 * members && 3 * (expected - 1) < 2 * members).toBe(true);
		}
	});

	it('default rules: the law for committees and councils, today’s free default otherwise', () => {
		expect(defaultRule('people_committee', 'open')).toEqual({ threshold: 'more_than_half', of: 'members', tieBreak: 'chair' });
		expect(defaultRule('people_committee', 'secret')).toEqual({ threshold: 'more_than_half', of: 'members' });
		expect(defaultRule('people_council', 'open')).toEqual({ threshold: 'more_than_half', of: 'members' });
		expect(defaultRule('other', 'open')).toEqual({ threshold: 'more_than_half', of: 'yes_no' });
		expect(bodyPreset('people_council').dismissal).toEqual({ threshold: 'two_thirds', of: 'members' });
		expect(bodyPreset('people_committee').dismissal).toBeNull();
		expect(forBallot({ threshold: 'more_than_half', of: 'members', tieBreak: 'chair' }, 'secret')).toEqual({ threshold: 'more_than_half', of: 'members' });
	});

	it('the legal basis is cited for the body’s own rules only', () => {
		expect(legalBasisFor('people_committee', { threshold: 'more_than_half', of: 'members' })?.vi).toContain('72/2025/QH15');
		expect(legalBasisFor('people_committee', { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' })).not.toBeNull();
		expect(legalBasisFor('people_council', { threshold: 'two_thirds', of: 'members' })?.vi).toContain('bãi nhiệm');
		expect(legalBasisFor('people_council', { threshold: 'more_than_half', of: 'present' })).toBeNull();
		expect(legalBasisFor('other', { threshold: 'more_than_half', of: 'members' })).toBeNull();
	});
});

describe('the stored reason, in both languages', () => {
	const six = (present: number): Presence => ({ memberCount: 6, presentVoters: present, represented: 0, presentCount: present });

	it('issue 13: 6 members, 4 present, "absolute", 3 yes 1 abstain → not carried, said in words', () => {
		const result = decide({
			options: YNA,
			majority: fromAlias('absolute'),
			counts: { yes: 3, no: 0, abstain: 1 },
			votedCount: 4,
			presence: six(4),
			quorum: null,
			bodyType: 'people_committee',
			chairChoice: null
		});
		expect(result).toMatchObject({ passed: false, majorityMet: false, quorumMet: true, quorum: 4, base: { of: 'members', count: 6 } });
		expect(result.reason?.vi).toBe(
			'3/6 thành viên tán thành, chưa đạt quá nửa tổng số thành viên Ủy ban nhân dân (quyết định của Ủy ban nhân dân phải được quá nửa tổng số thành viên biểu quyết tán thành, Luật Tổ chức chính quyền địa phương số 72/2025/QH15)'
		);
		expect(result.reason?.en).toBe(
			"3 of 6 members in favour: not more than half of all members of the People's Committee (a People's Committee decision needs more than half of all members in favour, Law on the Organisation of Local Government No. 72/2025/QH15)"
		);
	});

	it('a council delegate dismissed by two thirds of all delegates', () => {
		const result = decide({
			options: YNA,
			majority: { threshold: 'two_thirds', of: 'members' },
			counts: { yes: 34, no: 10, abstain: 2 },
			votedCount: 46,
			presence: { memberCount: 50, presentVoters: 46, represented: 0, presentCount: 46 },
			quorum: null,
			bodyType: 'people_council',
			chairChoice: null
		});
		expect(result.passed).toBe(true);
		expect(result.reason?.vi).toMatch(/^34\/50 đại biểu tán thành, đạt hai phần ba tổng số đại biểu Hội đồng nhân dân \(nghị quyết bãi nhiệm/);
		expect(result.reason?.en).toMatch(/^34 of 50 delegates in favour: at least two thirds of all delegates of the People's Council \(/);
	});

	it('a tie broken by the chairman, and a tie the chair did not break', () => {
		const base = { options: YNA, counts: { yes: 3, no: 3, abstain: 0 }, votedCount: 6, presence: six(6), quorum: null, bodyType: 'people_committee' as const };
		const rule: MajorityRule = { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' };
		const broken = decide({ ...base, majority: rule, chairChoice: 'yes' });
		expect(broken).toMatchObject({ passed: true, tieBreak: { chairChoice: 'yes', applied: true } });
		expect(broken.reason?.vi).toContain('ngang nhau, quyết định theo ý kiến Chủ tịch Ủy ban nhân dân đã biểu quyết (tán thành)');
		expect(broken.reason?.en).toContain("decided by the vote of the Chairman of the People's Committee (for)");
		const unbroken = decide({ ...base, counts: { yes: 2, no: 2, abstain: 2 }, majority: rule, chairChoice: 'abstain' });
		expect(unbroken).toMatchObject({ passed: false, tieBreak: { chairChoice: 'abstain', applied: false } });
		expect(unbroken.reason?.vi).toContain('Chủ tịch Ủy ban nhân dân không biểu quyết, chưa đạt quá nửa tổng số thành viên Ủy ban nhân dân');
	});

	it('other bodies: no legal basis, their own words; a missing quorum is said too', () => {
		const result = decide({
			options: YNA,
			majority: { threshold: 'more_than_half', of: 'yes_no' },
			counts: { yes: 3, no: 1, abstain: 0 },
			votedCount: 4,
			presence: { memberCount: 10, presentVoters: 4, represented: 0, presentCount: 4 },
			quorum: null,
			bodyType: 'other',
			chairChoice: null
		});
		expect(result.passed).toBe(false);
		expect(result.reason).toEqual({
			vi: '3 phiếu tán thành, 1 phiếu không tán thành, đạt quá nửa số phiếu tán thành và không tán thành; không đủ túc số: 4 có mặt, cần 6',
			en: '3 for, 1 against: more than half of the votes for and against; no quorum: 4 present, 6 required'
		});
	});

	it('rules in words for the minutes', () => {
		expect(ruleWords('people_committee', { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' }).vi).toBe(
			'quá nửa tổng số thành viên Ủy ban nhân dân; ngang nhau thì theo ý kiến Chủ tịch Ủy ban nhân dân đã biểu quyết'
		);
		expect(ruleWords('people_council', { threshold: 'two_thirds', of: 'members' }).en).toBe("at least two thirds of all delegates of the People's Council");
		expect(ruleWords('other', { threshold: 'three_quarters', of: 'ballots' }).vi).toBe('ít nhất ba phần tư tổng số phiếu biểu quyết');
	});
});
