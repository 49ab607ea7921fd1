import fs from 'node:fs';
import { privateAnnotationsRoom, sharedAnnotationsRoom } from '$lib/collab/room-names';
import { m } from '$lib/paraglide/messages';
import { apiCtx, apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { readMarkLayer } from '$lib/server/collab/layers';
import { getDb } from '$lib/server/db/client';
import { writeAnnotations, type AnnotatedLayer } from '$lib/server/documents/annotated';
import { documentFileForCopy, recordDownload } from '$lib/server/documents/files';
import { contentDisposition } from '$lib/server/documents/naming';
import { stampDate, stampPdf } from '$lib/server/documents/stamp';
import { AppError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

const LAYERS = ['shared', 'private'] as const;

/**
 * "Download with annotations": the PDF with the chosen layers (`?layers=shared,private`, both by default) written
 * in as real PDF annotations any reader shows, stamped like every downloaded copy. The private layer is always
 * the caller's own: nobody can export someone else's notes.
 */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const { doc, path } = documentFileForCopy(db, user, event.params.id);
	const asked = (event.url.searchParams.get('layers') ?? 'shared,private').split(',').filter(Boolean);
	if (asked.some((l) => !(LAYERS as readonly string[]).includes(l))) {
		throw new AppError('validation_failed', 'layers must be shared and/or private', { fields: [{ path: 'layers', message: 'shared, private' }] });
	}
	const layers: AnnotatedLayer[] = [];
	if (asked.includes('shared')) layers.push({ ...readMarkLayer(sharedAnnotationsRoom(doc.id)), label: m.collab_layer_shared() });
	if (asked.includes('private')) layers.push({ ...readMarkLayer(privateAnnotationsRoom(doc.id, user.id)), label: m.collab_layer_private() });
	const annotated = await writeAnnotations(await fs.promises.readFile(path), layers);
	const stamped = Buffer.from(await stampPdf(annotated, m.document_stamp({ name: user.displayName, date: stampDate(new Date()) })));
	recordDownload(db, apiCtx(event, user), doc);
	return new Response(stamped, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(stamped.byteLength),
			'content-disposition': contentDisposition('attachment', `${doc.filename.replace(/\.pdf$/i, '')} (${m.collab_annotated_suffix()}).pdf`),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
});
