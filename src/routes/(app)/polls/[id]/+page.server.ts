import { getDb } from '$lib/server/db/client';
import { runForm, textOf } from '$lib/server/forms';
import { orHttpError } from '$lib/server/page-errors';
import { answerPoll, closePoll, pollView } from '$lib/server/polls/service';
import { settlePolls } from '$lib/server/polls/settle';
import { serviceCtx } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = serviceCtx(event);
	await settlePolls(getDb());
	return { poll: orHttpError(() => pollView(getDb(), actor, event.params.id)) };
};

export const actions: Actions = {
	answer: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, async () => {
			answerPoll(getDb(), ctx, event.params.id, { choice: textOf(data, 'choice'), comment: textOf(data, 'comment'), final: data.get('final') === 'on' });
			// The last final answer may have closed the poll: archive it before the page shows the result.
			await settlePolls(getDb());
			return { saved: true };
		});
	},
	close: async (event) => {
		const ctx = serviceCtx(event);
		return runForm(null, async () => {
			closePoll(getDb(), ctx, event.params.id);
			await settlePolls(getDb());
			return { closed: true };
		});
	}
};
