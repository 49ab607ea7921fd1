import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute } from '$lib/server/api';
import { getDb } from '$lib/server/db/client';
import { notFound } from '$lib/server/errors';
import { requireUser } from '$lib/server/request';
import { deleteCertificate, getCertificate, installCertificate } from '$lib/server/signing/credentials';
import { readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * Administrators: the signing certificate of a user (`:owner` = their id) or of the body (`:owner` = `body`).
 * GET describes it (never the key), PUT `{p12: base64, password}` installs a PKCS#12, DELETE removes it.
 */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const certificate = getCertificate(getDb(), user, event.params.owner);
	if (!certificate) throw notFound('certificate');
	return json(certificate);
});

export const PUT: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request);
	return json(installCertificate(getDb(), apiCtx(event, user), event.params.owner, input));
});

export const DELETE: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	if (!deleteCertificate(getDb(), apiCtx(event, user), event.params.owner)) throw notFound('certificate');
	return new Response(null, { status: 204 });
});
