import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { PollChoiceKey } from '$lib/polls/result';
import type { Wording } from '$lib/votes/bodies';
import type { Failure } from '$lib/components/forms/form-state';

/** Words of the poll screens that depend on a value. */

export function choiceLabel(choice: PollChoiceKey): string {
	switch (choice) {
		case 'agree':
			return m.polls_choice_agree();
		case 'disagree':
			return m.polls_choice_disagree();
		case 'other':
			return m.polls_choice_other();
	}
}

export function closeReasonLabel(reason: 'deadline' | 'all_answered' | 'manual'): string {
	switch (reason) {
		case 'deadline':
			return m.polls_close_reason_deadline();
		case 'all_answered':
			return m.polls_close_reason_all_answered();
		case 'manual':
			return m.polls_close_reason_manual();
	}
}

/** A stored sentence in both languages, in the page's. */
export const inLocale = (w: Wording): string => (getLocale() === 'en' ? w.en : w.vi);

/** The sentence under a field of the poll forms, from the path the service named. */
export function pollFieldError(failure: Failure | null, path: string): string | undefined {
	const issue = failure?.error.fields?.find((f) => f.path === path || f.path.startsWith(`${path}.`));
	if (!issue) return undefined;
	switch (path) {
		case 'title':
			return m.polls_err_title();
		case 'deadline':
			return m.polls_err_deadline();
		case 'memberIds':
		case 'groupId':
			return m.polls_err_members();
		case 'comment':
			return m.polls_err_comment();
		case 'documentIds':
			return m.polls_err_documents();
		default:
			return m.sec_err_invalid();
	}
}
