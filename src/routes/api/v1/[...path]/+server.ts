import { apiRoute } from '$lib/server/api';
import { notFound } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/**
 * Any path under /api/v1 that no route claims. Without this, SvelteKit would answer an API client with the HTML
 * error page; a script deserves the same JSON error shape as everywhere else. More specific routes always win.
 */
export const fallback: RequestHandler = apiRoute(() => {
	throw notFound('endpoint');
});
