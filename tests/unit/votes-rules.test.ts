import { describe, expect, it } from 'vitest';
import type { MajorityRule } from '$lib/votes/majority';
import { baseCount, checkChoices, decide, isDecision, majorityMet, presence, ranking, tally, type Presence } from '$lib/server/votes/rules';

const YNA = ['yes', 'no', 'abstain'];
const SIMPLE: MajorityRule = { threshold: 'more_than_half', of: 'yes_no' };
const MEMBERS: MajorityRule = { threshold: 'more_than_half', of: 'members' };

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
		{ name: 'yes_no, passed', majority: SIMPLE, counts: counts(4, 2, 1), present: 7, passed: true, quorumMet: true },
		{ name: 'yes_no, tie', majority: SIMPLE, counts: counts(3, 3, 1), present: 7, passed: false, quorumMet: true },
		{ name: 'yes_no, no quorum: majority met but not passed', majority: SIMPLE, counts: counts(3, 1, 0), present: 5, passed: false, quorumMet: false },
		{ name: 'yes_no, configured low quorum', majority: SIMPLE, counts: counts(3, 1, 0), present: 4, quorum: 4, passed: true, quorumMet: true },
		{ name: 'all abstain', majority: SIMPLE, counts: counts(0, 0, 8), present: 8, passed: false, quorumMet: true },
		{ name: 'zero votes', majority: MEMBERS, counts: counts(0, 0, 0), present: 8, passed: false, quorumMet: true },
		{ name: 'members: abstentions and absentees count against', majority: MEMBERS, counts: counts(5, 1, 2), present: 8, passed: false, quorumMet: true },
		{ name: 'members, passed', majority: MEMBERS, counts: counts(6, 1, 1), present: 8, passed: true, quorumMet: true },
		{ name: 'two thirds on the edge', majority: { threshold: 'two_thirds', of: 'yes_no' }, counts: counts(4, 2, 2), present: 8, passed: true, quorumMet: true },
		{ name: 'two thirds just under', majority: { threshold: 'two_thirds', of: 'yes_no' }, counts: counts(5, 3, 0), present: 8, passed: false, quorumMet: true },
		{ name: 'two thirds, all abstain', majority: { threshold: 'two_thirds', of: 'yes_no' }, counts: counts(0, 0, 7), present: 7, passed: false, quorumMet: true }
	];
	it.each(cases)('$name', ({ majority, counts: c, present, quorum = null, passed, quorumMet }) => {
		const votedCount = Object.values(c).reduce((a, b) => a + b, 0);
		const result = decide({ options: YNA, majority, counts: c, votedCount, presence: p(present), quorum, bodyType: 'other', chairChoice: null });
		expect({ passed: result.passed, quorumMet: result.quorumMet }).toEqual({ passed, quorumMet });
		// The rule that decided is stored with its base, the figures and the sentence that explains it.
		expect(result).toMatchObject({ majority, counts: c, votedCount, eligibleCount: present, presentCount: present, memberCount: 10, ranking: null, bodyType: 'other' });
		expect(result.base).toEqual({ of: majority.of, count: baseCount(majority.of, c, votedCount, p(present)) });
		expect(result.majorityMet).toBe(majorityMet(majority, c, votedCount, p(present)).met);
		expect(result.reason?.vi).toBeTruthy();
		expect(result.reason?.en).toBeTruthy();
	});

	it('a custom list has no passed/not passed: counts and a ranking with shared ranks', () => {
		const options = ['Nguyễn Văn A', 'Trần Thị B', 'Lê Văn C', 'Phạm D'];
		const c = { 'Nguyễn Văn A': 5, 'Trần Thị B': 7, 'Lê Văn C': 5, 'Phạm D': 1 };
		const result = decide({ options, majority: SIMPLE, counts: c, votedCount: 9, presence: p(9), quorum: null, bodyType: 'other', chairChoice: null });
		expect(result.passed).toBeNull();
		expect(result.majorityMet).toBeNull();
		expect(result.majority).toBeNull();
		expect(result.reason).toBeUndefined();
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
