import type { IdentityTextProblem } from '$lib/identity-text';

/**
 * Errors a user can meet. The code is stable (API clients and tests rely on it); the text shown to a person is
 * looked up from the code in their language (see src/lib/i18n/errors.ts), never taken from `message`, which is
 * an English hint for logs.
 */
export const ERROR_STATUS = {
	bad_request: 400,
	invalid_json: 400,
	validation_failed: 400,
	unauthenticated: 401,
	invalid_credentials: 401,
	session_expired: 401,
	forbidden: 403,
	cross_site_request: 403,
	document_confidential: 403,
	not_eligible: 403,
	not_checked_in: 403,
	not_found: 404,
	username_taken: 409,
	already_participant: 409,
	group_name_taken: 409,
	chair_exists: 409,
	already_checked_in: 409,
	substitute_not_pending: 409,
	conflict: 409,
	agenda_item_has_documents: 409,
	document_has_newer_versions: 409,
	vote_not_open: 409,
	already_voted: 409,
	motion_closed: 409,
	motion_not_draft: 409,
	another_motion_open: 409,
	motion_not_closed: 409,
	proxy_limit_reached: 409,
	already_on_speakers_list: 409,
	minutes_not_started: 409,
	minutes_not_draft: 409,
	minutes_not_submitted: 409,
	minutes_changed: 409,
	minutes_approved: 409,
	secretary_signature_missing: 409,
	minutes_already_signed: 409,
	vote_still_open: 409,
	meeting_archived: 409,
	meeting_closed: 409,
	meeting_not_started: 409,
	poll_closed: 409,
	poll_answer_final: 409,
	task_transition: 409,
	department_name_taken: 409,
	department_in_use: 409,
	conclusion_not_in_minutes: 422,
	display_link_revoked: 410,
	wrong_password: 403,
	payload_too_large: 413,
	unsupported_media_type: 415,
	range_not_satisfiable: 416,
	pdf_encrypted: 422,
	pdf_damaged: 422,
	invalid_certificate: 422,
	too_many_attempts: 429,
	internal: 500
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetails {
	fields?: FieldIssue[];
	retryAfterSeconds?: number;
	/** With `payload_too_large`: the limit that was crossed, so the message can name it. */
	limitBytes?: number;
	/** With `chair_exists`: who chairs now, so the question "make X chair instead?" can name them. */
	currentChair?: { userId: string; displayName: string };
}

export interface FieldIssue {
	path: string;
	/** An English hint for the developer; a person reads a sentence chosen by `reason` or by the field. */
	message: string;
	/** Why a name or a title was refused, when that is the problem: stable, so a form can say it in words. */
	reason?: FieldReason;
}

export type FieldReason = IdentityTextProblem;

export class AppError extends Error {
	readonly status: number;
	constructor(
		readonly code: ErrorCode,
		message: string = code,
		readonly details: ErrorDetails = {}
	) {
		super(message);
		this.name = 'AppError';
		this.status = ERROR_STATUS[code];
	}
}

export const notFound = (what = 'resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'not allowed') => new AppError('forbidden', why);

export const payloadTooLarge = (limitBytes: number, why = 'the body is larger than allowed') =>
	new AppError('payload_too_large', why, { limitBytes });

export function isAppError(e: unknown): e is AppError {
	return e instanceof AppError;
}
