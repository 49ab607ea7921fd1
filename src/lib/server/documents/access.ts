import { eq } from 'drizzle-orm';
import type { DocumentView } from '$lib/api-types';
import type { Actor, MeetingAction } from '../auth/policy';
import type { Queryable } from '../db/client';
import { documents, type DocumentRow } from '../db/schema';
import { AppError, notFound } from '../errors';
import { requireMeeting, type MeetingAccess } from '../meetings/access';
import { findDocumentView } from './list';

/**
 * A document for an actor who wants to do `action` with it, decided through its meeting: whoever may not see
 * the meeting gets the same 404 as for a document that does not exist.
 */
export function requireDocument(db: Queryable, actor: Actor, documentId: string, action: MeetingAction = 'view'): { doc: DocumentRow } & MeetingAccess {
	const doc = db.select().from(documents).where(eq(documents.id, documentId)).get();
	if (!doc) throw notFound('document');
	try {
		return { doc, ...requireMeeting(db, actor, doc.meetingId, action) };
	} catch (e) {
		if (e instanceof AppError && e.code === 'not_found') throw notFound('document');
		throw e;
	}
}

export function getDocument(db: Queryable, actor: Actor, documentId: string): DocumentView {
	requireDocument(db, actor, documentId);
	const view = findDocumentView(db, documentId);
	if (!view) throw notFound('document');
	return view;
}
