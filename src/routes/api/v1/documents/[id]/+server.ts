import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { deleteDocument } from '$lib/server/documents/service';
import { updateDocument } from '$lib/server/documents/briefing';
import { readJson } from '$lib/server/validation';
import { getDocument } from '$lib/server/documents/access';
import type { RequestHandler } from './$types';

/** One version as readers see it, with `latestVersionId` to say whether a newer one exists. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json(getDocument(getDb(), user, event.params.id));
});

/**
 * Secretariat only: `{title?, confidential?}`, applied to every version of the series (a paper keeps its name and
 * classification across versions). 200 with this version as readers see it.
 */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(updateDocument(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});

/** Secretariat only: withdraws the newest version of a document (the previous one becomes the newest). */
export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	deleteDocument(getDb(), apiCtx(event, user), event.params.id);
	return new Response(null, { status: 204 });
});
