import type { Actor } from '../auth/policy';
import { audit } from '../audit';
import { config } from '../config';
import type { ServiceCtx } from '../context';
import type { Queryable } from '../db/client';
import type { DocumentRow } from '../db/schema';
import { requireDocument } from './access';
import { requireCopyAllowed } from './confidential';
import { blobPath, fileStore, type FileStore } from './storage';

/** Tests hand their own store; everyone else uses DATA_DIR/files. */
export interface StoreOptions {
	store?: FileStore;
}

export const storeOf = (options: StoreOptions) => options.store ?? fileStore(config().filesDir);

/** The stored file of a document the actor may read. */
export function documentFile(db: Queryable, actor: Actor, documentId: string, options: StoreOptions = {}): { doc: DocumentRow; path: string; store: FileStore } {
	const store = storeOf(options);
	const { doc } = requireDocument(db, actor, documentId);
	return { doc, path: blobPath(store, doc.sha256), store };
}

/** The stored file of a document the actor may take a copy of (download, annotated export): not a confidential one, unless staff. */
export function documentFileForCopy(db: Queryable, actor: Actor, documentId: string, options: StoreOptions = {}): { doc: DocumentRow; path: string; store: FileStore } {
	const found = documentFile(db, actor, documentId, options);
	requireCopyAllowed(actor, found.doc);
	return found;
}

/** Records that a stamped copy left the building; one entry per download, no transaction needed. */
export function recordDownload(db: Queryable, ctx: ServiceCtx, doc: DocumentRow): void {
	audit(db, {
		actorId: ctx.actor.id,
		action: 'document.download',
		subjectType: 'document',
		subjectId: doc.id,
		ip: ctx.ip,
		data: { meetingId: doc.meetingId, sha256: doc.sha256, version: doc.version }
	});
}
