import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * Dates are shown in the province's time zone whatever the tablet's setting, so everyone in the room reads
 * the same time. Vietnamese has no daylight saving; the zone is still named, not hard-coded as +07:00.
 */
export const DISPLAY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const intlLocale = (locale: string) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

export function formatDateTime(value: Date | string | number, locale: string = getLocale()): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: DISPLAY_TIME_ZONE
	}).format(new Date(value));
}

export function formatDate(value: Date | string | number, locale: string = getLocale()): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: DISPLAY_TIME_ZONE }).format(new Date(value));
}

export function formatTime(value: Date | string | number, locale: string = getLocale()): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE }).format(new Date(value));
}

/**
 * A planned duration, the one way every screen writes it: "1 giờ 25 phút" / "1 h 25 min", "45 phút", "2 giờ".
 * (Intl.DurationFormat would do it, but not on Node 20 nor on the tablets' older browsers.)
 */
export function formatDuration(minutes: number, language: string = getLocale()): string {
	const locale = language === 'en' ? 'en' : 'vi';
	const whole = Math.max(0, Math.round(minutes));
	const hours = Math.floor(whole / 60);
	const rest = whole % 60;
	if (hours === 0) return m.format_duration_minutes({ minutes: rest }, { locale });
	if (rest === 0) return m.format_duration_hours({ hours }, { locale });
	return m.format_duration_hours_minutes({ hours, minutes: rest }, { locale });
}

/** Offset of DISPLAY_TIME_ZONE from UTC at `at`, in minutes (420 for Vietnam). */
function zoneOffsetMinutes(at: Date): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: DISPLAY_TIME_ZONE,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - at.getTime()) / 60_000);
}

/** `<input type="datetime-local">` value (wall time in DISPLAY_TIME_ZONE) → instant. Null when not a valid value. */
export function fromLocalInput(value: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!match) return null;
	const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	const guess = new Date(wall - zoneOffsetMinutes(new Date(wall)) * 60_000);
	return new Date(wall - zoneOffsetMinutes(guess) * 60_000);
}

/** Instant → `<input type="datetime-local">` value in DISPLAY_TIME_ZONE. */
export function toLocalInput(value: Date | string | number): string {
	const at = new Date(value);
	const local = new Date(at.getTime() + zoneOffsetMinutes(at) * 60_000);
	return local.toISOString().slice(0, 16);
}
