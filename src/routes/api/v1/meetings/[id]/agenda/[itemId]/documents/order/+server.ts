import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { setDocumentOrder } from '$lib/server/documents/briefing';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * Secretariat only: `{seriesIds: [...]}`, every document series of the item, first to last. 200 with the item's
 * documents in their new order.
 */
export const PUT: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { id, itemId } = event.params;
	return json({ documents: setDocumentOrder(getDb(), apiCtx(event, user), id, itemId, await readJson(event.request)) });
});
