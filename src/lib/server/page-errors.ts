import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/i18n/errors';
import { isAppError } from './errors';

/**
 * Runs a load's service calls; a domain error (404 for a meeting the actor may not see, 403 for one they may
 * see but not manage) becomes SvelteKit's error page with the message in the user's language.
 */
export function orHttpError<T>(work: () => T): T {
	try {
		return work();
	} catch (e) {
		if (isAppError(e)) error(e.status, errorMessage(e.code, e.details));
		throw e;
	}
}

/** 403 unless `allowed`; for pages guarded by a global ability rather than by a meeting. */
export function requireAbility(allowed: boolean): void {
	if (!allowed) error(403, m.error_forbidden());
}
