import { and, asc, eq, inArray, isNull, lt, ne } from 'drizzle-orm';
import { daysOverdue, provinceDate } from '$lib/tasks/status';
import type { Db, Queryable } from '../db/client';
import { meetings, taskDepartments, tasks } from '../db/schema';

/** One overdue task the notices module should tell someone about. */
export interface OverdueTaskNotice {
	taskId: string;
	meetingId: string;
	meetingTitle: string;
	conclusion: string;
	deadline: string;
	daysOverdue: number;
	/** Who to tell: the person given the task; for a department, nobody has an account: tell the managers. */
	ownerUserId: string | null;
	ownerDepartment: string | null;
	/** Who gave it (the secretariat or the chair), told in every case. */
	createdBy: string;
}

/**
 * The tasks past their deadline that nobody has been told about yet: what the notices module (issue 19, "Notices")
 * calls, at start and daily, to send "overdue" notices; after sending it calls `markOverdueNoticed` with the ids it
 * handled, so each task is noticed once per deadline (a new deadline clears the mark, tasks/service.ts).
 * Nothing is sent from here: this module only knows which tasks, not how people are told.
 */
export function overdueTasksNeedingNotice(db: Queryable, now = new Date()): OverdueTaskNotice[] {
	return db
		.select({ t: tasks, meetingTitle: meetings.title, department: taskDepartments.name })
		.from(tasks)
		.innerJoin(meetings, eq(meetings.id, tasks.meetingId))
		.leftJoin(taskDepartments, eq(taskDepartments.id, tasks.ownerDepartmentId))
		.where(and(ne(tasks.status, 'done'), lt(tasks.deadline, provinceDate(now)), isNull(tasks.overdueNoticedAt)))
		.orderBy(asc(tasks.deadline))
		.all()
		.map(({ t, meetingTitle, department }) => ({
			taskId: t.id,
			meetingId: t.meetingId,
			meetingTitle,
			conclusion: t.conclusion,
			deadline: t.deadline,
			daysOverdue: daysOverdue(t, now),
			ownerUserId: t.ownerUserId,
			ownerDepartment: department,
			createdBy: t.createdBy
		}));
}

/** Records that the notices for these tasks went out (only those still without a mark: a second call changes nothing). */
export function markOverdueNoticed(db: Db, taskIds: readonly string[], now = new Date()): number {
	if (taskIds.length === 0) return 0;
	return db
		.update(tasks)
		.set({ overdueNoticedAt: now })
		.where(and(inArray(tasks.id, [...taskIds]), isNull(tasks.overdueNoticedAt)))
		.run().changes;
}
