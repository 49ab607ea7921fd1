import { m } from '$lib/paraglide/messages';
import { fieldReasonMessage } from '$lib/i18n/errors';
import type { FieldIssue } from '$lib/server/errors';

/** The shape `runForm` fails with (src/lib/server/forms.ts), read on the page. */
export interface Failure {
	error: { code: string; message: string; fields?: FieldIssue[] };
	values?: Record<string, string>;
}

/**
 * The failure of one form on the page, or null. Pages with several forms tag each with a hidden `_form`
 * field, which comes back in `values`, so an error shows next to the form that caused it and nowhere else.
 */
export function failureOf(form: unknown, name?: string): Failure | null {
	if (!form || typeof form !== 'object' || !('error' in form)) return null;
	const failure = form as Failure;
	if (name !== undefined && failure.values?._form !== name) return null;
	return failure;
}

/**
 * The sentence shown under a field. The service's own field messages are English hints from zod; the person
 * reads a sentence in their language chosen by the reason, when the service gave one (a name that hides
 * characters), else by the field's name.
 */
export function fieldError(failure: Failure | null, path: string): string | undefined {
	const issue = failure?.error.fields?.find((f) => f.path === path);
	if (!issue) return undefined;
	return issue.reason ? fieldReasonMessage(issue.reason) : fieldMessage(path);
}

export function fieldMessage(path: string): string {
	switch (path) {
		case 'title':
			return m.sec_err_title();
		case 'startsAt':
			return m.sec_err_starts_at();
		case 'endsAt':
			return m.sec_err_ends_at();
		case 'status':
		case 'role':
		case 'bodyType':
			return m.sec_err_choose();
		case 'durationMinutes':
			return m.sec_err_duration();
		case 'parentId':
			return m.sec_err_parent();
		case 'userId':
			return m.sec_err_user();
		case 'username':
			return m.sec_err_username();
		case 'displayName':
			return m.sec_err_display_name();
		case 'password':
			return m.sec_err_password();
		case 'body':
		case 'location':
		case 'presenter':
		case 'description':
			return m.sec_err_too_long();
		default:
			return m.sec_err_invalid();
	}
}

/** The value a field shows: what the user sent with a failed submit, else the stored one. */
export function valueOf(failure: Failure | null, name: string, stored: string): string {
	return failure?.values?.[name] ?? stored;
}

/** The meeting form's fields as the inputs hold them (datetime-local wall time in the province's zone). */
export interface MeetingValues {
	title: string;
	body: string;
	startsAt: string;
	endsAt: string;
	location: string;
	description: string;
	status: string;
	bodyType: string;
	/** '' = the body's default. */
	quorum: string;
	proxyLimit: string;
}
