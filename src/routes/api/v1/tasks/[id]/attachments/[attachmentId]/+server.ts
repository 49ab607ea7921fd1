import fs from 'node:fs';
import { Readable } from 'node:stream';
import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { contentDisposition } from '$lib/server/documents/naming';
import { attachmentFile } from '$lib/server/tasks/attachments';
import type { RequestHandler } from './$types';

/**
 * The attached file, always as a download: office files are never rendered by the browser, and `nosniff` keeps
 * it from guessing (OWASP File Upload Cheat Sheet, "serve with Content-Disposition: attachment").
 */
export const GET: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const file = attachmentFile(getDb(), user, event.params.id, event.params.attachmentId);
	const stream = Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream<Uint8Array>;
	return new Response(stream, {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(file.sizeBytes),
			'content-disposition': contentDisposition('attachment', file.filename),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
});
