import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { BodyType } from '$lib/votes/bodies';
import { motionRule, type Base, type MajorityRule, type StoredMajority, type Threshold } from '$lib/votes/majority';
import type { MotionResult } from '$lib/votes/result';
export type AttendanceStatus = 'present' | 'absent' | 'excused';

/** The stable option keys of a decision, in the user's language; a custom option (a candidate) is its own label. */
export function optionLabel(option: string): string {
	switch (option) {
		case 'yes':
			return m.vote_option_yes();
		case 'no':
			return m.vote_option_no();
		case 'abstain':
			return m.vote_option_abstain();
		default:
			return option;
	}
}

export function thresholdLabel(threshold: Threshold): string {
	switch (threshold) {
		case 'more_than_half':
			return m.rule_threshold_more_than_half();
		case 'two_thirds':
			return m.rule_threshold_two_thirds();
		case 'three_quarters':
			return m.rule_threshold_three_quarters();
	}
}

export function baseLabel(base: Base): string {
	switch (base) {
		case 'yes_no':
			return m.rule_base_yes_no();
		case 'ballots':
			return m.rule_base_ballots();
		case 'present':
			return m.rule_base_present();
		case 'members':
			return m.rule_base_members();
	}
}

/** "Quá nửa tổng số người có quyền biểu quyết; ngang nhau thì theo ý kiến chủ tọa". */
export function majorityLabel(stored: StoredMajority): string {
	const rule: MajorityRule = motionRule(stored) ?? { threshold: 'more_than_half', of: 'yes_no' };
	const words = `${thresholdLabel(rule.threshold)} ${baseLabel(rule.of)}`;
	return rule.tieBreak === 'chair' ? `${words}; ${m.rule_tie_break_suffix()}` : words;
}

export function bodyTypeLabel(bodyType: BodyType): string {
	switch (bodyType) {
		case 'people_committee':
			return m.body_type_people_committee();
		case 'people_council':
			return m.body_type_people_council();
		case 'other':
			return m.body_type_other();
	}
}

/** The stored reason of a result in the interface's language; null for a result stored before it had one. */
export function resultReasonText(result: MotionResult): string | null {
	if (!result.reason) return null;
	return getLocale() === 'en' ? result.reason.en : result.reason.vi;
}

export function attendanceLabel(status: AttendanceStatus | null): string {
	switch (status) {
		case 'present':
			return m.vote_status_present();
		case 'absent':
			return m.vote_status_absent();
		case 'excused':
			return m.vote_status_excused();
		case null:
			return m.vote_status_unknown();
	}
}

/** "4:05" for a countdown. */
export function formatClock(seconds: number): string {
	const s = Math.max(0, Math.round(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
