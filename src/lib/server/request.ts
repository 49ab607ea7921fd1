import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './auth/policy';
import type { SessionUser } from './auth/sessions';
import type { ServiceCtx } from './context';
import { AppError } from './errors';
import { collabRooms } from './collab/hub';
import { meetingEvents } from './live/events';

/** The signed-in user of an API request, or a 401 that says whether the session ran out or never existed. */
export function requireUser(event: RequestEvent): SessionUser & Actor {
	const user = event.locals.user;
	if (!user) {
		throw event.locals.sessionExpired
			? new AppError('session_expired', 'the session has expired; sign in again')
			: new AppError('unauthenticated', 'sign in first');
	}
	return user;
}

export function clientIp(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}


/**
 * The signed-in actor for a page load or a form action. The (app) layout guard redirects pages, but page loads
 * run next to it and form actions run before it, so each entry point checks again rather than trusting the layout.
 */
export function serviceCtx(event: RequestEvent): ServiceCtx {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname;
		redirect(303, `/login?next=${encodeURIComponent(next)}${event.locals.sessionExpired ? '&expired=1' : ''}`);
	}
	return { actor: user, ip: clientIp(event), events: meetingEvents, rooms: collabRooms };
}
