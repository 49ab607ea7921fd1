import { asc, desc, eq, max, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import type { Queryable } from '../db/client';
import { documents, users } from '../db/schema';
import type { DocumentView } from '$lib/api-types';
import { requireMeeting } from '../meetings/access';
import { seriesWithUnreadVersion } from './reads';

/**
 * Every version of every document of a meeting, in agenda order within each item; newest version first per series.
 * `newVersion` says, for this actor, that the series has a version they have not opened (briefing.ts).
 */
export function listMeetingDocuments(db: Queryable, actor: Actor, meetingId: string): DocumentView[] {
	requireMeeting(db, actor, meetingId);
	const views = documentViews(db, eq(documents.meetingId, meetingId));
	const unread = seriesWithUnreadVersion(db, actor.id, views);
	return views.map((v) => ({ ...v, newVersion: unread.has(v.seriesId) }));
}

/**
 * One version as readers see it, or null if there is no such document. No access check: callers decide access
 * through the document's meeting first (access.ts `requireDocument`).
 */
export function findDocumentView(db: Queryable, documentId: string): DocumentView | null {
	const row = db.select({ seriesId: documents.seriesId }).from(documents).where(eq(documents.id, documentId)).get();
	if (!row) return null;
	return documentViews(db, eq(documents.seriesId, row.seriesId)).find((d) => d.id === documentId) ?? null;
}

/** Views of the rows matching `where`; every version of a series must be in the set for `latestVersionId` to be right. */
function documentViews(db: Queryable, where: SQL): DocumentView[] {
	const rows = db
		.select({ doc: documents, uploader: { id: users.id, displayName: users.displayName } })
		.from(documents)
		.innerJoin(users, eq(users.id, documents.uploadedBy))
		.where(where)
		.orderBy(asc(documents.agendaItemId), asc(documents.position), asc(documents.seriesId), desc(documents.version))
		.all();
	const latest = new Map<string, { id: string; version: number }>();
	for (const { doc } of rows) {
		const seen = latest.get(doc.seriesId);
		if (!seen || doc.version > seen.version) latest.set(doc.seriesId, { id: doc.id, version: doc.version });
	}
	return rows.map(({ doc, uploader }) => {
		const newest = latest.get(doc.seriesId)!;
		return {
			id: doc.id,
			meetingId: doc.meetingId,
			agendaItemId: doc.agendaItemId,
			seriesId: doc.seriesId,
			version: doc.version,
			latestVersionId: newest.id,
			latestVersion: newest.version,
			title: doc.title,
			filename: doc.filename,
			sha256: doc.sha256,
			sizeBytes: doc.sizeBytes,
			pages: doc.pages,
			confidential: doc.confidential,
			uploadedBy: uploader,
			createdAt: doc.createdAt
		};
	});
}

/** The highest version number in a series (0 when it has none). */
export function latestVersionOf(db: Queryable, seriesId: string): number {
	return db.select({ v: max(documents.version) }).from(documents).where(eq(documents.seriesId, seriesId)).get()?.v ?? 0;
}
