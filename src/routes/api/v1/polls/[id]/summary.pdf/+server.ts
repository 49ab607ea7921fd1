import fs from 'node:fs';
import { apiRoute } from '$lib/server/api';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db/client';
import { blobPath, fileStore } from '$lib/server/documents/storage';
import { notFound } from '$lib/server/errors';
import { requirePoll } from '$lib/server/polls/access';
import { pollArchiveRow } from '$lib/server/polls/archive';
import { settlePolls } from '$lib/server/polls/settle';
import { requireUser } from '$lib/server/request';
import type { RequestHandler } from './$types';

/** The archived summary "Tổng hợp ý kiến thành viên" of a closed poll; 404 while the poll is open. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	await settlePolls(getDb());
	requirePoll(getDb(), user, event.params.id, 'view');
	const row = pollArchiveRow(getDb(), event.params.id);
	if (!row) throw notFound('poll summary');
	const bytes = await fs.promises.readFile(blobPath(fileStore(config().filesDir), row.pdfSha256));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="tong-hop-y-kien-${row.seq}.pdf"`,
			// Archived bytes never change: the same rule as the approved minutes PDF.
			'cache-control': 'private, max-age=31536000, immutable'
		}
	});
});
