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
	not_found: 404,
	username_taken: 409,
	already_participant: 409,
	conflict: 409,
	too_many_attempts: 429,
	internal: 500
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
	path: string;
	message: string;
}

export class AppError extends Error {
	readonly status: number;
	constructor(
		readonly code: ErrorCode,
		message: string = code,
		readonly details: { fields?: FieldIssue[]; retryAfterSeconds?: number } = {}
	) {
		super(message);
		this.name = 'AppError';
		this.status = ERROR_STATUS[code];
	}
}

export const notFound = (what = 'resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'not allowed') => new AppError('forbidden', why);

export function isAppError(e: unknown): e is AppError {
	return e instanceof AppError;
}
