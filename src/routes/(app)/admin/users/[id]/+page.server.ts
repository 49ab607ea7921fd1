import { m } from '$lib/paraglide/messages';
import { orHttpError, requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { runForm, confirmed, textOf } from '$lib/server/forms';
import { getUser, updateUser } from '$lib/server/users/service';
import { deleteCertificate, getCertificate, installCertificate } from '$lib/server/signing/credentials';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	requireAbility(canGlobal(actor, 'manage_users'));
	return {
		account: orHttpError(() => getUser(getDb(), actor, event.params.id)),
		self: actor.id === event.params.id,
		certificate: orHttpError(() => getCertificate(getDb(), actor, event.params.id))
	};
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
		return save(event, data, { displayName: textOf(data, 'displayName'), role: textOf(data, 'role'), email: textOf(data, 'email') }, 'details');
	},

	password: async (event) => {
		const data = await event.request.formData();
		return save(event, data, { password: textOf(data, 'password') }, 'password');
	},

	/** A PKCS#12 for the user's signatures on minutes: checked, sealed, never shown again (signing/credentials.ts). */
	certificate: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		const file = data.get('p12');
		const password = textOf(data, 'p12Password');
		// Only the form's name goes back with a failure: never the file or its password.
		const echo = new FormData();
		echo.set('_form', 'certificate');
		return runForm(echo, async () => {
			const p12 = file instanceof File ? Buffer.from(await file.arrayBuffer()).toString('base64') : '';
			installCertificate(getDb(), ctx, event.params.id, { p12, password: typeof password === 'string' ? password : '' });
			return { saved: 'certificate' };
		});
	},

	removeCertificate: async (event) => {
		const ctx = serviceCtx(event);
		return runForm(null, () => {
			deleteCertificate(getDb(), ctx, event.params.id);
			return { saved: 'certificateRemoved' };
		});
	},

	active: async (event) => {
		serviceCtx(event);
		const data = await event.request.formData();
		const active = textOf(data, 'active') === 'true';
		if (!confirmed(data)) return { confirmActive: active };
		return save(event, data, { active }, active ? 'reactivated' : 'deactivated');
	}
};
