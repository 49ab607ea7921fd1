import { m } from '$lib/paraglide/messages';
import type { GlobalRole, MeetingStatus, ParticipantRole } from '$lib/server/db/schema';

/* What the forms' selects offer, in the order offered, and the words for each choice. */

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
