import { bodyPreset, type BodyType, type Wording } from './bodies';
import type { Base, MajorityRule, Threshold } from './majority';

/**
 * The one sentence that says why a motion was or was not carried, in both languages, stored with the result so the
 * minutes, the CSV and every screen print the same words ("3/6 thành viên tán thành, chưa đạt quá nửa tổng số
 * thành viên Ủy ban nhân dân"). Built once at close; never re-derived from a rule whose wording may change later.
 */

export interface ReasonInput {
	bodyType: BodyType;
	rule: MajorityRule;
	yes: number;
	no: number;
	/** The number the rule's base stood for. */
	base: number;
	/** Whether the rule was met (after any tie-break). */
	met: boolean;
	/** Present when the rule has a chair tie-break and yes equalled no above zero. */
	tie: { chairChoice: string | null; applied: boolean } | null;
	legalBasis: Wording | null;
	quorum: { met: boolean; present: number; required: number };
}

const THRESHOLD_WORDS: Record<Threshold, { vi: string; enMet: string; enNotMet: string }> = {
	more_than_half: { vi: 'quá nửa', enMet: 'more than half of', enNotMet: 'not more than half of' },
	two_thirds: { vi: 'hai phần ba', enMet: 'at least two thirds of', enNotMet: 'less than two thirds of' },
	three_quarters: { vi: 'ba phần tư', enMet: 'at least three quarters of', enNotMet: 'less than three quarters of' }
};

/** "3/6 thành viên tán thành" / "3 of 6 members in favour", and the base named after the threshold. */
function counted(bodyType: BodyType, of: Base, yes: number, no: number, base: number): { vi: string; en: string; baseVi: string; baseEn: string } {
	const w = bodyPreset(bodyType).words;
	switch (of) {
		case 'members':
			return { vi: `${yes}/${base} ${w.member.vi} tán thành`, en: `${yes} of ${base} ${w.member.en} in favour`, baseVi: w.allMembers.vi, baseEn: w.allMembers.en };
		case 'present':
			return {
				vi: `${yes}/${base} ${w.member.vi} có mặt tán thành`,
				en: `${yes} of ${base} ${w.member.en} present in favour`,
				baseVi: `số ${w.member.vi} có mặt hoặc được ủy quyền`,
				baseEn: `the ${w.member.en} present or represented`
			};
		case 'ballots':
			return { vi: `${yes}/${base} phiếu tán thành`, en: `${yes} of ${base} ballots in favour`, baseVi: 'tổng số phiếu biểu quyết', baseEn: 'the ballots cast' };
		case 'yes_no':
			return {
				vi: `${yes} phiếu tán thành, ${no} phiếu không tán thành`,
				en: `${yes} for, ${no} against`,
				baseVi: 'số phiếu tán thành và không tán thành',
				baseEn: 'the votes for and against'
			};
	}
}

/**
 * A rule in words, for the line of the minutes that says how a motion is decided ("quá nửa tổng số thành viên Ủy ban
 * nhân dân; ngang nhau thì theo ý kiến Chủ tịch Ủy ban nhân dân đã biểu quyết").
 */
export function ruleWords(bodyType: BodyType, rule: MajorityRule): Wording {
	const words = bodyPreset(bodyType).words;
	const c = counted(bodyType, rule.of, 0, 0, 0);
	const t = { more_than_half: ['quá nửa', 'more than half of'], two_thirds: ['ít nhất hai phần ba', 'at least two thirds of'], three_quarters: ['ít nhất ba phần tư', 'at least three quarters of'] }[rule.threshold];
	let vi = `${t[0]} ${c.baseVi}`;
	let en = `${t[1]} ${c.baseEn}`;
	if (rule.tieBreak === 'chair') {
		vi += `; ngang nhau thì theo ý kiến ${words.chair.vi} đã biểu quyết`;
		en += `; on a tie, the ${words.chair.en}'s vote decides`;
	}
	return { vi, en };
}

const choiceVi = (c: string | null) => (c === 'yes' ? 'tán thành' : c === 'no' ? 'không tán thành' : 'không biểu quyết');
const choiceEn = (c: string | null) => (c === 'yes' ? 'for' : c === 'no' ? 'against' : 'neither for nor against');

export function resultReason(input: ReasonInput): Wording {
	const { bodyType, rule, yes, no, base, met, tie, legalBasis, quorum } = input;
	const c = counted(bodyType, rule.of, yes, no, base);
	const t = THRESHOLD_WORDS[rule.threshold];
	let vi: string;
	let en: string;
	if (tie) {
		const chair = bodyPreset(bodyType).words.chair;
		if (tie.applied) {
			vi = `${c.vi}; số phiếu tán thành và không tán thành ngang nhau, quyết định theo ý kiến ${chair.vi} đã biểu quyết (${choiceVi(tie.chairChoice)})`;
			en = `${c.en}; for and against are equal, decided by the vote of the ${chair.en} (${choiceEn(tie.chairChoice)})`;
		} else {
			vi = `${c.vi}; số phiếu ngang nhau và ${chair.vi} ${tie.chairChoice === null ? 'chưa biểu quyết' : 'không biểu quyết'}, chưa đạt ${t.vi} ${c.baseVi}`;
			en = `${c.en}; for and against are equal and the ${chair.en} voted ${tie.chairChoice === null ? 'not at all' : choiceEn(tie.chairChoice)}: ${t.enNotMet} ${c.baseEn}`;
		}
	} else {
		vi = `${c.vi}, ${met ? 'đạt' : 'chưa đạt'} ${t.vi} ${c.baseVi}`;
		en = `${c.en}: ${met ? t.enMet : t.enNotMet} ${c.baseEn}`;
	}
	if (legalBasis) {
		vi += ` (${legalBasis.vi})`;
		en += ` (${legalBasis.en})`;
	}
	if (!quorum.met) {
		vi += `; không đủ túc số: ${quorum.present} có mặt, cần ${quorum.required}`;
		en += `; no quorum: ${quorum.present} present, ${quorum.required} required`;
	}
	return { vi, en };
}
