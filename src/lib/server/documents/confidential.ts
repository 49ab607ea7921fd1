import { isStaff, type Actor } from '../auth/policy';
import type { DocumentRow } from '../db/schema';
import { AppError } from '../errors';
import { OFFLINE_COPY_HEADER } from '$lib/offline/names';

/**
 * A confidential document ("Mật") is read on screen only. The secretariat (who prepared it and must be able to
 * print it for the archive) keeps the download; everyone else is refused here, on the server, whatever the page
 * shows: OWASP Authorization Cheat Sheet, "enforce authorization checks on every request" rather than hiding
 * the button.
 */
export function canTakeCopy(actor: Actor, doc: Pick<DocumentRow, 'confidential'>): boolean {
	return !doc.confidential || isStaff(actor);
}

export function requireCopyAllowed(actor: Actor, doc: Pick<DocumentRow, 'confidential'>): void {
	if (!canTakeCopy(actor, doc)) throw new AppError('document_confidential', 'a confidential document is read on screen only: no download');
}

/**
 * The header the offline copier (src/lib/offline/download.ts) and the service worker's re-check send when they
 * fetch a file to keep in Cache Storage. The viewer's own range requests never carry it.
 */
export { OFFLINE_COPY_HEADER };

/**
 * The offline copy is refused for a confidential document, for staff too (a tablet left in a car is the risk,
 * whoever holds it). A client that strips the header still gets `Cache-Control: no-store` on every byte
 * (serve.ts), so neither the HTTP cache nor a well-behaved service worker keeps it.
 */
export function requireOfflineCopyAllowed(request: Request, doc: Pick<DocumentRow, 'confidential'>): void {
	if (doc.confidential && request.headers.has(OFFLINE_COPY_HEADER)) {
		throw new AppError('document_confidential', 'a confidential document is never stored for offline reading');
	}
}
