import { redirect } from '@sveltejs/kit';
import { requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { canGlobal } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { meetingInput, runForm } from '$lib/server/forms';
import { createMeeting } from '$lib/server/meetings/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAbility(canGlobal(serviceCtx(event).actor, 'create_meeting'));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const meeting = createMeeting(getDb(), ctx, meetingInput(data));
			// A new meeting is an empty shell: the agenda is the next thing the secretariat builds.
			redirect(303, `/meetings/${meeting.id}/agenda`);
		});
	}
};
