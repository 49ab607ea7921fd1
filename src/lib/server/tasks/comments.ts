import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TaskComment } from '$lib/tasks/types';
import { audit } from '../audit';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { taskComments, tasks, users } from '../db/schema';
import { newId } from '../ids';
import { parseInput } from '../validation';
import { requireTask } from './access';

/** Line breaks stay (a progress report has paragraphs); control and bidi characters other than them do not. */
export const commentInput = z
	.object({
		body: z
			.string()
			.transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim())
			.pipe(z.string().min(1).max(4000))
	})
	.strict();

export function listComments(db: Queryable, taskId: string): TaskComment[] {
	return db
		.select({ id: taskComments.id, authorId: taskComments.authorId, displayName: users.displayName, body: taskComments.body, createdAt: taskComments.createdAt })
		.from(taskComments)
		.innerJoin(users, eq(users.id, taskComments.authorId))
		.where(eq(taskComments.taskId, taskId))
		.orderBy(asc(taskComments.createdAt))
		.all()
		.map((c) => ({ id: c.id, author: { id: c.authorId, displayName: c.displayName }, body: c.body, createdAt: c.createdAt.toISOString() }));
}

/** `POST /api/v1/tasks/:id/comments`: the owner's report or a manager's note, in the task's thread. */
export function addComment(db: Db, ctx: ServiceCtx, taskId: string, raw: unknown, now = new Date()): TaskComment {
	const { body } = parseInput(commentInput, raw);
	const id = newId();
	db.transaction((tx) => {
		const { task } = requireTask(tx, ctx.actor, taskId, 'report');
		tx.insert(taskComments).values({ id, taskId, authorId: ctx.actor.id, body, createdAt: now }).run();
		tx.update(tasks).set({ updatedAt: now }).where(eq(tasks.id, taskId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'task.comment', subjectType: 'task', subjectId: taskId, ip: ctx.ip, data: { meetingId: task.meetingId, commentId: id, length: body.length } }, now);
	});
	return listComments(db, taskId).find((c) => c.id === id)!;
}
