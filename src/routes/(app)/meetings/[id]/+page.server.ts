import type { DocumentEntry, DocumentView } from '$lib/api-types';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { listMeetingDocuments } from '$lib/server/documents/list';
import { versionSummaries } from '$lib/server/versions/views';
import type { Queryable } from '$lib/server/db/client';
import { orHttpError } from '$lib/server/page-errors';
import { listAgenda } from '$lib/server/meetings/agenda';
import { getMeeting } from '$lib/server/meetings/service';
import { listParticipants } from '$lib/server/meetings/participants';
import { getOwnReply, setReply, substituteCandidates } from '$lib/server/meetings/replies';
import { runForm, textOf } from '$lib/server/forms';
import { serviceCtx } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

/** Each version with what its card says of the version before it (pages changed, marks not carried). */
function withSummaries(db: Queryable, userId: string, docs: DocumentView[]) {
	const summaries = versionSummaries(
		db,
		userId,
		docs.filter((d) => d.version > 1).map((d) => d.id)
	);
	return docs.map((doc) => ({ doc, summary: summaries.get(doc.id) }));
}

export const load: PageServerLoad = async ({ params, parent }) => {
	const { user } = await parent();
	const db = getDb();
	// Not invited and not existing are the same 404 (requireMeeting decides); the message is the user's language.
	return orHttpError(() => {
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
			})),
			documents: withSummaries(db, user.id, listMeetingDocuments(db, user, meeting.id)).map(
				({ doc: d, summary }): DocumentEntry => ({
					id: d.id,
					agendaItemId: d.agendaItemId,
					seriesId: d.seriesId,
					version: d.version,
					latestVersionId: d.latestVersionId,
					latestVersion: d.latestVersion,
					title: d.title,
					filename: d.filename,
					sizeBytes: d.sizeBytes,
					pages: d.pages,
					confidential: d.confidential,
					newVersion: d.newVersion ?? false,
					uploadedBy: d.uploadedBy.displayName,
					createdAt: d.createdAt,
					...(summary ? { changes: summary } : {})
				})
			),
			maxUploadBytes: config().maxUploadBytes,
			// The invitation's reply: only a participant answers one.
			reply: participation ? { mine: getOwnReply(db, user, meeting.id), candidates: substituteCandidates(db, user, meeting.id) } : null
		};
	});
};

export const actions: Actions = {
	/** The participant's answer to the invitation (the same service as `PUT /api/v1/meetings/:id/reply`). */
	reply: async (event) => {
		const ctx = serviceCtx(event);
		const data = await event.request.formData();
		return runForm(data, () => {
			const attending = textOf(data, 'attending');
			const reason = textOf(data, 'reason');
			const note = textOf(data, 'note').trim();
			const substituteId = textOf(data, 'substituteId');
			setReply(getDb(), ctx, event.params.id, {
				// Nothing chosen is sent as a value zod refuses, so the answer is asked for rather than assumed.
				attending: attending === 'yes' ? true : attending === 'no' ? false : null,
				...(attending === 'no' ? { reason: reason || undefined, note: note || undefined, substituteId: substituteId || null } : {})
			});
			return { replied: true };
		});
	}
};
