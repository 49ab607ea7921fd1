/**
 * Why a member will not attend, as the invitation's reply and the attendance record keep it. Shared by the server
 * (schema, validation, minutes) and the browser (the reply form), so both speak of the same three reasons.
 */
export const ABSENCE_REASONS = ['business_trip', 'illness', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export const isAbsenceReason = (value: unknown): value is AbsenceReason => ABSENCE_REASONS.includes(value as AbsenceReason);
