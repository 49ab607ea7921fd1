import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { createDisplayLink, listDisplayLinks } from '$lib/server/display/links';
import { displayPath } from '$lib/server/display/paths';
import { requireUser } from '$lib/server/request';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Secretariat: the meeting's display links, revoked ones included; never their tokens. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ links: listDisplayLinks(getDb(), user, event.params.id) });
});

/** Secretariat: a new link; its token (and the path that carries it) is in this answer only. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const link = createDisplayLink(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request));
	return created({ ...link, path: displayPath(link.meetingId, link.token) });
});
