import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { passwordClient } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db/client';
import { approveMinutes } from '$lib/server/minutes/service';
import { parseInput, readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const approveInput = z.object({
	password: z.string().min(1).max(256),
	contentHash: z.string().regex(/^[0-9a-f]{64}$/)
});

/** The chair: `{password, contentHash}` → approved, archived, chained; every room of the meeting read-only. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const input = parseInput(approveInput, await readJson(event.request));
	return json(await approveMinutes(getDb(), user, event.params.id, input, passwordClient(event)));
});
