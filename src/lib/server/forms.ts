import { fail, type ActionFailure } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { isAppError, type FieldIssue } from './errors';

export interface FormFailure {
	error: { code: string; message: string; fields?: FieldIssue[] };
	/** What the user typed, sent back so a failed form loses nothing (never a password). */
	values?: Record<string, string>;
}

/** Reads a form's text fields (files and passwords excluded) to send back with a failure. */
export function formValues(data: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data) {
		if (typeof value === 'string' && !/password/i.test(key)) values[key] = value;
	}
	return values;
}

/**
 * Runs a form action's work; a domain error becomes `fail(status, { error })` with a message in the user's
 * language. Anything else is rethrown for handleError (logged with an id).
 */
export async function runForm<T>(
	data: FormData | null,
	work: () => T | Promise<T>
): Promise<T | ActionFailure<FormFailure>> {
	try {
		return await work();
	} catch (e) {
		if (!isAppError(e)) throw e;
		return fail(e.status, {
			error: { code: e.code, message: errorMessage(e.code, e.details), fields: e.details.fields },
			values: data ? formValues(data) : undefined
		});
	}
}

/** A form field as a trimmed string, or undefined when absent. */
export function text(data: FormData, name: string): string | undefined {
	const v = data.get(name);
	return typeof v === 'string' ? v : undefined;
}
