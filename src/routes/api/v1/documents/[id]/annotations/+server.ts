import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { collabRooms } from '$lib/server/collab/hub';
import { requireDocument } from '$lib/server/documents/access';
import { requireOfflineCopyAllowed } from '$lib/server/documents/confidential';
import { AppError } from '$lib/server/errors';
import { annotationsView, type Layer } from '$lib/server/versions/views';
import type { RequestHandler } from './$types';

const LAYERS: readonly Layer[] = ['shared', 'private'];

/**
 * The marks of one layer of this version (`?layer=shared|private`, shared by default) with the mark of the
 * previous version each was carried from, and the previous version's marks that could not be carried. The private
 * layer is always the caller's own.
 */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const layer = event.url.searchParams.get('layer') ?? 'shared';
	if (!(LAYERS as readonly string[]).includes(layer)) {
		throw new AppError('validation_failed', 'layer must be shared or private', { fields: [{ path: 'layer', message: 'shared, private' }] });
	}
	const db = getDb();
	// A confidential paper's words are read on screen, never kept by the offline copier (confidential.ts).
	requireOfflineCopyAllowed(event.request, requireDocument(db, user, event.params.id).doc);
	return json(await annotationsView(db, collabRooms, user, event.params.id, layer as Layer));
});
