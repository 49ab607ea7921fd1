import { error } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { getDb } from '$lib/server/db/client';
import { listMeetingDocuments } from '$lib/server/documents/list';
import { openedByReader } from '$lib/server/documents/reads';
import { orHttpError } from '$lib/server/page-errors';
import { listAgenda, type AgendaNode } from '$lib/server/meetings/agenda';
import { getMeeting } from '$lib/server/meetings/service';
import type { PageServerLoad } from './$types';

function findItem(items: AgendaNode[], id: string): AgendaNode | null {
	for (const item of items) {
		if (item.id === id) return item;
		const child = findItem(item.children, id);
		if (child) return child;
	}
	return null;
}

/** The reader needs the document's facts and where it sits in the agenda, to keep the agenda one tap away. */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { user } = await parent();
	const db = getDb();
	// Not invited, no such meeting and no such document are the same 404.
	return orHttpError(() => {
		const { meeting, can } = getMeeting(db, user, params.id);
		const doc = listMeetingDocuments(db, user, meeting.id).find((d) => d.id === params.docId);
		if (!doc) error(404, errorMessage('not_found'));
		const item = findItem(listAgenda(db, user, meeting.id), doc.agendaItemId);
		return {
			meeting: { id: meeting.id, title: meeting.title },
			// Who I am in the rooms (marks carry my name) and what the collaboration tools may offer me.
			me: { id: user.id, displayName: user.displayName },
			can: { annotateShared: can.annotate_shared, present: can.present },
			// Confidential (watermark, no download) and "new version"; records that this reader opened this version.
			briefing: openedByReader(db, user, doc),
			agendaItem: item ? { id: item.id, number: item.number, title: item.title } : null,
			document: {
				id: doc.id,
				title: doc.title,
				filename: doc.filename,
				pages: doc.pages,
				sizeBytes: doc.sizeBytes,
				version: doc.version,
				latestVersionId: doc.latestVersionId,
				latestVersion: doc.latestVersion
			}
		};
	});
};
