import { fromLocalInput } from '$lib/i18n/format';

/*
 * FormData → the raw input objects the services validate. Nothing is checked here: values that do not parse
 * are passed on in a shape zod rejects, so the service reports them as field errors under the field's name.
 */

/** A text field; '' when absent. */
export function textOf(data: FormData, name: string): string {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
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

export function meetingInput(data: FormData) {
	return {
		title: textOf(data, 'title'),
		body: textOf(data, 'body'),
		startsAt: instantOf(data, 'startsAt'),
		endsAt: instantOf(data, 'endsAt'),
		location: textOf(data, 'location'),
		description: textOf(data, 'description'),
		status: textOf(data, 'status')
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
