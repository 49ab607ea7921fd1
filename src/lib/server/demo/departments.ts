import { eq } from 'drizzle-orm';
import { getCollabHub } from '../collab/hub';
import { noEvents } from '../context';
import type { Db } from '../db/client';
import { taskDepartments, users } from '../db/schema';
import { createDepartment } from '../tasks/departments';

/** Departments the demo's conclusions can be given to (docs/architecture.md, "Tasks"). */
export const DEMO_DEPARTMENTS = ['Sở Kế hoạch và Đầu tư', 'Sở Nội vụ', 'Văn phòng UBND tỉnh'] as const;

/** Added by the administrator as on /admin/departments; a name already on the list is left alone. */
export function seedDemoDepartments(db: Db): number {
	const admin = db.select({ id: users.id, role: users.role }).from(users).where(eq(users.username, 'admin')).get();
	if (!admin) throw new Error('demo user admin is missing');
	let added = 0;
	for (const name of DEMO_DEPARTMENTS) {
		if (db.select({ id: taskDepartments.id }).from(taskDepartments).where(eq(taskDepartments.name, name)).get()) continue;
		createDepartment(db, { actor: admin, ip: null, events: noEvents, rooms: getCollabHub(() => db) }, { name });
		added++;
	}
	return added;
}
