import { m } from '$lib/paraglide/messages';
import type { GlobalRole, MeetingStatus } from '$lib/server/db/schema';

/* What the forms' selects offer, in the order offered (roles in a meeting: labels.ts PARTICIPANT_ROLES_IN_ORDER). */

export const MEETING_STATUS_OPTIONS: MeetingStatus[] = ['draft', 'scheduled', 'in_progress', 'closed'];
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
