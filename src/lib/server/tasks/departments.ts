import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { canGlobal, type Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { taskDepartments, tasks } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { newId } from '../ids';
import { identityText, parseInput } from '../validation';

/**
 * The departments tasks are given to, kept by the administrator. Quorum has no organisation chart (user groups
 * are lists for inviting, never permissions): a department is a name on the task, and the secretariat and the
 * chair report for it.
 */
export const departmentInput = z.object({ name: identityText(160) }).strict();

export interface DepartmentView {
	id: string;
	name: string;
	/** How many tasks name it: a department in use cannot be removed. */
	taskCount: number;
}

const collator = new Intl.Collator('vi');

export function listDepartments(db: Queryable): DepartmentView[] {
	const rows = db.select().from(taskDepartments).orderBy(asc(taskDepartments.name)).all();
	const counts = new Map<string, number>();
	for (const t of db.select({ d: tasks.ownerDepartmentId }).from(tasks).all()) if (t.d) counts.set(t.d, (counts.get(t.d) ?? 0) + 1);
	return rows.map((r) => ({ id: r.id, name: r.name, taskCount: counts.get(r.id) ?? 0 })).sort((a, b) => collator.compare(a.name, b.name));
}

function requireAdmin(actor: Actor): void {
	if (!canGlobal(actor, 'manage_users')) throw forbidden('only an administrator keeps the list of departments');
}

export function createDepartment(db: Db, ctx: ServiceCtx, raw: unknown): DepartmentView {
	requireAdmin(ctx.actor);
	const { name } = parseInput(departmentInput, raw);
	const id = newId();
	db.transaction((tx) => {
		const taken = tx.select({ id: taskDepartments.id }).from(taskDepartments).where(eq(taskDepartments.name, name)).get();
		if (taken) throw new AppError('department_name_taken', 'a department of that name exists');
		tx.insert(taskDepartments).values({ id, name, createdBy: ctx.actor.id }).run();
		audit(tx, { actorId: ctx.actor.id, action: 'department.create', subjectType: 'department', subjectId: id, ip: ctx.ip, data: { name } });
	});
	return { id, name, taskCount: 0 };
}

export function deleteDepartment(db: Db, ctx: ServiceCtx, id: string): void {
	requireAdmin(ctx.actor);
	db.transaction((tx) => {
		const row = tx.select().from(taskDepartments).where(eq(taskDepartments.id, id)).get();
		if (!row) throw notFound('department');
		// Tasks name their owner for good (and archive records quote the name): a used department stays.
		if (tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.ownerDepartmentId, id)).limit(1).get()) {
			throw new AppError('department_in_use', 'tasks are given to this department');
		}
		tx.delete(taskDepartments).where(eq(taskDepartments.id, id)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'department.delete', subjectType: 'department', subjectId: id, ip: ctx.ip, data: { name: row.name } });
	});
}
