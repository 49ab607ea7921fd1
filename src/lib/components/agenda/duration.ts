import { m } from '$lib/paraglide/messages';

/** "2 giờ 10 phút" / "2 h 10 min": a planned duration read at a glance. */
export function durationLabel(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return m.sec_duration_minutes({ minutes: rest });
	if (rest === 0) return m.sec_duration_hours({ hours });
	return m.sec_duration_hours_minutes({ hours, minutes: rest });
}
