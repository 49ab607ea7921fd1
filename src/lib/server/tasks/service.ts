import { and, asc, eq, exists, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { daysOverdue, isCalendarDate, isOverdue, nextStatuses, provinceDate, TASK_FILTERS, TASK_STATUSES, canMoveTask, type TaskMover } from '$lib/tasks/status';
import type { TaskDetail, TaskOwner, TaskView } from '$lib/tasks/types';
import { audit } from '../audit';
import { isStaff, taskAbilities, type Actor, type TaskAbilities } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { meetingParticipants, meetings, minutes, taskDepartments, tasks, users, type TaskRow } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { newId } from '../ids';
import { findParticipation, isArchived, requireMeeting } from '../meetings/access';
import { readMinutesBlocks } from '../minutes/document';
import { blocksToText } from '../minutes/render';
import { identityText, parseInput } from '../validation';
import { abilitiesFor, requireTask } from './access';
import { listAttachments } from './attachments';
import { listComments } from './comments';

/** Whitespace as typed or selected (line breaks, runs of spaces) is one space: the conclusion is one line. */
const oneLine = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);
const conclusionText = z.preprocess(oneLine, identityText(4000));
const calendarDate = z.string().refine(isCalendarDate, 'a date as YYYY-MM-DD');
const ownerInput = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('user'), id: z.string().min(1).max(64) }).strict(),
	z.object({ kind: z.literal('department'), id: z.string().min(1).max(64) }).strict()
]);

export const createTaskInput = z
	.object({ meetingId: z.string().min(1).max(64), conclusion: conclusionText, owner: ownerInput, deadline: calendarDate })
	.strict();

export const updateTaskInput = z
	.object({ status: z.enum(TASK_STATUSES).optional(), owner: ownerInput.optional(), deadline: calendarDate.optional(), conclusion: conclusionText.optional() })
	.strict()
	.refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const listTasksQuery = z.object({
	/** `me`, a user id or a department id. */
	owner: z.string().min(1).max(64).optional(),
	status: z.enum(TASK_FILTERS).optional(),
	meeting: z.string().min(1).max(64).optional(),
	/** The convening body, as written on its meetings ("Ủy ban nhân dân tỉnh"). */
	body: z.string().min(1).max(300).optional()
});

const badField = (path: string, message: string) => new AppError('validation_failed', `${path}: ${message}`, { fields: [{ path, message }] });

/** The owner as stored: an active user, or a department of the administrator's list. */
function resolveOwner(db: Queryable, owner: z.infer<typeof ownerInput>): { ownerUserId: string | null; ownerDepartmentId: string | null } {
	if (owner.kind === 'user') {
		const user = db.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, owner.id)).get();
		if (!user?.active) throw badField('owner.id', 'no active user with this id');
		return { ownerUserId: user.id, ownerDepartmentId: null };
	}
	const department = db.select({ id: taskDepartments.id }).from(taskDepartments).where(eq(taskDepartments.id, owner.id)).get();
	if (!department) throw badField('owner.id', 'no department with this id');
	return { ownerUserId: null, ownerDepartmentId: department.id };
}

/**
 * A task is made from a line of the minutes while they are a draft, and only then: everything the archive record
 * lists was visible in the draft the secretary and the chair signed (see docs/architecture.md, "Tasks").
 */
function requireDraftConclusion(db: Queryable, ctx: ServiceCtx, meetingId: string, conclusion: string): void {
	if (isArchived(db, meetingId)) throw new AppError('meeting_archived', 'the meeting is archived: its record cannot change');
	const row = db.select({ state: minutes.state }).from(minutes).where(eq(minutes.meetingId, meetingId)).get();
	if (!row) throw new AppError('minutes_not_started', 'the minutes have not been started');
	if (row.state !== 'draft') throw new AppError(row.state === 'approved' ? 'minutes_approved' : 'minutes_not_draft', `the minutes are ${row.state}`);
	const text = oneLine(blocksToText(readMinutesBlocks(ctx.rooms, meetingId))) as string;
	if (!text.normalize('NFC').includes(conclusion)) throw new AppError('conclusion_not_in_minutes', 'the conclusion is not a line of the minutes');
}

