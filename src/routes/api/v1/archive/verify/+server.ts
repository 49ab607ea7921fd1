import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { parseMediaType } from '$lib/http/media-type';
import { apiRoute } from '$lib/server/api';
import { verifyCode, verifyCopy } from '$lib/server/archive/verify-copy';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/request';
import { parseInput, readBytesCapped, readJson } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const codeInput = z.object({ code: z.string().min(1).max(200) });

/**
 * Signed in: is this the archived minutes? The PDF itself as an `application/pdf` body → byte-for-byte match
 * against the archive, with which record and who signed, and the PDF's own signatures checked; or
 * `{"code": "QUORUM-BB/1 …"}` as JSON, the footer's QR code, → the record it names.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const type = parseMediaType(event.request.headers.get('content-type'));
	if (type?.essence === 'application/pdf') {
		const bytes = await readBytesCapped(event.request, config().maxUploadBytes);
		return json(await verifyCopy(getDb(), user, bytes));
	}
	if (type?.essence === 'application/json') {
		const { code } = parseInput(codeInput, await readJson(event.request));
		return json(verifyCode(getDb(), user, code));
	}
	throw new AppError('unsupported_media_type', 'send the PDF as application/pdf, or {"code"} as application/json');
});
