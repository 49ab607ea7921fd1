import { m } from '$lib/paraglide/messages';

export type MeetingStatus = 'draft' | 'scheduled' | 'in_progress' | 'closed';
export type ParticipantRole = 'chair' | 'delegate' | 'observer';
export type GlobalRole = 'admin' | 'secretary' | 'member';

export const MEETING_STATUS_OPTIONS: MeetingStatus[] = ['draft', 'scheduled', 'in_progress', 'closed'];
export const PARTICIPANT_ROLE_OPTIONS: ParticipantRole[] = ['chair', 'delegate', 'observer'];
export const GLOBAL_ROLE_OPTIONS: GlobalRole[] = ['member', 'secretary', 'admin'];

export function statusLabel(status: string): string {
	switch (status) {
		case 'draft':
			return m.sec_status_draft();
		case 'scheduled':
			return m.sec_status_scheduled();
		case 'in_progress':
			return m.sec_status_in_progress();
		case 'closed':
			return m.sec_status_closed();
		default:
			return status;
	}
}

export function participantRoleLabel(role: string): string {
	switch (role) {
		case 'chair':
			return m.sec_role_chair();
		case 'delegate':
			return m.sec_role_delegate();
		case 'observer':
			return m.sec_role_observer();
		default:
			return role;
	}
}

export function globalRoleLabel(role: string): string {
	switch (role) {
		case 'admin':
			return m.sec_grole_admin();
		case 'secretary':
			return m.sec_grole_secretary();
		case 'member':
			return m.sec_grole_member();
		default:
			return role;
	}
}

/** "2 giờ 10 phút" / "2 h 10 min": a planned duration read at a glance. */
export function durationLabel(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return m.sec_duration_minutes({ minutes: rest });
	if (rest === 0) return m.sec_duration_hours({ hours });
	return m.sec_duration_hours_minutes({ hours, minutes: rest });
}
