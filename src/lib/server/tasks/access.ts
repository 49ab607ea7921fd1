import { eq } from 'drizzle-orm';
import { taskAbilities, type Actor, type TaskAbilities } from '../auth/policy';
import type { Queryable } from '../db/client';
import { tasks, type TaskRow } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { findParticipation } from '../meetings/access';

export interface TaskAccess {
	task: TaskRow;
	can: TaskAbilities;
}

/** What the actor may do with a task row already loaded (lists judge each row with this too). */
export function abilitiesFor(db: Queryable, actor: Actor, task: Pick<TaskRow, 'meetingId' | 'ownerUserId'>): TaskAbilities {
	return taskAbilities(actor, findParticipation(db, task.meetingId, actor.id), task.ownerUserId === actor.id);
}

/**
 * Loads a task for an actor who wants to `need` it. Who may not see it gets the 404 of a task that does not
 * exist; who sees it but may not do this gets 403.
 */
export function requireTask(db: Queryable, actor: Actor, taskId: string, need: keyof TaskAbilities = 'view'): TaskAccess {
	const task = db.select().from(tasks).where(eq(tasks.id, taskId)).get();
	if (!task) throw notFound('task');
	const can = abilitiesFor(db, actor, task);
	if (!can.view) throw notFound('task');
	if (!can[need]) throw forbidden(need === 'manage' ? 'only the secretariat and the chair manage tasks' : 'only the owner and the managers report on a task');
	return { task, can };
}
