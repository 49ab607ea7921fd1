import { orHttpError } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { toLocalInput } from '$lib/i18n/format';
import { getDb } from '$lib/server/db/client';
import { runForm, meetingInput } from '$lib/server/forms';
import { requireMeeting } from '$lib/server/meetings/access';
import { updateMeeting } from '$lib/server/meetings/service';
import { listDisplayLinks } from '$lib/server/display/links';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	const { meeting } = orHttpError(() => requireMeeting(getDb(), actor, event.params.id, 'edit'));
	return {
		meeting: { id: meeting.id, title: meeting.title },
		// The hall display's links, managed by the same people who edit the meeting; never their tokens.
		displayLinks: listDisplayLinks(getDb(), actor, meeting.id).map((l) => ({ ...l, createdAt: l.createdAt.toISOString(), revokedAt: l.revokedAt?.toISOString() ?? null })),
		values: {
			title: meeting.title,
			body: meeting.body,
			startsAt: toLocalInput(meeting.startsAt),
			endsAt: meeting.endsAt ? toLocalInput(meeting.endsAt) : '',
			location: meeting.location,
			description: meeting.description,
			status: meeting.status,
			bodyType: meeting.bodyType,
			quorum: meeting.quorum === null ? '' : String(meeting.quorum),
			proxyLimit: String(meeting.proxyLimit)
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			updateMeeting(getDb(), ctx, event.params.id, meetingInput(data));
			return { saved: true };
		});
	}
};
