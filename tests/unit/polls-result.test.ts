import { describe, expect, it } from 'vitest';
import { decidePoll, pollBase, pollIsDue, tallyPoll, type PollCounts } from '$lib/polls/result';
import type { MajorityRule } from '$lib/votes/majority';
import { canInPoll, POLL_ACTIONS } from '$lib/server/auth/policy';
import { pollSummaryBlocks, type PollSummaryFacts } from '$lib/server/polls/summary';
import { pollSummaryNumber } from '$lib/server/polls/archive';
import { answerPollInput, createPollInput } from '$lib/server/polls/service';

const ALL_MEMBERS: MajorityRule = { threshold: 'more_than_half', of: 'members' };
const counts = (agree: number, disagree: number, other: number): PollCounts => ({ agree, disagree, other });

describe('tallyPoll', () => {
	it('counts each choice, zero included, and refuses a choice that is not one', () => {
		expect(tallyPoll(['agree', 'agree', 'other'])).toEqual({ agree: 2, disagree: 0, other: 1 });
		expect(tallyPoll([])).toEqual({ agree: 0, disagree: 0, other: 0 });
		expect(() => tallyPoll(['yes'])).toThrow(/unknown choice/);
	});
});

describe('decidePoll: the motion rules, silence counting like absence', () => {
	// [rule, counts, members, passed, base, why]
	const cases: [MajorityRule, PollCounts, number, boolean, number, string][] = [
		[ALL_MEMBERS, counts(4, 2, 0), 7, true, 7, 'issue 19: 4 of 7 members is more than half of all'],
		[ALL_MEMBERS, counts(3, 0, 0), 7, false, 7, 'issue 19: 3 of 7 is not, whatever the others did'],
		[ALL_MEMBERS, counts(3, 3, 0), 6, false, 6, 'exactly half is not more than half, and a poll has no tie-break'],
		[ALL_MEMBERS, counts(0, 0, 0), 5, false, 5, 'nobody answered'],
		[{ threshold: 'more_than_half', of: 'yes_no' }, counts(2, 1, 3), 9, true, 3, 'agree and disagree only: other opinions and silence count for nothing'],
		[{ threshold: 'more_than_half', of: 'ballots' }, counts(2, 1, 2), 9, false, 5, 'every answer, other opinions included'],
		[{ threshold: 'more_than_half', of: 'present' }, counts(3, 1, 1), 9, true, 5, 'those who answered stand for those present'],
		[{ threshold: 'two_thirds', of: 'members' }, counts(4, 0, 0), 6, true, 6, 'at least two thirds: 4 of 6'],
		[{ threshold: 'two_thirds', of: 'members' }, counts(3, 0, 0), 5, false, 5, '3 of 5 is less than two thirds'],
		[{ threshold: 'three_quarters', of: 'members' }, counts(3, 0, 0), 4, true, 4, 'three of four']
	];
	for (const [rule, c, members, passed, base, why] of cases) {
		it(`${rule.threshold}/${rule.of} ${c.agree}-${c.disagree}-${c.other} of ${members}: ${why}`, () => {
			const result = decidePoll({ rule, bodyType: 'people_committee', counts: c, memberCount: members });
			expect(result.passed).toBe(passed);
			expect(result.base).toEqual({ of: rule.of, count: base });
			expect(result.answeredCount).toBe(c.agree + c.disagree + c.other);
			expect(result.memberCount).toBe(members);
		});
	}

	it('stores the sentence of the law for the committee’s rule, without a quorum clause', () => {
		const passed = decidePoll({ rule: ALL_MEMBERS, bodyType: 'people_committee', counts: counts(4, 2, 0), memberCount: 7 });
		expect(passed.reason.vi).toMatch(/^4\/7 thành viên tán thành, đạt quá nửa tổng số thành viên Ủy ban nhân dân \(.*72\/2025\/QH15\)$/);
		expect(passed.reason.en).toMatch(/^4 of 7 members in favour: more than half of all members of the People's Committee/);
		const not = decidePoll({ rule: ALL_MEMBERS, bodyType: 'people_committee', counts: counts(3, 0, 0), memberCount: 7 });
		expect(not.reason.vi).toMatch(/^3\/7 thành viên tán thành, chưa đạt quá nửa/);
		expect(not.reason.vi).not.toContain('túc số');
	});

	it('refuses more answers than members (a broken count, not a result)', () => {
		expect(() => decidePoll({ rule: ALL_MEMBERS, bodyType: 'other', counts: counts(3, 0, 0), memberCount: 2 })).toThrow();
	});

	it('pollBase names the number each base stands for', () => {
		expect(pollBase('members', counts(1, 1, 1), 3, 10)).toBe(10);
		expect(pollBase('yes_no', counts(1, 2, 4), 7, 10)).toBe(3);
		expect(pollBase('ballots', counts(1, 2, 4), 7, 10)).toBe(7);
		expect(pollBase('present', counts(1, 2, 4), 7, 10)).toBe(7);
	});
});

describe('pollIsDue', () => {
	const at = new Date('2026-12-03T10:00:00Z');
	const open = { state: 'open' as const, deadline: at };
	it('closes at the deadline, not a millisecond before', () => {
		expect(pollIsDue(open, 0, 5, new Date(at.getTime() - 1))).toBeNull();
		expect(pollIsDue(open, 0, 5, at)).toBe('deadline');
	});
	it('closes when every member answered for good, never for an empty electorate, never twice', () => {
		const later = new Date(at.getTime() + 3600_000);
		expect(pollIsDue({ ...open, deadline: later }, 4, 5, at)).toBeNull();
		expect(pollIsDue({ ...open, deadline: later }, 5, 5, at)).toBe('all_answered');
		expect(pollIsDue({ ...open, deadline: later }, 0, 0, at)).toBeNull();
		expect(pollIsDue({ state: 'closed', deadline: at }, 5, 5, later)).toBeNull();
	});
});

describe('canInPoll', () => {
	const staff = { id: 's', role: 'secretary' as const };
	const member = { id: 'm', role: 'member' as const };
	// [actor, in the electorate, view, answer, close]
	const table: [typeof staff | typeof member, boolean, boolean, boolean, boolean][] = [
		[staff, false, true, false, true],
		[staff, true, true, true, true],
		[member, true, true, true, false],
		[member, false, false, false, false]
	];
	for (const [actor, isMember, ...expected] of table) {
		it(`${actor.role}${isMember ? ' in the electorate' : ''}`, () => {
			expect(POLL_ACTIONS.map((a) => canInPoll(actor, isMember, a))).toEqual(expected);
		});
	}
});

describe('input', () => {
	const base = { title: 'Chủ trương', memberIds: ['u1'], deadline: '2030-01-01T00:00:00Z', ballot: 'open' };
	it('takes the electorate as members or a group, and the rule as for motions', () => {
		expect(createPollInput.safeParse(base).success).toBe(true);
		expect(createPollInput.safeParse({ ...base, memberIds: undefined, groupId: 'g1' }).success).toBe(true);
		expect(createPollInput.safeParse({ ...base, memberIds: [] }).success).toBe(false);
		expect(createPollInput.parse({ ...base, majority: 'absolute' }).majority).toEqual(ALL_MEMBERS);
		expect(createPollInput.safeParse({ ...base, majority: { threshold: 'more_than_half', of: 'members', tieBreak: 'chair' } }).success).toBe(false);
		expect(createPollInput.safeParse({ ...base, extra: 1 }).success).toBe(false);
	});
	it('needs a comment with an other opinion', () => {
		expect(answerPollInput.safeParse({ choice: 'other' }).success).toBe(false);
		expect(answerPollInput.safeParse({ choice: 'other', comment: '   ' }).success).toBe(false);
		expect(answerPollInput.parse({ choice: 'other', comment: ' Cần bổ sung ' })).toEqual({ choice: 'other', comment: 'Cần bổ sung', final: false });
		expect(answerPollInput.safeParse({ choice: 'yes' }).success).toBe(false);
	});
});

describe('the summary "Tổng hợp ý kiến thành viên"', () => {
	const facts = (over: Partial<PollSummaryFacts>): PollSummaryFacts => ({
		title: 'Chủ trương đầu tư',
		text: 'Đoạn một.\n\nĐoạn hai.',
		body: 'Ủy ban nhân dân tỉnh Quảng Nam',
		ballot: 'open',
		deadline: new Date('2026-12-05T10:00:00Z'),
		closedAt: new Date('2026-12-05T10:00:00Z'),
		closeReason: 'deadline',
		createdByName: 'Nguyễn Văn Thư',
		members: [
			{ userId: 'a', displayName: 'Trần An' },
			{ userId: 'b', displayName: 'Lê Bình' },
			{ userId: 'c', displayName: 'Phạm Cường' }
		],
		documents: [{ title: 'Tờ trình 12' }],
		result: decidePoll({ rule: ALL_MEMBERS, bodyType: 'people_committee', counts: counts(1, 0, 1), memberCount: 3 }),
		named: null,
		anonymous: null,
		answeredIds: ['a', 'b'],
		...over
	});
	const text = (blocks: unknown) => JSON.stringify(blocks);

	it('names each answer on an open poll, and who did not answer', () => {
		const blocks = pollSummaryBlocks(
			facts({
				named: [
					{ userId: 'a', displayName: 'Trần An', choice: 'agree', comment: '', final: true },
					{ userId: 'b', displayName: 'Lê Bình', choice: 'other', comment: 'Bổ sung nguồn vốn', final: false }
				]
			})
		);
		expect(text(blocks)).toContain('Lê Bình: ');
		expect(text(blocks)).toContain(' — Bổ sung nguồn vốn');
		expect(text(blocks)).toContain('Nội dung không được thông qua.');
		expect(text(blocks)).toMatch(/Thành viên không trả lời: ","bold":true\},\{"text":"Phạm Cường"/);
		expect(text(blocks)).toContain('"Thời hạn trả lời: ","bold":true},{"text":"17:00 ngày 05/12/2026"');
	});

	it('keeps names away from the answers of a secret poll', () => {
		const blocks = pollSummaryBlocks(facts({ ballot: 'secret', anonymous: [{ choice: 'other', comment: 'Bổ sung nguồn vốn' }, { choice: 'agree', comment: '' }] }));
		const all = text(blocks);
		expect(all).toContain('Bổ sung nguồn vốn');
		expect(all).not.toMatch(/(Trần An|Lê Bình)[^"]*Bổ sung/);
		expect(all).toContain('Thành viên đã trả lời: ');
	});

	it('is numbered by its archive record with the symbol of a summary', () => {
		expect(pollSummaryNumber(3, 'Ủy ban nhân dân tỉnh Quảng Nam')).toBe('03/TH-UBND');
		expect(pollSummaryNumber(12, '')).toBe('12/TH');
	});
});
