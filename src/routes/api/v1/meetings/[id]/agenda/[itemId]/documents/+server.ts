import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created, errorResponse } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { uploadDocument, uploadLimits } from '$lib/server/documents/service';
import { listMeetingDocuments } from '$lib/server/documents/list';
import { UploadBody } from '$lib/server/documents/upload';
import { isAppError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** The documents of one agenda item (every version), for anyone who can see the meeting. */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const { id, itemId } = event.params;
	const documents = listMeetingDocuments(getDb(), user, id).filter((d) => d.agendaItemId === itemId);
	return json({ documents });
});

/**
 * Secretariat only: multipart/form-data with the PDF in `file` and, for a new version, the replaced document's
 * id in `replaces`. 201 with the document as readers see it.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	const body = new UploadBody(event.request, uploadLimits());
	try {
		const user = requireUser(event);
		const document = await uploadDocument(getDb(), apiCtx(event, user), event.params.id, event.params.itemId, event.request, body);
		return created(document);
	} catch (e) {
		// Whatever the refusal (401, 404, 413, 415, 422 or a bug), the client must be able to read it: see UploadBody.
		const rest = await body.discardRest();
		if (!isAppError(e)) throw e;
		const response = errorResponse(e);
		// `failed`: the body could not be discarded. `Expect: 100-continue` refused: the body was never sent, and
		// Node would wait for it. Either way this connection cannot carry another request.
		const expectsContinue = /100-continue/i.test(event.request.headers.get('expect') ?? '');
		if (rest === 'failed' || (rest === 'node' && expectsContinue)) response.headers.set('connection', 'close');
		return response;
	}
});
