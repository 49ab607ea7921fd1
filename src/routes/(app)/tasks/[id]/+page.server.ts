import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { uploadLimits } from '$lib/server/documents/service';
import { UploadBody } from '$lib/server/documents/upload';
import { isAppError } from '$lib/server/errors';
import { runForm, textOf } from '$lib/server/forms';
import { orHttpError } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { uploadAttachment } from '$lib/server/tasks/attachments';
import { addComment } from '$lib/server/tasks/comments';
import { getTask, updateTask } from '$lib/server/tasks/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	return {
		task: orHttpError(() => getTask(getDb(), actor, event.params.id)),
		maxUploadMb: Math.floor(config().maxUploadBytes / (1024 * 1024))
	};
};

export const actions: Actions = {
	/** The status buttons: each posts the status it moves to. */
	status: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const task = updateTask(getDb(), ctx, event.params.id, { status: textOf(data, 'status') });
			return { done: 'status' as const, status: task.status };
		});
	},

	/** Managers only: a new deadline (a task's follow-up often needs more time than the meeting gave). */
	deadline: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			updateTask(getDb(), ctx, event.params.id, { deadline: textOf(data, 'deadline') });
			return { done: 'deadline' as const };
		});
	},

	comment: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			addComment(getDb(), ctx, event.params.id, { body: textOf(data, 'body') });
			return { done: 'comment' as const };
		});
	},

	/**
	 * The multipart body goes to the same streaming receiver as the API (never buffered whole by formData()), with
	 * the same limits; a refusal drains what the browser is still sending so it can read the answer.
	 */
	attach: async (event) => {
		const ctx = serviceCtx(event);
		const body = new UploadBody(event.request, uploadLimits());
		try {
			await uploadAttachment(getDb(), ctx, event.params.id, event.request, body);
			return { done: 'attach' as const };
		} catch (e) {
			await body.discardRest();
			if (!isAppError(e)) throw e;
			return fail(e.status, { error: { code: e.code, message: errorMessage(e.code, e.details), fields: e.details.fields }, values: { _form: 'attach' } });
		}
	}
};
