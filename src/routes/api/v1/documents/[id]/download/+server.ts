import fs from 'node:fs';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { getDb } from '$lib/server/db/client';
import { documentFileForCopy, recordDownload } from '$lib/server/documents/files';
import { contentDisposition } from '$lib/server/documents/naming';
import { stampDate, stampPdf } from '$lib/server/documents/stamp';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * A copy to keep, stamped on every page with the reader's name and today's date, in the reader's language.
 * Every download is audited. pdf-lib needs the whole file in memory; the in-app view never comes this way.
 */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const { doc, path } = documentFileForCopy(db, user, event.params.id);
	const stamp = m.document_stamp({ name: user.displayName, date: stampDate(new Date()) });
	// A copy into a Buffer: pdf-lib's Uint8Array is typed over ArrayBufferLike, which Response does not take.
	const stamped = Buffer.from(await stampPdf(await fs.promises.readFile(path), stamp));
	recordDownload(db, apiCtx(event, user), doc);
	return new Response(stamped, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(stamped.byteLength),
			'content-disposition': contentDisposition('attachment', doc.filename),
			// Personal and dated: never stored by a shared cache or replayed from the browser cache.
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
});

/**
 * Without this, SvelteKit would answer HEAD by running GET: a stamped copy made for nothing, and an audit entry
 * for a download that never happened. The length is not known without stamping, so it is left out.
 */
export const HEAD: RequestHandler = apiRoute((event) => {
	const user = requireUser(event);
	const { doc } = documentFileForCopy(getDb(), user, event.params.id);
	return new Response(null, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': contentDisposition('attachment', doc.filename),
			'cache-control': 'private, no-store'
		}
	});
});
