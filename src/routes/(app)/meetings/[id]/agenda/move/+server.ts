import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { leanAgenda } from '$lib/components/secretariat/agenda-tree';
import { apiRoute, clientIp, requireUser } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { moveAgendaItem } from '$lib/server/meetings/agenda';
import { parseInput, readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const body = z.object({ itemId: z.string().min(1).max(64), parentId: z.string().min(1).max(64).nullable(), position: z.number().int().min(0) });

/**
 * One reorder from the agenda editor (keyboard or drag): `{itemId, parentId, position}` → the renumbered
 * agenda, which the editor adopts once no other move of its own is still in flight.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const actor = requireUser(event);
	const { itemId, ...move } = parseInput(body, await readJson(event.request));
	const agenda = moveAgendaItem(getDb(), { actor, ip: clientIp(event) }, event.params.id, itemId, move);
	return json({ agenda: leanAgenda(agenda) });
});
