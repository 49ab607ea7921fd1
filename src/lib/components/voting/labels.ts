import { m } from '$lib/paraglide/messages';

export type Majority = 'simple' | 'absolute' | 'two_thirds';
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

export function majorityLabel(majority: Majority): string {
	switch (majority) {
		case 'simple':
			return m.vote_majority_simple();
		case 'absolute':
			return m.vote_majority_absolute();
		case 'two_thirds':
			return m.vote_majority_two_thirds();
	}
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
