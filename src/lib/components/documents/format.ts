import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

const intlLocale = (locale: string) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

/** "2,5 MB", "830 kB": decimal units with one significant decimal, as file managers show them. */
export function formatBytes(bytes: number, locale: string = getLocale()): string {
	const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return new Intl.NumberFormat(intlLocale(locale), {
		style: 'unit',
		unit: units[unit],
		unitDisplay: unit === 0 ? 'long' : 'short',
		maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1
	}).format(value);
}

export function formatPages(count: number): string {
	return count === 1 ? m.doc_pages_one() : m.doc_pages({ count: new Intl.NumberFormat(intlLocale(getLocale())).format(count) });
}
