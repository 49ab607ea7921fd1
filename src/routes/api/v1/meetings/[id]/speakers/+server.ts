import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { listSpeakers, requestToSpeak } from '$lib/server/meetings/speakers';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** Every request to speak (`?agendaItemId=` for one item): waiting in the chair's order, speaking, done, withdrawn. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ speakers: listSpeakers(getDb(), user, event.params.id, event.url.searchParams.get('agendaItemId') ?? undefined) });
});

/** `{agendaItemId}` asks to speak; `{agendaItemId, userId}` is the chair or secretariat adding someone. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	return created(requestToSpeak(getDb(), apiCtx(event, user), event.params.id, await readJson(event.request)));
});
