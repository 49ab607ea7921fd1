import { m } from '$lib/paraglide/messages';
import type { ErrorCode } from '$lib/server/errors';

/** The sentence a person reads for an error code, in the current request's language. */
export function errorMessage(code: ErrorCode, details: { retryAfterSeconds?: number } = {}): string {
	switch (code) {
		case 'bad_request':
			return m.error_bad_request();
		case 'invalid_json':
			return m.error_invalid_json();
		case 'validation_failed':
			return m.error_validation_failed();
		case 'unauthenticated':
			return m.error_unauthenticated();
		case 'invalid_credentials':
			return m.error_invalid_credentials();
		case 'session_expired':
			return m.error_session_expired();
		case 'forbidden':
			return m.error_forbidden();
		case 'not_found':
			return m.error_not_found();
		case 'username_taken':
			return m.error_username_taken();
		case 'already_participant':
			return m.error_already_participant();
		case 'conflict':
			return m.error_conflict();
		case 'too_many_attempts':
			return m.error_too_many_attempts({ minutes: Math.max(1, Math.ceil((details.retryAfterSeconds ?? 60) / 60)) });
		case 'internal':
			return m.error_internal();
	}
}
