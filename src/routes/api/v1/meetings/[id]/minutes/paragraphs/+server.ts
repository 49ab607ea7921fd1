import { z } from 'zod';
import { apiRoute, created } from '$lib/server/api';
import { clientIp, requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { appendParagraph } from '$lib/server/minutes/service';
import { parseInput, readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const paragraphInput = z.object({ text: z.string().trim().min(1).max(20_000) });

/** Chair or secretariat: `{text}` appended to the draft; 409 once the minutes are submitted or approved. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { text } = parseInput(paragraphInput, await readJson(event.request));
	return created(appendParagraph(getDb(), user, event.params.id, text, clientIp(event)));
});
