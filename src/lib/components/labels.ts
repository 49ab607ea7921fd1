import { m } from '$lib/paraglide/messages';
import type { GlobalRole, MeetingStatus, ParticipantRole } from '$lib/server/db/schema';

/** The words people read for the domain's enum values, in the current language. */
export function statusLabel(status: MeetingStatus): string {
	switch (status) {
		case 'draft':
			return m.app_status_draft();
		case 'scheduled':
			return m.app_status_scheduled();
		case 'in_progress':
			return m.app_status_in_progress();
		case 'closed':
			return m.app_status_closed();
	}
}

export function roleLabel(role: ParticipantRole): string {
	switch (role) {
		case 'chair':
			return m.app_role_chair();
		case 'delegate':
			return m.app_role_delegate();
		case 'observer':
			return m.app_role_observer();
	}
}

/** Group headings, plural where the language has one ("Delegates"). */
export function roleGroupLabel(role: ParticipantRole): string {
	switch (role) {
		case 'chair':
			return m.app_participants_group_chair();
		case 'delegate':
			return m.app_participants_group_delegate();
		case 'observer':
			return m.app_participants_group_observer();
	}
}

export function globalRoleLabel(role: GlobalRole): string {
	switch (role) {
		case 'admin':
			return m.app_global_role_admin();
		case 'secretary':
			return m.app_global_role_secretary();
		case 'member':
			return m.app_global_role_member();
	}
}

/** "Quorum" after the page's own name, so tabs and history read well. */
export const pageTitle = (page: string) => m.app_page_title({ page });

/** The order roles are listed in a meeting: the chair first, observers last. */
export const PARTICIPANT_ROLES_IN_ORDER: readonly ParticipantRole[] = ['chair', 'delegate', 'observer'];
