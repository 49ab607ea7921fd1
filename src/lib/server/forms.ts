import { fail, type ActionFailure } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { fromLocalInput } from '$lib/i18n/format';
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

/** A form text field as sent (not trimmed), or undefined when absent or a file. */
export function text(data: FormData, name: string): string | undefined {
	const v = data.get(name);
	return typeof v === 'string' ? v : undefined;
}

/*
 * FormData → the raw input objects the services validate. Nothing is checked here: values that do not parse
 * are passed on in a shape zod rejects, so the service reports them as field errors under the field's name.
 */

/** A text field; '' when absent. */
export function textOf(data: FormData, name: string): string {
	return text(data, name) ?? '';
}

/** `<input type="datetime-local">` in the province's time zone → ISO instant; '' → null; garbage stays garbage. */
export function instantOf(data: FormData, name: string): string | null {
	const raw = textOf(data, name).trim();
	if (raw === '') return null;
	return fromLocalInput(raw)?.toISOString() ?? raw;
}

/** Whole minutes; '' → null (no planned duration). */
export function minutesOf(data: FormData, name: string): number | null {
	const raw = textOf(data, name).trim();
	return raw === '' ? null : Number(raw);
}

/** An optional id (a select whose first option means "none"). */
export function idOrNull(data: FormData, name: string): string | null {
	const raw = textOf(data, name).trim();
	return raw === '' ? null : raw;
}

/** A whole number; '' → null; anything else is passed on as a number (NaN included) for zod to refuse. */
export function numberOrNull(data: FormData, name: string): number | null {
	const raw = textOf(data, name).trim();
	return raw === '' ? null : Number(raw);
}

export function meetingInput(data: FormData) {
	const proxyLimit = numberOrNull(data, 'proxyLimit');
	return {
		title: textOf(data, 'title'),
		body: textOf(data, 'body'),
		startsAt: instantOf(data, 'startsAt'),
		endsAt: instantOf(data, 'endsAt'),
		location: textOf(data, 'location'),
		description: textOf(data, 'description'),
		status: textOf(data, 'status'),
		bodyType: textOf(data, 'bodyType') || 'other',
		// Empty: the body's default quorum.
		quorum: numberOrNull(data, 'quorum'),
		// Empty: keep (or on creation, take) the default.
		...(proxyLimit === null ? {} : { proxyLimit })
	};
}

export function agendaItemInput(data: FormData) {
	return {
		title: textOf(data, 'title'),
		presenter: textOf(data, 'presenter'),
		durationMinutes: minutesOf(data, 'durationMinutes'),
		description: textOf(data, 'description')
	};
}

/** Asked to confirm a destructive action: without JavaScript the page shows a confirmation step first. */
export function confirmed(data: FormData): boolean {
	return data.get('confirm') === 'yes';
}
