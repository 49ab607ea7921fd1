import { json } from '@sveltejs/kit';
import { apiCtx, apiRoute, created, refuseUpload } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { uploadLimits } from '$lib/server/documents/service';
import { UploadBody } from '$lib/server/documents/upload';
import { uploadAttachment } from '$lib/server/tasks/attachments';
import { getTask } from '$lib/server/tasks/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	return json({ attachments: getTask(getDb(), user, event.params.id).attachments });
});

/** The owner or a manager: multipart/form-data with the file in `file` (PDF or office file, MAX_UPLOAD_MB) → 201. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const body = new UploadBody(event.request, uploadLimits());
	try {
		const user = requireUser(event);
		return created(await uploadAttachment(getDb(), apiCtx(event, user), event.params.id, event.request, body));
	} catch (e) {
		return refuseUpload(e, body, event.request);
	}
});
