import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { runForm, textOf } from '$lib/server/forms';
import { requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { createDepartment, deleteDepartment, listDepartments } from '$lib/server/tasks/departments';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	requireAbility(canGlobal(actor, 'manage_users'));
	return { departments: listDepartments(getDb()) };
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const department = createDepartment(getDb(), ctx, { name: textOf(data, 'name') });
			return { created: department.name };
		});
	},
	delete: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			deleteDepartment(getDb(), ctx, textOf(data, 'id'));
			return { deleted: true };
		});
	}
};
