import type { SessionUser, ValidSession } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
			/** A session cookie came with the request but its session is over (expired, signed out, deactivated). */
			sessionExpired: boolean;
		}
		interface Error {
			message: string;
			/** Correlates what the user sees with the server log. */
			errorId?: string;
		}
	}
}

export {};
