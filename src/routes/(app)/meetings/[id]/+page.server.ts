import { error } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { getDb } from '$lib/server/db/client';
import { isAppError } from '$lib/server/errors';
import { listAgenda } from '$lib/server/meetings/agenda';
import { getMeeting } from '$lib/server/meetings/meetings';
import { listParticipants } from '$lib/server/meetings/participants';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const { user } = await parent();
	const db = getDb();
	try {
		const { meeting, participation, can } = getMeeting(db, user, params.id);
		return {
			meeting,
			myRole: participation?.role ?? null,
			can,
			agenda: listAgenda(db, user, meeting.id),
			// Only what the page shows: usernames are sign-in names, not something to hand every participant.
			participants: listParticipants(db, user, meeting.id).map(({ userId, displayName, role, canVote }) => ({
				userId,
				displayName,
				role,
				canVote
			}))
		};
	} catch (e) {
		// Not invited and not existing are the same 404 (requireMeeting decides); the message is the user's language.
		if (isAppError(e)) error(e.status, errorMessage(e.code, e.details));
		throw e;
	}
};
