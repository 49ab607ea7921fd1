import { error } from '@sveltejs/kit';
import type { AgendaItemChoice } from '$lib/components/voting/types';
import { errorMessage } from '$lib/i18n/errors';
import { getDb } from '$lib/server/db/client';
import { isAppError } from '$lib/server/errors';
import { listAgenda, type AgendaNode } from '$lib/server/meetings/agenda';
import { getMeeting } from '$lib/server/meetings/meetings';
import type { PageServerLoad } from './$types';

/** The agenda flattened in reading order ("3", "3.1", "3.2"), for the pickers of motions and lists of speakers. */
function flatten(nodes: AgendaNode[]): AgendaItemChoice[] {
	return nodes.flatMap((n) => [{ id: n.id, number: n.number, title: n.title }, ...flatten(n.children)]);
}

/**
 * The meeting in session. Only what does not change during it comes from here; attendance, votes and speakers
 * come live from the meeting's live room and are acted on through the JSON API.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { user } = await parent();
	const db = getDb();
	try {
		const { meeting, participation, can } = getMeeting(db, user, params.id);
		return {
			meeting: { id: meeting.id, title: meeting.title },
			myRole: participation?.role ?? null,
			can,
			agenda: flatten(listAgenda(db, user, meeting.id))
		};
	} catch (e) {
		if (isAppError(e)) error(e.status, errorMessage(e.code, e.details));
		throw e;
	}
};
