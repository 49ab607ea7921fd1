import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DocumentView } from '$lib/api-types';
import type { Queryable } from '../db/client';
import { documentReads } from '../db/schema';
import type { Actor } from '../auth/policy';
import { canTakeCopy } from './confidential';

/** Who opened which version: the "new version" ("Bản mới") badge of the meeting page and the document page. */

/**
 * Remembers that `userId` opened this version. Keeps the highest version opened: going back to read version 1
 * must not bring the "new version" badge back for version 2.
 */
export function recordDocumentOpened(db: Queryable, userId: string, doc: { seriesId: string; version: number }, now = new Date()): void {
	db.insert(documentReads)
		.values({ userId, seriesId: doc.seriesId, version: doc.version, readAt: now })
		.onConflictDoUpdate({
			target: [documentReads.userId, documentReads.seriesId],
			set: { version: sql`max(${documentReads.version}, excluded.version)`, readAt: now }
		})
		.run();
}

/**
 * The series among `docs` whose newest version this user has not opened, for the "new version" badge. Only a
 * series that has a second version can be new in this sense: a first upload is simply a document.
 */
export function seriesWithUnreadVersion(db: Queryable, userId: string, docs: readonly Pick<DocumentView, 'seriesId' | 'latestVersion'>[]): Set<string> {
	const revised = new Map<string, number>();
	for (const d of docs) if (d.latestVersion > 1) revised.set(d.seriesId, d.latestVersion);
	if (revised.size === 0) return new Set();
	const reads = db
		.select({ seriesId: documentReads.seriesId, version: documentReads.version })
		.from(documentReads)
		.where(and(eq(documentReads.userId, userId), inArray(documentReads.seriesId, [...revised.keys()])))
		.all();
	const opened = new Map(reads.map((r) => [r.seriesId, r.version]));
	return new Set([...revised].filter(([seriesId, latest]) => (opened.get(seriesId) ?? 0) < latest).map(([seriesId]) => seriesId));
}

/**
 * What the document page needs to know about the reader and this document, and the read receipt: the "new
 * version" badge shows on this first opening of the newest version, and is gone from then on.
 */
export function openedByReader(
	db: Queryable,
	actor: Actor,
	doc: Pick<DocumentView, 'id' | 'seriesId' | 'version' | 'latestVersionId' | 'confidential' | 'newVersion'>
): { confidential: boolean; canDownload: boolean; newVersion: boolean } {
	const newVersion = doc.id === doc.latestVersionId && doc.newVersion === true;
	recordDocumentOpened(db, actor.id, doc);
	return { confidential: doc.confidential, canDownload: canTakeCopy(actor, doc), newVersion };
}
