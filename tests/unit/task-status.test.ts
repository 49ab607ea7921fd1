import { describe, expect, it } from 'vitest';
import { canMoveTask, daysOverdue, isCalendarDate, isOverdue, nextStatuses, provinceDate, type TaskMover, type TaskStatus } from '../../src/lib/tasks/status';

// 2026-12-03 23:30 in Hà Nội is 16:30 UTC; 2026-12-04 00:30 there is 17:30 UTC the day before in UTC terms.
const LATE_EVENING = new Date('2026-12-03T16:30:00Z');
const JUST_AFTER_MIDNIGHT = new Date('2026-12-03T17:30:00Z');

describe('provinceDate', () => {
	it('is the calendar day in Asia/Ho_Chi_Minh, not UTC', () => {
		expect(provinceDate(LATE_EVENING)).toBe('2026-12-03');
		expect(provinceDate(JUST_AFTER_MIDNIGHT)).toBe('2026-12-04');
	});
});

describe('isCalendarDate', () => {
	it.each([
		['2026-12-31', true],
		['2028-02-29', true],
		['2026-02-29', false],
		['2026-13-01', false],
		['2026-1-5', false],
		['2026-12-03T00:00', false],
		['', false]
	])('%s → %s', (value, expected) => expect(isCalendarDate(value)).toBe(expected));
});

describe('overdue', () => {
	const cases: { status: TaskStatus; deadline: string; now: Date; overdue: boolean; days: number }[] = [
		// The deadline day itself is still in time, until midnight in the province.
		{ status: 'assigned', deadline: '2026-12-03', now: LATE_EVENING, overdue: false, days: 0 },
		{ status: 'assigned', deadline: '2026-12-03', now: JUST_AFTER_MIDNIGHT, overdue: true, days: 1 },
		{ status: 'in_progress', deadline: '2026-11-30', now: JUST_AFTER_MIDNIGHT, overdue: true, days: 4 },
		// Done is never overdue, however late.
		{ status: 'done', deadline: '2026-11-01', now: JUST_AFTER_MIDNIGHT, overdue: false, days: 0 },
		{ status: 'assigned', deadline: '2027-01-15', now: JUST_AFTER_MIDNIGHT, overdue: false, days: 0 }
	];
	it.each(cases)('$status due $deadline → overdue $overdue ($days days)', ({ status, deadline, now, overdue, days }) => {
		expect(isOverdue({ status, deadline }, now)).toBe(overdue);
		expect(daysOverdue({ status, deadline }, now)).toBe(days);
	});
});

describe('status moves', () => {
	const table: [TaskStatus, TaskStatus, TaskMover, boolean][] = [
		['assigned', 'in_progress', 'owner', true],
		['assigned', 'done', 'owner', true],
		['in_progress', 'done', 'owner', true],
		['in_progress', 'assigned', 'owner', false],
		['done', 'in_progress', 'owner', false],
		['done', 'assigned', 'owner', false],
		['assigned', 'in_progress', 'manager', true],
		['in_progress', 'assigned', 'manager', true],
		['done', 'in_progress', 'manager', true],
		['done', 'assigned', 'manager', false],
		['assigned', 'assigned', 'manager', false],
		['done', 'done', 'owner', false]
	];
	it.each(table)('%s → %s by %s: %s', (from, to, mover, allowed) => expect(canMoveTask(from, to, mover)).toBe(allowed));

	it('offers the buttons the server will accept, for one or both roles', () => {
		expect(nextStatuses('assigned', ['owner'])).toEqual(['in_progress', 'done']);
		expect(nextStatuses('done', ['owner'])).toEqual([]);
		expect(nextStatuses('done', ['manager'])).toEqual(['in_progress']);
		expect(nextStatuses('in_progress', ['owner', 'manager'])).toEqual(['assigned', 'done']);
		expect(nextStatuses('in_progress', [])).toEqual([]);
	});
});
