import { orHttpError, requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { runForm, textOf } from '$lib/server/forms';
import { createUser, listUsers } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	// The secretariat may list users (to invite them) but only an administrator manages accounts.
	requireAbility(canGlobal(actor, 'manage_users'));
	return { users: orHttpError(() => listUsers(getDb(), actor)), me: actor.id };
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, async () => {
			const user = await createUser(getDb(), ctx, {
				username: textOf(data, 'username'),
				displayName: textOf(data, 'displayName'),
				role: textOf(data, 'role'),
				email: textOf(data, 'email'),
				password: textOf(data, 'password')
			});
			return { created: { id: user.id, username: user.username } };
		});
	}
};
