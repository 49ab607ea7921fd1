import type { TaskStatus } from './status';

/** Shapes of the tasks API (docs/api.md, "Tasks"), shared by the server and the pages. */
export type TaskOwner = { kind: 'user'; id: string; name: string } | { kind: 'department'; id: string; name: string };

export interface TaskView {
	id: string;
	meeting: { id: string; title: string; body: string; startsAt: string };
	conclusion: string;
	owner: TaskOwner;
	/** YYYY-MM-DD, a day in the province's calendar. */
	deadline: string;
	status: TaskStatus;
	/** Computed from the deadline at the time of the answer: never stored. */
	overdue: boolean;
	daysOverdue: number;
	createdBy: { id: string; displayName: string };
	createdAt: string;
	updatedAt: string;
	doneAt: string | null;
	/** What the caller may do with it. */
	can: { manage: boolean; report: boolean };
}

export interface TaskComment {
	id: string;
	author: { id: string; displayName: string };
	body: string;
	createdAt: string;
}

export interface TaskAttachment {
	id: string;
	filename: string;
	kind: string;
	sizeBytes: number;
	uploadedBy: { id: string; displayName: string };
	createdAt: string;
}

export interface TaskDetail extends TaskView {
	comments: TaskComment[];
	attachments: TaskAttachment[];
	/** The statuses the caller may set next (their buttons). */
	nextStatuses: TaskStatus[];
}
