import { m } from '$lib/paraglide/messages';
import { roleLabel } from '$lib/components/labels';
import { absenceReasonLabel } from '$lib/components/replies/labels';
import { attendanceLabel } from '$lib/components/voting/labels';
import { isAbsenceReason } from '$lib/meetings/absence';
import type { ParticipantRole } from '$lib/server/db/schema';

const ROLES: readonly string[] = ['chair', 'delegate', 'observer'];

/** The data keys worth reading on the screen, with their words; the CSV keeps every key. */
const LABELS: Record<string, () => string> = {
	userId: m.desk_detail_userId,
	username: m.desk_detail_username,
	role: m.desk_detail_role,
	canVote: m.desk_detail_canVote,
	status: m.desk_detail_status,
	previous: m.desk_detail_previous,
	reason: m.desk_detail_reason,
	note: m.desk_detail_note,
	title: m.desk_detail_title,
	attending: m.desk_detail_attending,
	principalId: m.desk_detail_principalId,
	holderId: m.desk_detail_holderId,
	substituteId: m.desk_detail_substituteId,
	substituteFor: m.desk_detail_substituteFor,
	replacedChair: m.desk_detail_replacedChair,
	voterId: m.desk_detail_voterId,
	choices: m.desk_detail_choices,
	passed: m.desk_detail_passed
};

const USER_KEYS = new Set(['userId', 'principalId', 'holderId', 'substituteId', 'substituteFor', 'replacedChair', 'voterId']);
const STATUSES = new Set(['present', 'absent', 'excused']);

function valueText(key: string, value: unknown, names: Record<string, string>): string | null {
	if (value === null || value === undefined || value === '') return key === 'status' || key === 'previous' ? attendanceLabel(null) : null;
	if (typeof value === 'boolean') return value ? m.desk_yes() : m.desk_no();
	if (USER_KEYS.has(key) && typeof value === 'string') return names[value] ?? value;
	if (key === 'role' && ROLES.includes(String(value))) return roleLabel(value as ParticipantRole);
	if ((key === 'status' || key === 'previous') && typeof value === 'string' && STATUSES.has(value)) return attendanceLabel(value as 'present' | 'absent' | 'excused');
	if (key === 'reason' && isAbsenceReason(value)) return absenceReasonLabel(value);
	if (Array.isArray(value)) return value.map(String).join(', ');
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	return null;
}

/** An entry's data in words ("Người: Vũ Thị Mai · Trạng thái: Vắng có lý do"), names instead of ids. */
export function auditDetails(data: Record<string, unknown> | null, names: Record<string, string>): string {
	if (!data) return '';
	const parts: string[] = [];
	for (const [key, label] of Object.entries(LABELS)) {
		if (!(key in data)) continue;
		const text = valueText(key, data[key], names);
		if (text !== null) parts.push(`${label()}: ${text}`);
	}
	return parts.join(' · ');
}
