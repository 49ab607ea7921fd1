import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, fromLocalInput, toLocalInput } from '$lib/i18n/format';

describe('meeting times in the province’s time zone', () => {
	it('reads a datetime-local value as Vietnamese wall time', () => {
		expect(fromLocalInput('2026-12-04T08:00')?.toISOString()).toBe('2026-12-04T01:00:00.000Z');
		expect(fromLocalInput('2026-12-04T03:30')?.toISOString()).toBe('2026-12-03T20:30:00.000Z');
	});

	it('round-trips', () => {
		for (const v of ['2026-01-01T00:00', '2026-06-30T23:59', '2027-02-28T12:15']) {
			expect(toLocalInput(fromLocalInput(v)!)).toBe(v);
		}
	});

	it('rejects what is not a datetime-local value', () => {
		expect(fromLocalInput('')).toBeNull();
		expect(fromLocalInput('04/12/2026 08:00')).toBeNull();
	});

	it('formats per locale, in the same zone for both', () => {
		const at = new Date('2026-12-04T01:00:00Z');
		const vi = formatDateTime(at, 'vi');
		const en = formatDateTime(at, 'en');
		expect(vi).toContain('08:00');
		expect(vi).toMatch(/tháng 12/i);
		expect(en).toContain('08:00');
		expect(en).toMatch(/December/);
	});
});

describe('durations, written one way on every screen', () => {
	it('splits hours from minutes in both languages: never "130 phút"', () => {
		expect(formatDuration(85, 'vi')).toBe('1 giờ 25 phút');
		expect(formatDuration(130, 'vi')).toBe('2 giờ 10 phút');
		expect(formatDuration(85, 'en')).toBe('1 h 25 min');
	});

	it('leaves out the part that is zero', () => {
		expect(formatDuration(45, 'vi')).toBe('45 phút');
		expect(formatDuration(120, 'vi')).toBe('2 giờ');
		expect(formatDuration(60, 'en')).toBe('1 h');
		expect(formatDuration(5, 'en')).toBe('5 min');
	});
});
