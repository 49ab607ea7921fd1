/**
 * The rules of a task's status, shared by the server (which enforces them) and the pages (which offer only the
 * buttons that will be accepted). Plain functions without imports, so the database schema can take the list too.
 *
 * What people set is stored: assigned → in progress → done. "Overdue" is not a status anyone sets: it is read
 * from the deadline and today's date, so a stored row never says more than what someone decided, and a task
 * done late stays "done" (its `doneAt` after the deadline tells the rest).
 */
export const TASK_STATUSES = ['assigned', 'in_progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** What a list can be filtered by: a stored status, or the computed "overdue" and "open" (not done). */
export const TASK_FILTERS = ['assigned', 'in_progress', 'done', 'overdue', 'open'] as const;
export type TaskFilter = (typeof TASK_FILTERS)[number];

/** Who asks to move a task: its manager (the secretariat, the meeting's chair) or its owner (the person given it). */
export type TaskMover = 'manager' | 'owner';

/** The province's calendar: a deadline is a day there, whatever the tablet's or the server's own zone. */
const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Today's date (YYYY-MM-DD) in the province. */
export function provinceDate(now: Date): string {
	// en-CA writes dates as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone: PROVINCE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar date as the API takes it; also refuses days that do not exist (2026-02-30). */
export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Overdue: not done, and the deadline day has passed in the province (the deadline day itself is still in time). */
export function isOverdue(task: { status: TaskStatus; deadline: string }, now: Date): boolean {
	return task.status !== 'done' && task.deadline < provinceDate(now);
}

/** Whole days past the deadline (0 when in time or done). */
export function daysOverdue(task: { status: TaskStatus; deadline: string }, now: Date): number {
	if (!isOverdue(task, now)) return 0;
	const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
	return Math.round((day(provinceDate(now)) - day(task.deadline)) / 86_400_000);
}

/**
 * The moves allowed from each status. The owner moves a task forward (starts it, reports it done); only a
 * manager takes it back (reopens a task reported done, or puts one back to assigned), because going back
 * questions someone else's report.
 */
const MOVES: Record<TaskStatus, Partial<Record<TaskStatus, readonly TaskMover[]>>> = {
	assigned: { in_progress: ['manager', 'owner'], done: ['manager', 'owner'] },
	in_progress: { done: ['manager', 'owner'], assigned: ['manager'] },
	done: { in_progress: ['manager'] }
};

export function canMoveTask(from: TaskStatus, to: TaskStatus, mover: TaskMover): boolean {
	return MOVES[from][to]?.includes(mover) ?? false;
}

/** The statuses the mover may set next, in the order the buttons show them. */
export function nextStatuses(from: TaskStatus, movers: readonly TaskMover[]): TaskStatus[] {
	return TASK_STATUSES.filter((to) => movers.some((mover) => canMoveTask(from, to, mover)));
}