/** `POST /api/v1/tasks`: a conclusion of the draft minutes given to an owner with a deadline. */
export function createTask(db: Db, ctx: ServiceCtx, raw: unknown, now = new Date()): TaskDetail {
	const input = parseInput(createTaskInput, raw);
	const { actor, ip } = ctx;
	const { participation } = requireMeeting(db, actor, input.meetingId, 'view');
	if (!taskAbilities(actor, participation, false).manage) throw forbidden('only the secretariat and the chair give tasks');
	requireDraftConclusion(db, ctx, input.meetingId, input.conclusion);
	if (input.deadline < provinceDate(now)) throw badField('deadline', 'the deadline has passed already');
	const id = newId();
	db.transaction((tx) => {
		const owner = resolveOwner(tx, input.owner);
		tx.insert(tasks)
			.values({ id, meetingId: input.meetingId, conclusion: input.conclusion, ...owner, deadline: input.deadline, status: 'assigned', createdBy: actor.id, createdAt: now, updatedAt: now })
			.run();
		audit(
			tx,
			{ actorId: actor.id, action: 'task.create', subjectType: 'task', subjectId: id, ip, data: { meetingId: input.meetingId, owner: input.owner, deadline: input.deadline } },
			now
		);
	});
	return getTask(db, actor, id, now);
}

/**
 * `PATCH /api/v1/tasks/:id`: the status (by the rules of tasks/status.ts: the owner moves it forward, a manager
 * may also take it back), and, for managers only, the owner, the deadline or the wording. The archive record of
 * an approved meeting keeps the task as it was given; what happens to it afterwards is follow-up, in this row and
 * the audit log.
 */
export function updateTask(db: Db, ctx: ServiceCtx, taskId: string, raw: unknown, now = new Date()): TaskDetail {
	const input = parseInput(updateTaskInput, raw);
	const { actor, ip } = ctx;
	db.transaction((tx) => {
		const { task, can } = requireTask(tx, actor, taskId, 'report');
		const changes: Partial<TaskRow> = {};
		const data: Record<string, unknown> = {};
		if (input.owner || input.deadline || input.conclusion) {
			if (!can.manage) throw forbidden('only the secretariat and the chair change owner, deadline or wording');
		}
		if (input.status && input.status !== task.status) {
			if (!movers(can, task, actor).some((mover) => canMoveTask(task.status, input.status!, mover))) {
				throw new AppError('task_transition', `a task ${task.status} cannot become ${input.status} by this user`);
			}
			changes.status = input.status;
			changes.doneAt = input.status === 'done' ? now : null;
			data.status = { from: task.status, to: input.status };
		}
		if (input.owner) {
			Object.assign(changes, resolveOwner(tx, input.owner));
			data.owner = input.owner;
		}
		if (input.deadline && input.deadline !== task.deadline) {
			changes.deadline = input.deadline;
			// A new deadline is a new chance to be in time: a notice about the old one no longer holds.
			changes.overdueNoticedAt = null;
			data.deadline = { from: task.deadline, to: input.deadline };
		}
		if (input.conclusion && input.conclusion !== task.conclusion) {
			changes.conclusion = input.conclusion;
			data.conclusion = true;
		}
		if (Object.keys(data).length === 0) return;
		tx.update(tasks)
			.set({ ...changes, updatedAt: now })
			.where(eq(tasks.id, taskId))
			.run();
		const action = Object.keys(data).length === 1 && data.status ? 'task.status' : 'task.update';
		audit(tx, { actorId: actor.id, action, subjectType: 'task', subjectId: taskId, ip, data: { meetingId: task.meetingId, ...data } }, now);
	});
	return getTask(db, actor, taskId, now);
}

function movers(can: TaskAbilities, task: TaskRow, actor: Actor): TaskMover[] {
	const list: TaskMover[] = [];
	if (can.manage) list.push('manager');
	if (task.ownerUserId === actor.id) list.push('owner');
	return list;
}

type JoinedRow = {
	task: TaskRow;
	meetingTitle: string;
	meetingBody: string;
	meetingStartsAt: Date;
	ownerUserName: string | null;
	ownerDepartmentName: string | null;
	creatorName: string;
};

const ownerUsers = alias(users, 'owner_users');

function selectTasks(db: Queryable, where: SQL | undefined): JoinedRow[] {
	return db
		.select({
			task: tasks,
			meetingTitle: meetings.title,
			meetingBody: meetings.body,
			meetingStartsAt: meetings.startsAt,
			ownerUserName: ownerUsers.displayName,
			ownerDepartmentName: taskDepartments.name,
			creatorName: users.displayName
		})
		.from(tasks)
		.innerJoin(meetings, eq(meetings.id, tasks.meetingId))
		.innerJoin(users, eq(users.id, tasks.createdBy))
		.leftJoin(ownerUsers, eq(ownerUsers.id, tasks.ownerUserId))
		.leftJoin(taskDepartments, eq(taskDepartments.id, tasks.ownerDepartmentId))
		.where(where)
		.orderBy(asc(tasks.deadline), asc(tasks.createdAt))
		.all();
}

