import { m } from '$lib/paraglide/messages';
import { orHttpError, requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { runForm, confirmed, textOf } from '$lib/server/forms';
import { getUser, updateUser } from '$lib/server/users/service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	requireAbility(canGlobal(actor, 'manage_users'));
	return { account: orHttpError(() => getUser(getDb(), actor, event.params.id)), self: actor.id === event.params.id };
};

/**
 * The service refuses (conflict) when an administrator would lock themselves out; the generic conflict
 * sentence does not say why, so this one does.
 */
async function save(event: RequestEvent, data: FormData, input: Record<string, unknown>, outcome: string) {
	const ctx = serviceCtx(event);
	const result = await runForm(data, async () => {
		await updateUser(getDb(), ctx, event.params.id, input);
		return { saved: outcome };
	});
	if ('status' in result && result.data.error.code === 'conflict' && ctx.actor.id === event.params.id) {
		result.data.error.message = m.sec_user_self_lock();
	}
	return result;
}

export const actions: Actions = {
	update: async (event) => {
		const data = await event.request.formData();
		return save(event, data, { displayName: textOf(data, 'displayName'), role: textOf(data, 'role') }, 'details');
	},

	password: async (event) => {
		const data = await event.request.formData();
		return save(event, data, { password: textOf(data, 'password') }, 'password');
	},

	active: async (event) => {
		serviceCtx(event);
		const data = await event.request.formData();
		const active = textOf(data, 'active') === 'true';
		if (!confirmed(data)) return { confirmActive: active };
		return save(event, data, { active }, active ? 'reactivated' : 'deactivated');
	}
};
