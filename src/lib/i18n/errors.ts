import { m } from '$lib/paraglide/messages';
import type { ErrorCode, ErrorDetails, FieldReason } from '$lib/server/errors';

/** The sentence a person reads for an error code, in the current request's language. */
export function errorMessage(code: ErrorCode, details: ErrorDetails = {}): string {
	switch (code) {
		case 'bad_request':
			return m.error_bad_request();
		case 'invalid_json':
			return m.error_invalid_json();
		case 'validation_failed': {
			// A name or title refused for what it hides says why: "check the fields" would not help anyone
			// find a character they cannot see.
			const reason = details.fields?.find((f) => f.reason)?.reason;
			return reason ? fieldReasonMessage(reason) : m.error_validation_failed();
		}
		case 'unauthenticated':
			return m.error_unauthenticated();
		case 'invalid_credentials':
			return m.error_invalid_credentials();
		case 'session_expired':
			return m.error_session_expired();
		case 'forbidden':
			return m.error_forbidden();
		case 'cross_site_request':
			return m.error_cross_site_request();
		case 'not_found':
			return m.error_not_found();
		case 'username_taken':
			return m.error_username_taken();
		case 'already_participant':
			return m.error_already_participant();
		case 'document_confidential':
			return m.brief_error_document_confidential();
		case 'group_name_taken':
			return m.brief_error_group_name_taken();
		case 'chair_exists':
			return details.currentChair ? m.error_chair_exists({ name: details.currentChair.displayName }) : m.error_chair_exists_unnamed();
		case 'already_checked_in':
			return m.error_already_checked_in();
		case 'substitute_not_pending':
			return m.error_substitute_not_pending();
		case 'minutes_not_started':
			return m.error_minutes_not_started();
		case 'minutes_not_draft':
			return m.error_minutes_not_draft();
		case 'minutes_not_submitted':
			return m.error_minutes_not_submitted();
		case 'minutes_changed':
			return m.error_minutes_changed();
		case 'minutes_approved':
			return m.error_minutes_approved();
		case 'secretary_signature_missing':
			return m.error_secretary_signature_missing();
		case 'minutes_already_signed':
			return m.error_minutes_already_signed();
		case 'invalid_certificate':
			return m.error_invalid_certificate();
		case 'vote_still_open':
			return m.error_vote_still_open();
		case 'meeting_archived':
			return m.error_meeting_archived();
		case 'poll_closed':
			return m.polls_error_closed();
		case 'poll_answer_final':
			return m.polls_error_answer_final();
		case 'task_transition':
			return m.tasks_error_transition();
		case 'department_name_taken':
			return m.tasks_error_department_name_taken();
		case 'department_in_use':
			return m.tasks_error_department_in_use();
		case 'conclusion_not_in_minutes':
			return m.tasks_error_conclusion_not_in_minutes();
		case 'meeting_closed':
			return m.error_meeting_closed();
		case 'meeting_not_started':
			return m.error_meeting_not_started();
		case 'display_link_revoked':
			return m.error_display_link_revoked();
		case 'wrong_password':
			return m.error_wrong_password();
		case 'conflict':
			return m.error_conflict();
		case 'agenda_item_has_documents':
			return m.error_agenda_item_has_documents();
		case 'document_has_newer_versions':
			return m.error_document_has_newer_versions();
		case 'not_eligible':
			return m.error_not_eligible();
		case 'not_checked_in':
			return m.error_not_checked_in();
		case 'vote_not_open':
			return m.error_vote_not_open();
		case 'already_voted':
			return m.error_already_voted();
		case 'motion_closed':
			return m.error_motion_closed();
		case 'motion_not_draft':
			return m.error_motion_not_draft();
		case 'another_motion_open':
			return m.error_another_motion_open();
		case 'motion_not_closed':
			return m.error_motion_not_closed();
		case 'proxy_limit_reached':
			return m.error_proxy_limit_reached();
		case 'already_on_speakers_list':
			return m.error_already_on_speakers_list();
		case 'payload_too_large':
			// Whole megabytes, rounded up, as people think of upload limits ("50 MB").
			return m.error_payload_too_large({ limitMb: Math.ceil((details.limitBytes ?? 0) / (1024 * 1024)) });
		case 'unsupported_media_type':
			return m.error_unsupported_media_type();
		case 'range_not_satisfiable':
			return m.error_range_not_satisfiable();
		case 'pdf_encrypted':
			return m.error_pdf_encrypted();
		case 'pdf_damaged':
			return m.error_pdf_damaged();
		case 'too_many_attempts':
			return m.error_too_many_attempts({ minutes: Math.max(1, Math.ceil((details.retryAfterSeconds ?? 60) / 60)) });
		case 'internal':
			return m.error_internal();
	}
}

/** The sentence for why a field was refused, where the reason is more useful than the field's usual hint. */
export function fieldReasonMessage(reason: FieldReason): string {
	switch (reason) {
		case 'control_character':
			return m.error_text_control_character();
		case 'bidi_control':
			return m.error_text_bidi_control();
		case 'no_visible_character':
			return m.error_text_no_visible_character();
	}
}
