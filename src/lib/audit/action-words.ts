import { m } from '$lib/paraglide/messages';

type Words = (inputs?: Record<string, never>, options?: { locale?: 'vi' | 'en' }) => string;

/** Every action the log holds, in words (messages/desk). An action not listed here is shown by its code. */
const ACTION_WORDS: Record<string, Words> = {
	'auth.sign_in': m.desk_audit_auth_sign_in,
	'auth.sign_in_failed': m.desk_audit_auth_sign_in_failed,
	'auth.throttled': m.desk_audit_auth_throttled,
	'user.create': m.desk_audit_user_create,
	'user.update': m.desk_audit_user_update,
	'user.change_password': m.desk_audit_user_change_password,
	'user.change_password_refused': m.desk_audit_user_change_password_refused,
	'signing.certificate_installed': m.desk_audit_signing_certificate_installed,
	'signing.certificate_removed': m.desk_audit_signing_certificate_removed,
	'display_link.create': m.desk_audit_display_link_create,
	'display_link.revoke': m.desk_audit_display_link_revoke,
	'meeting.create': m.desk_audit_meeting_create,
	'meeting.update': m.desk_audit_meeting_update,
	'meeting.start': m.desk_audit_meeting_start,
	'meeting.end': m.desk_audit_meeting_end,
	'meeting.current_item': m.desk_audit_meeting_current_item,
	'meeting.present': m.desk_audit_meeting_present,
	'meeting.stop_presenting': m.desk_audit_meeting_stop_presenting,
	'meeting.show_result': m.desk_audit_meeting_show_result,
	'meeting.hide_result': m.desk_audit_meeting_hide_result,
	'meeting.reply': m.desk_audit_meeting_reply,
	'agenda.add': m.desk_audit_agenda_add,
	'agenda.update': m.desk_audit_agenda_update,
	'agenda.delete': m.desk_audit_agenda_delete,
	'agenda.move': m.desk_audit_agenda_move,
	'agenda.promote': m.desk_audit_agenda_promote,
	'agenda.demote': m.desk_audit_agenda_demote,
	'participant.add': m.desk_audit_participant_add,
	'participant.update': m.desk_audit_participant_update,
	'participant.remove': m.desk_audit_participant_remove,
	'attendance.self': m.desk_audit_attendance_self,
	'attendance.mark': m.desk_audit_attendance_mark,
	'attendance.reply': m.desk_audit_attendance_reply,
	'proxy.set': m.desk_audit_proxy_set,
	'proxy.withdraw': m.desk_audit_proxy_withdraw,
	'speaker.request': m.desk_audit_speaker_request,
	'speaker.withdraw': m.desk_audit_speaker_withdraw,
	'speaker.move': m.desk_audit_speaker_move,
	'speaker.floor': m.desk_audit_speaker_floor,
	'speaker.end': m.desk_audit_speaker_end,
	'motion.create': m.desk_audit_motion_create,
	'motion.update': m.desk_audit_motion_update,
	'motion.delete': m.desk_audit_motion_delete,
	'motion.open': m.desk_audit_motion_open,
	'motion.close': m.desk_audit_motion_close,
	'ballot.cast': m.desk_audit_ballot_cast,
	'document.upload': m.desk_audit_document_upload,
	'document.delete': m.desk_audit_document_delete,
	'document.download': m.desk_audit_document_download,
	'document.update': m.desk_audit_document_update,
	'document.reorder': m.desk_audit_document_reorder,
	'group.create': m.desk_audit_group_create,
	'group.update': m.desk_audit_group_update,
	'group.delete': m.desk_audit_group_delete,
	'group.members': m.desk_audit_group_members,
	'minutes.started': m.desk_audit_minutes_started,
	'minutes.paragraph_added': m.desk_audit_minutes_paragraph_added,
	'minutes.submitted': m.desk_audit_minutes_submitted,
	'minutes.returned': m.desk_audit_minutes_returned,
	'minutes.secretary_signed': m.desk_audit_minutes_secretary_signed,
	'minutes.signature_refused': m.desk_audit_minutes_signature_refused,
	'minutes.approved': m.desk_audit_minutes_approved,
	'minutes.approval_refused': m.desk_audit_minutes_approval_refused,
	'demo.seed': m.desk_audit_demo_seed,
};

export const KNOWN_AUDIT_ACTIONS: readonly string[] = Object.keys(ACTION_WORDS);

/** What an audit action means, in the page's language or the one given (a CSV export names its own). */
export function auditActionWords(action: string, locale?: 'vi' | 'en'): string {
	const words = ACTION_WORDS[action];
	return words ? words({}, locale ? { locale } : undefined) : action;
}
