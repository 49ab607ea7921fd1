import { redirect } from '@sveltejs/kit';
import { orHttpError, requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { confirmed, runForm, textOf } from '$lib/server/forms';
import { deleteGroup, getGroup, setGroupMembers, updateGroup } from '$lib/server/groups/service';
import { listUsers } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	requireAbility(canGlobal(actor, 'manage_users'));
	const db = getDb();
	const group = orHttpError(() => getGroup(db, actor, event.params.id));
	const collator = new Intl.Collator('vi');
	const users = orHttpError(() => listUsers(db, actor))
		.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, active: u.active }))
		.sort((a, b) => collator.compare(a.displayName, b.displayName));
	return { group, users };
};

export const actions: Actions = {
	details: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			updateGroup(getDb(), ctx, event.params.id, {
				name: textOf(data, 'name'),
				description: textOf(data, 'description'),
				defaultRole: textOf(data, 'defaultRole'),
				defaultCanVote: data.get('defaultCanVote') === 'on'
			});
			return { saved: 'details' as const };
		});
	},

	members: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const userIds = data.getAll('userId').filter((v): v is string => typeof v === 'string');
			setGroupMembers(getDb(), ctx, event.params.id, { userIds });
			return { saved: 'members' as const };
		});
	},

	remove: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		if (!confirmed(data)) return { confirmRemove: true };
		const result = await runForm(data, () => deleteGroup(getDb(), ctx, event.params.id));
		if (result && typeof result === 'object' && 'status' in result) return result;
		redirect(303, '/admin/groups');
	}
};
