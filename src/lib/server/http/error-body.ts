import { randomUUID } from 'node:crypto';
import { errorMessage } from '$lib/i18n/errors';
import { AppError, isAppError, type ErrorCode, type FieldIssue } from '../errors';
import { log } from '../log';

/**
 * The API's error answer, built once for both doors: SvelteKit's routes (api.ts) and the node:http edge
 * (server/edge). Framework-free on purpose: the edge is bundled without SvelteKit. The message is in the language
 * of the current request's locale context (paraglide), so call it inside that context.
 */
export interface ErrorBody {
	error: {
		code: ErrorCode;
		message: string;
		fields?: FieldIssue[];
		retryAfterSeconds?: number;
		/** With `chair_exists`: the participant who chairs now. */
		currentChair?: { userId: string; displayName: string };
		errorId?: string;
	};
}

export interface ErrorAnswer {
	status: number;
	headers: Record<string, string>;
	body: ErrorBody;
}

export function errorAnswer(error: AppError, errorId?: string): ErrorAnswer {
	const { fields, retryAfterSeconds, currentChair } = error.details;
	const headers: Record<string, string> = {};
	if (retryAfterSeconds) headers['retry-after'] = String(retryAfterSeconds);
	return {
		status: error.status,
		headers,
		body: {
			error: {
				code: error.code,
				message: errorMessage(error.code, error.details),
				...(fields ? { fields } : {}),
				...(retryAfterSeconds ? { retryAfterSeconds } : {}),
				...(currentChair ? { currentChair } : {}),
				...(errorId ? { errorId } : {})
			}
		}
	};
}

/**
 * Whatever a handler threw, as the error a user may see: an AppError as is; anything else is a bug, logged under
 * a fresh id that the answer repeats, with nothing of the failure itself.
 */
export function toUserError(e: unknown, where: string): { error: AppError; errorId?: string } {
	if (isAppError(e)) return { error: e };
	const errorId = randomUUID();
	log().error({ err: e, errorId, where }, 'unexpected error');
	return { error: new AppError('internal'), errorId };
}
