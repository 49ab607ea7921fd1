import { DISPLAY_TIME_ZONE } from '$lib/i18n/format';
import { getLocale } from '$lib/paraglide/runtime';

const intlLocale = (locale: string) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

/** "3,4 MB" / "3.4 MB": decimal units, as tablets' storage settings show them. */
export function formatBytes(bytes: number, locale: string = getLocale()): string {
	const [unit, value] =
		bytes >= 1e9 ? (['gigabyte', bytes / 1e9] as const) : bytes >= 1e6 ? (['megabyte', bytes / 1e6] as const) : (['kilobyte', bytes / 1e3] as const);
	return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/** When a copy was saved: day and time, in the province's time zone. */
export function formatSavedAt(iso: string, locale: string = getLocale()): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE }).format(new Date(iso));
}
