import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { createMotion } from '$lib/server/votes/motions';
import { listMotionSummaries, motionSummary } from '$lib/server/votes/views';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** The meeting's motions, oldest first (`?agendaItemId=` for one item); drafts only for the chair and secretariat. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const agendaItemId = event.url.searchParams.get('agendaItemId') ?? undefined;
	return json({ motions: listMotionSummaries(getDb(), user, event.params.id, agendaItemId) });
});

/** Chair or secretariat: a draft motion on an agenda item. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const motion = createMotion(db, apiCtx(event, user), event.params.id, await readJson(event.request));
	return created(motionSummary(db, motion));
});
