import { error } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { getDb } from '$lib/server/db/client';
import { listMeetingDocuments } from '$lib/server/documents/list';
import { openedByReader } from '$lib/server/documents/reads';
import { orHttpError } from '$lib/server/page-errors';
import { listAgenda, type AgendaNode } from '$lib/server/meetings/agenda';
import { getMeeting } from '$lib/server/meetings/service';
import type { Actor } from '$lib/server/auth/policy';
import { collabRooms } from '$lib/server/collab/hub';
import { log } from '$lib/server/log';
import { viewerChanges } from '$lib/server/versions/views';
import type { VersionChangesView } from '$lib/components/versions/changes';
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
/**
 * A later version's differences from the one before and the reader's marks that could not be carried. A failure
 * here (say, an old version's file that cannot be read again) must not keep the reader from the document: it is
 * logged, and the page shows the document without them.
 */
async function changesFor(user: Actor, documentId: string): Promise<VersionChangesView | null> {
	try {
		const view = await viewerChanges(getDb(), collabRooms, user, documentId);
		return view.previous ? { ...view, previous: view.previous } : null;
	} catch (error) {
		log().error({ err: error, documentId }, '[versions] the changes of a new version could not be read');
		return null;
	}
}

export const load: PageServerLoad = async ({ params, parent }) => {
	const { user } = await parent();
	const db = getDb();
	// Not invited, no such meeting and no such document are the same 404.
	const page = orHttpError(() => {
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
	return { ...page, changes: page.document.version > 1 ? await changesFor(user, page.document.id) : null };
};
