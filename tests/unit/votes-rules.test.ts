import { describe, expect, it } from 'vitest';
import type { MajorityRule } from '$lib/server/db/schema';
import { checkChoices, decide, isDecision, majorityMet, presence, ranking, requiredQuorum, tally, type Presence } from '$lib/server/votes/rules';

const YNA = ['yes', 'no', 'abstain'];

describe('majorityMet', () => {
	// [rule, yes, no, eligible, expected, why]
	const cases: [MajorityRule, number, number, number, boolean, string][] = [
		['simple', 6, 4, 10, true, 'more yes than no'],
		['simple', 5, 5, 10, false, 'a tie is not a majority'],
		['simple', 0, 0, 10, false, 'zero votes'],
		['simple', 0, 0, 0, false, 'nobody eligible'],
		['simple', 1, 0, 10, true, 'one yes, nine abstain or absent'],
		['simple', 3, 4, 10, false, 'fewer yes'],
		['absolute', 6, 0, 10, true, '6 > 10/2'],
		['absolute', 5, 0, 10, false, 'exactly half is not more than half'],
		['absolute', 5, 0, 9, true, '5 > 4.5'],
		['absolute', 4, 0, 9, false, '4 < 4.5'],
		['absolute', 0, 0, 0, false, 'zero votes, nobody eligible'],
		['absolute', 6, 1, 12, false, 'abstentions and non-voters count against'],
		['two_thirds', 2, 1, 10, true, '2 of 3 is exactly two thirds (3·2 ≥ 2·3)'],
		['two_thirds', 20, 10, 40, true, '20 of 30 on the edge'],
		['two_thirds', 19, 10, 40, false, '19 of 29 just under'],
		['two_thirds', 199, 100, 400, false, '199 of 299 just under (66.56 %)'],
		['two_thirds', 200, 100, 400, true, '200 of 300 on the edge'],
		['two_thirds', 1, 0, 10, true, 'one yes, no no'],
		['two_thirds', 0, 0, 10, false, 'zero yes+no never passes (all abstain)'],
		['two_thirds', 0, 0, 0, false, 'zero votes'],
		['two_thirds', 0, 3, 10, false, 'only no']
	];
	it.each(cases)('%s yes=%i no=%i eligible=%i → %s (%s)', (rule, yes, no, eligible, expected) => {
		expect(majorityMet(rule, yes, no, eligible)).toBe(expected);
	});
});

describe('requiredQuorum', () => {
	const cases: [number, number | null, number][] = [
		[10, null, 6],
		[9, null, 5],
		[1, null, 1],
		[0, null, 1],
		[1500, null, 751],
		[10, 3, 3],
		[10, 12, 12]
	];
	it.each(cases)('%i members, configured %s → %i', (members, configured, expected) => {
		expect(requiredQuorum(members, configured)).toBe(expected);
	});
});

describe('presence (proxies and those who voted)', () => {
	const members = ['a', 'b', 'c', 'd', 'e'];
	const cases: { name: string; present: string[]; proxies?: [string, string][]; voted?: string[]; expected: Omit<Presence, 'memberCount'> }[] = [
		{ name: 'nobody', present: [], expected: { presentVoters: 0, represented: 0, presentCount: 0 } },
		{ name: 'three present', present: ['a', 'b', 'c'], expected: { presentVoters: 3, represented: 0, presentCount: 3 } },
		{ name: 'observer present does not count', present: ['a', 'obs'], expected: { presentVoters: 1, represented: 0, presentCount: 1 } },
		{ name: 'absent member represented by a present holder', present: ['a', 'b'], proxies: [['d', 'a']], expected: { presentVoters: 2, represented: 1, presentCount: 3 } },
		{ name: 'holder absent: nobody represented', present: ['b'], proxies: [['d', 'a']], expected: { presentVoters: 1, represented: 0, presentCount: 1 } },
		{ name: 'principal back in person: not counted twice', present: ['a', 'd'], proxies: [['d', 'a']], expected: { presentVoters: 2, represented: 0, presentCount: 2 } },
		{ name: 'a holder without a vote of their own (present non-member) still represents', present: ['x'], proxies: [['e', 'x']], expected: { presentVoters: 0, represented: 1, presentCount: 1 } },
		{ name: 'voted then left still counts', present: ['a'], voted: ['a', 'b'], expected: { presentVoters: 1, represented: 0, presentCount: 2 } },
		{ name: 'represented and voted by proxy, holder left', present: [], proxies: [['d', 'a']], voted: ['d'], expected: { presentVoters: 0, represented: 0, presentCount: 1 } }
	];
	it.each(cases)('$name', ({ present, proxies = [], voted = [], expected }) => {
		const result = presence({
			memberIds: members,
			presentIds: new Set(present),
			proxies: proxies.map(([principalId, holderId]) => ({ principalId, holderId })),
			votedIds: new Set(voted)
		});
		expect(result).toEqual({ memberCount: 5, ...expected });
	});
});

