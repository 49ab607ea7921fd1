import { m } from '$lib/paraglide/messages';
import type { AbsenceReason } from '$lib/meetings/absence';

export function absenceReasonLabel(reason: AbsenceReason, locale?: 'vi' | 'en'): string {
	const options = locale ? { locale } : undefined;
	switch (reason) {
		case 'business_trip':
			return m.desk_reason_business_trip({}, options);
		case 'illness':
			return m.desk_reason_illness({}, options);
		case 'other':
			return m.desk_reason_other({}, options);
	}
}

/** "Đi công tác", or for "other" the member's own words: what a list of replies shows as the reason. */
export function absenceText(reason: AbsenceReason | null, note: string): string {
	if (!reason) return note;
	if (reason === 'other') return note || absenceReasonLabel(reason);
	return note ? `${absenceReasonLabel(reason)}: ${note}` : absenceReasonLabel(reason);
}
