import { orHttpError, requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { runForm, textOf } from '$lib/server/forms';
import { createGroup, listGroups } from '$lib/server/groups/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	requireAbility(canGlobal(actor, 'manage_users'));
	const groups = orHttpError(() => listGroups(getDb(), actor)).map((g) => ({
		id: g.id,
		name: g.name,
		description: g.description,
		defaultRole: g.defaultRole,
		defaultCanVote: g.defaultCanVote,
		memberCount: g.members.length
	}));
	return { groups };
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const group = createGroup(getDb(), ctx, {
				name: textOf(data, 'name'),
				description: textOf(data, 'description'),
				defaultRole: textOf(data, 'defaultRole'),
				defaultCanVote: data.get('defaultCanVote') === 'on'
			});
			return { created: { id: group.id, name: group.name } };
		});
	}
};
