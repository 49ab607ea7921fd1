import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { archiveRecords, taskDepartments, tasks, users } from '../db/schema';

/** A task as the archive record of its meeting lists it: as it stood when the minutes were approved, not as it went on. */
export interface ArchivedTask {
	id: string;
	conclusion: string;
	owner: { kind: 'user'; id: string; name: string } | { kind: 'department'; id: string; name: string };
	deadline: string;
	createdBy: string;
	createdAt: string;
}

/**
 * The tasks the minutes created, for the archive record written at approval (inside its transaction). Status,
 * comments and attachments are left out on purpose: they change after the record is sealed, and a record that
 * claimed a status would be wrong the next day.
 */
export function tasksForArchive(db: Queryable, meetingId: string): ArchivedTask[] {
	return db
		.select({ t: tasks, userName: users.displayName, department: taskDepartments.name })
		.from(tasks)
		.leftJoin(users, eq(users.id, tasks.ownerUserId))
		.leftJoin(taskDepartments, eq(taskDepartments.id, tasks.ownerDepartmentId))
		.where(eq(tasks.meetingId, meetingId))
		.orderBy(asc(tasks.createdAt), asc(tasks.id))
		.all()
		.map(({ t, userName, department }) => ({
			id: t.id,
			conclusion: t.conclusion,
			owner: t.ownerUserId ? { kind: 'user' as const, id: t.ownerUserId, name: userName ?? '' } : { kind: 'department' as const, id: t.ownerDepartmentId!, name: department ?? '' },
			deadline: t.deadline,
			createdBy: t.createdBy,
			createdAt: t.createdAt.toISOString()
		}));
}

/** The tasks listed in a meeting's archive record; null when the meeting is not archived (records before tasks: []). */
export function archivedTasksOf(db: Queryable, meetingId: string): ArchivedTask[] | null {
	const row = db.select({ record: archiveRecords.record }).from(archiveRecords).where(eq(archiveRecords.meetingId, meetingId)).get();
	if (!row) return null;
	return (JSON.parse(row.record) as { tasks?: ArchivedTask[] }).tasks ?? [];
}
