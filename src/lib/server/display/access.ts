import { eq } from 'drizzle-orm';
import { canInMeeting, type Actor } from '../auth/policy';
import type { Db } from '../db/client';
import { documents, type DocumentRow } from '../db/schema';
import { blobPath, type FileStore } from '../documents/storage';
import { storeOf } from '../documents/files';
import { AppError, forbidden, notFound } from '../errors';
import { liveSnapshot } from '../live/snapshot';
import { requireMeeting } from '../meetings/access';
import { findDisplayGrant } from './links';

/** Who is looking at a hall display: a signed-in chair or secretary, or the projector holding a display link. */
export type DisplayViewer = { kind: 'user'; actor: Actor } | { kind: 'link'; linkId: string };

/**
 * Decides who may open the hall display of a meeting. A session with the `present` ability (chair, secretariat)
 * opens it; any other participant gets 403 and a stranger 404, as everywhere. Without such a session, the
 * display cookie of this meeting (a link's token, exchanged on first visit) opens it, and only it; a revoked link
 * says so (410) instead of a bare 404, so the hall knows to ask the secretariat for a new one.
 */
export function requireDisplayViewer(db: Db, user: Actor | null, token: string | null, meetingId: string): DisplayViewer {
	if (user) {
		const { participation } = requireMeeting(db, user, meetingId, 'view');
		if (canInMeeting(user, participation, 'present')) return { kind: 'user', actor: user };
		if (!token) throw forbidden('only the chair and the secretariat open the hall display');
	}
	if (!token) throw new AppError('unauthenticated', 'sign in or open a display link');
	const grant = findDisplayGrant(db, token);
	if (grant.state === 'valid' && grant.meetingId === meetingId) return { kind: 'link', linkId: grant.linkId };
	if (grant.state === 'revoked' && grant.meetingId === meetingId) throw new AppError('display_link_revoked', 'this display link was revoked');
	throw notFound('meeting');
}

/**
 * The file of the document being presented, for a display link: the projector may fetch the pages on screen and
 * nothing else, so any document but the presenter's current one is a 404 (like a document that does not exist),
 * and a confidential one is refused.
 */
export function presentedDocumentFile(
	db: Db,
	tokenFor: (meetingId: string) => string | null,
	documentId: string
): { doc: DocumentRow; path: string; store: FileStore } {
	const doc = db.select().from(documents).where(eq(documents.id, documentId)).get();
	const token = doc ? tokenFor(doc.meetingId) : null;
	if (!doc || !token) throw notFound('document');
	const grant = findDisplayGrant(db, token);
	if (grant.state !== 'valid' || grant.meetingId !== doc.meetingId) throw notFound('document');
	if (liveSnapshot(db, doc.meetingId).presenter?.documentId !== doc.id) throw notFound('document');
	// The hall screen is seen by everyone in the room, guests and press included: a confidential paper is read on
	// the members' tablets only, whoever presents it.
	if (doc.confidential) throw new AppError('document_confidential', 'a confidential document is not shown on the hall display');
	const store = storeOf({});
	return { doc, path: blobPath(store, doc.sha256), store };
}
