import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { passwordClient } from '$lib/server/auth/cookies';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '$lib/server/auth/passwords';
import { readAuditPage } from '$lib/server/audit-log/query';
import { getDb } from '$lib/server/db/client';
import { runForm, text, type FormFailure } from '$lib/server/forms';
import { meetingEvents } from '$lib/server/live/events';
import { changeOwnPassword } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	passwordRule: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
	// The member's own account in the audit log (sign-ins, password changes): a stranger's sign-in shows here.
	activity: locals.user ? readAuditPage(getDb(), locals.user, {}) : null
});

const failure = (status: number, code: string, message: string, path?: string) =>
	fail(status, { error: { code, message, fields: path ? [{ path, message }] : undefined } } satisfies FormFailure);

export const actions = {
	changePassword: async (event) => {
		const { user, session } = event.locals;
		// The (app) guard runs for loads, not for actions: check again here.
		if (!user || !session) return failure(401, 'unauthenticated', m.error_unauthenticated());
		const data = await event.request.formData();
		const currentPassword = text(data, 'currentPassword') ?? '';
		const newPassword = text(data, 'newPassword') ?? '';
		const confirm = text(data, 'confirmPassword') ?? '';
		const rule = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };
		if (newPassword.length < rule.min || newPassword.length > rule.max) {
			return failure(400, 'validation_failed', m.app_account_new_invalid(rule), 'newPassword');
		}
		if (newPassword !== confirm) return failure(400, 'validation_failed', m.app_account_mismatch(), 'confirmPassword');

		const result = await runForm(null, () =>
			changeOwnPassword(getDb(), { actor: user, events: meetingEvents, sessionId: session.id, client: passwordClient(event) }, { currentPassword, newPassword })
		);
		if (result) {
			// On this page the wrong password can only be the current one: say so at its field.
			if (result.data.error.code === 'wrong_password') {
				return failure(result.status, 'wrong_password', m.app_account_current_wrong(), 'currentPassword');
			}
			// Field notes from the schema are English hints for logs; the banner's sentence is enough here.
			return failure(result.status, result.data.error.code, result.data.error.message);
		}
		return { success: true as const };
	}
} satisfies Actions;