function ownerOf(row: JoinedRow): TaskOwner {
	return row.task.ownerUserId
		? { kind: 'user', id: row.task.ownerUserId, name: row.ownerUserName ?? '' }
		: { kind: 'department', id: row.task.ownerDepartmentId!, name: row.ownerDepartmentName ?? '' };
}

function viewOf(row: JoinedRow, can: TaskAbilities, now: Date): TaskView {
	const t = row.task;
	return {
		id: t.id,
		meeting: { id: t.meetingId, title: row.meetingTitle, body: row.meetingBody, startsAt: row.meetingStartsAt.toISOString() },
		conclusion: t.conclusion,
		owner: ownerOf(row),
		deadline: t.deadline,
		status: t.status,
		overdue: isOverdue(t, now),
		daysOverdue: daysOverdue(t, now),
		createdBy: { id: t.createdBy, displayName: row.creatorName },
		createdAt: t.createdAt.toISOString(),
		updatedAt: t.updatedAt.toISOString(),
		doneAt: t.doneAt?.toISOString() ?? null,
		can: { manage: can.manage, report: can.report }
	};
}

/** `GET /api/v1/tasks/:id`: the task with its comments and attachments, for whoever may see it. */
export function getTask(db: Queryable, actor: Actor, taskId: string, now = new Date()): TaskDetail {
	const { task, can } = requireTask(db, actor, taskId, 'view');
	const row = selectTasks(db, eq(tasks.id, task.id))[0]!;
	return {
		...viewOf(row, can, now),
		comments: listComments(db, taskId),
		attachments: listAttachments(db, taskId),
		nextStatuses: can.report ? nextStatuses(task.status, movers(can, task, actor)) : []
	};
}

/**
 * `GET /api/v1/tasks`: the tasks the caller may see (the secretariat: all; others: those of their meetings and
 * those given to them), filtered. Access is part of the query, so a filter never reveals what the caller cannot see.
 */
export function listTasks(db: Queryable, actor: Actor, rawQuery: unknown, now = new Date()): TaskView[] {
	const q = parseInput(listTasksQuery, rawQuery);
	const where: (SQL | undefined)[] = [];
	if (!isStaff(actor)) {
		const participates = db
			.select({ one: sql`1` })
			.from(meetingParticipants)
			.where(and(eq(meetingParticipants.meetingId, tasks.meetingId), eq(meetingParticipants.userId, actor.id)));
		where.push(or(eq(tasks.ownerUserId, actor.id), exists(participates)));
	}
	if (q.owner) {
		const ownerId = q.owner === 'me' ? actor.id : q.owner;
		where.push(or(eq(tasks.ownerUserId, ownerId), eq(tasks.ownerDepartmentId, ownerId)));
	}
	if (q.meeting) where.push(eq(tasks.meetingId, q.meeting));
	if (q.body) where.push(eq(meetings.body, q.body));
	const today = provinceDate(now);
	switch (q.status) {
		case 'overdue':
			where.push(and(ne(tasks.status, 'done'), lt(tasks.deadline, today)));
			break;
		case 'open':
			where.push(ne(tasks.status, 'done'));
			break;
		case undefined:
			break;
		default:
			where.push(eq(tasks.status, q.status));
	}
	const rows = selectTasks(db, and(...where));
	return rows.map((row) => viewOf(row, abilitiesFor(db, actor, row.task), now));
}

/** The tasks made from one meeting's minutes, for its minutes page (the caller may see the meeting). */
export function meetingTasks(db: Queryable, actor: Actor, meetingId: string, now = new Date()): TaskView[] {
	return listTasks(db, actor, { meeting: meetingId }, now);
}

/** Who may be given a task, for the managers' form: active users (any of them, not only the meeting's participants). */
export function assignableUsers(db: Queryable): { id: string; displayName: string }[] {
	return db
		.select({ id: users.id, displayName: users.displayName })
		.from(users)
		.where(eq(users.active, true))
		.all()
		.sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
}

/** Whether the actor may give tasks from this meeting's minutes now (the minutes page shows the control). */
export function canAssignFrom(db: Queryable, actor: Actor, meetingId: string): boolean {
	if (!taskAbilities(actor, findParticipation(db, meetingId, actor.id), false).manage) return false;
	if (isArchived(db, meetingId)) return false;
	return db.select({ state: minutes.state }).from(minutes).where(eq(minutes.meetingId, meetingId)).get()?.state === 'draft';
}