describe('decide', () => {
	const p = (presentCount: number, memberCount = 10): Presence => ({ memberCount, presentVoters: presentCount, represented: 0, presentCount });
	const counts = (yes: number, no: number, abstain: number) => ({ yes, no, abstain });
	const cases: { name: string; majority: MajorityRule; counts: Record<string, number>; present: number; quorum?: number | null; passed: boolean; quorumMet: boolean }[] = [
		{ name: 'simple, passed', majority: 'simple', counts: counts(4, 2, 1), present: 7, passed: true, quorumMet: true },
		{ name: 'simple, tie', majority: 'simple', counts: counts(3, 3, 1), present: 7, passed: false, quorumMet: true },
		{ name: 'simple, no quorum: majority met but not passed', majority: 'simple', counts: counts(3, 1, 0), present: 5, passed: false, quorumMet: false },
		{ name: 'simple, configured low quorum', majority: 'simple', counts: counts(3, 1, 0), present: 4, quorum: 4, passed: true, quorumMet: true },
		{ name: 'all abstain', majority: 'simple', counts: counts(0, 0, 8), present: 8, passed: false, quorumMet: true },
		{ name: 'zero votes', majority: 'absolute', counts: counts(0, 0, 0), present: 8, passed: false, quorumMet: true },
		{ name: 'absolute, abstentions count against', majority: 'absolute', counts: counts(4, 1, 3), present: 8, passed: false, quorumMet: true },
		{ name: 'absolute, passed', majority: 'absolute', counts: counts(5, 1, 2), present: 8, passed: true, quorumMet: true },
		{ name: 'two thirds on the edge', majority: 'two_thirds', counts: counts(4, 2, 2), present: 8, passed: true, quorumMet: true },
		{ name: 'two thirds just under', majority: 'two_thirds', counts: counts(5, 3, 0), present: 8, passed: false, quorumMet: true },
		{ name: 'two thirds, all abstain', majority: 'two_thirds', counts: counts(0, 0, 7), present: 7, passed: false, quorumMet: true }
	];
	it.each(cases)('$name', ({ majority, counts: c, present, quorum = null, passed, quorumMet }) => {
		const votedCount = Object.values(c).reduce((a, b) => a + b, 0);
		const result = decide({ options: YNA, majority, counts: c, votedCount, presence: p(present), quorum });
		expect({ passed: result.passed, quorumMet: result.quorumMet }).toEqual({ passed, quorumMet });
		// The rule that decided is stored with the figures.
		expect(result).toMatchObject({ majority, counts: c, votedCount, eligibleCount: present, presentCount: present, memberCount: 10, ranking: null });
		expect(result.majorityMet).toBe(majorityMet(majority, c.yes!, c.no!, present));
	});

	it('a custom list has no passed/not passed: counts and a ranking with shared ranks', () => {
		const options = ['Nguyễn Văn A', 'Trần Thị B', 'Lê Văn C', 'Phạm D'];
		const c = { 'Nguyễn Văn A': 5, 'Trần Thị B': 7, 'Lê Văn C': 5, 'Phạm D': 1 };
		const result = decide({ options, majority: 'simple', counts: c, votedCount: 9, presence: p(9), quorum: null });
		expect(result.passed).toBeNull();
		expect(result.majorityMet).toBeNull();
		expect(result.majority).toBeNull();
		expect(result.quorumMet).toBe(true);
		expect(result.ranking).toEqual([
			{ option: 'Trần Thị B', votes: 7, rank: 1 },
			{ option: 'Nguyễn Văn A', votes: 5, rank: 2 },
			{ option: 'Lê Văn C', votes: 5, rank: 2 },
			{ option: 'Phạm D', votes: 1, rank: 4 }
		]);
	});
});

describe('isDecision', () => {
	const cases: [string[], boolean][] = [
		[['yes', 'no', 'abstain'], true],
		[['yes', 'no'], true],
		[['no', 'yes'], true],
		[['yes', 'abstain'], false],
		[['yes', 'no', 'maybe'], false],
		[['A', 'B'], false]
	];
	it.each(cases)('%j → %s', (options, expected) => expect(isDecision(options)).toBe(expected));
});

describe('tally and ranking', () => {
	it('counts every option, zero included, and elections count each choice', () => {
		expect(tally(YNA, [['yes'], ['no'], ['yes']])).toEqual({ yes: 2, no: 1, abstain: 0 });
		expect(tally(['A', 'B', 'C'], [['A', 'B'], ['B'], ['B', 'C']])).toEqual({ A: 1, B: 3, C: 1 });
		expect(tally(YNA, [])).toEqual({ yes: 0, no: 0, abstain: 0 });
		expect(() => tally(YNA, [['maybe']])).toThrow();
	});

	it('all zero: everyone shares rank 1, in the motion order', () => {
		expect(ranking(['A', 'B'], { A: 0, B: 0 })).toEqual([
			{ option: 'A', votes: 0, rank: 1 },
			{ option: 'B', votes: 0, rank: 1 }
		]);
	});
});

describe('checkChoices', () => {
	const cases: { name: string; options: string[]; max: number; choice: string | string[]; expected: string[] | null }[] = [
		{ name: 'one of yes/no/abstain', options: YNA, max: 1, choice: 'no', expected: ['no'] },
		{ name: 'an unknown option', options: YNA, max: 1, choice: 'maybe', expected: null },
		{ name: 'a one-element list', options: YNA, max: 1, choice: ['yes'], expected: ['yes'] },
		{ name: 'two choices where one is allowed', options: YNA, max: 1, choice: ['yes', 'no'], expected: null },
		{ name: 'election: two of three, stored in the motion order', options: ['A', 'B', 'C'], max: 2, choice: ['C', 'A'], expected: ['A', 'C'] },
		{ name: 'election: the same candidate twice', options: ['A', 'B', 'C'], max: 2, choice: ['A', 'A'], expected: null },
		{ name: 'election: too many', options: ['A', 'B', 'C'], max: 2, choice: ['A', 'B', 'C'], expected: null },
		{ name: 'empty list', options: ['A', 'B', 'C'], max: 2, choice: [], expected: null }
	];
	it.each(cases)('$name', ({ options, max, choice, expected }) => {
		const result = checkChoices(options, max, choice);
		expect(result.ok ? result.choices : null).toEqual(expected);
	});
});
