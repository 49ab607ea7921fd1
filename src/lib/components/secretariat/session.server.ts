import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/i18n/errors';
import type { ServiceCtx } from '$lib/server/context';
import { isAppError } from '$lib/server/errors';
import { meetingEvents } from '$lib/server/live/events';

/**
 * The signed-in actor for a load or an action. The (app) layout guard redirects pages, but page loads run
 * next to it and form actions run before it, so each entry point checks again rather than trusting the layout.
 */
export function serviceCtx(event: RequestEvent): ServiceCtx {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname;
		redirect(303, `/login?next=${encodeURIComponent(next)}${event.locals.sessionExpired ? '&expired=1' : ''}`);
	}
	let ip: string | null = null;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = null;
	}
	return { actor: user, ip, events: meetingEvents };
}

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
