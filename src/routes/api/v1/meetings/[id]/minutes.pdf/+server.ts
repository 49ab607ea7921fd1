import { apiRoute } from '$lib/server/api';
import { requireUser } from '$lib/server/request';
import { collabRooms } from '$lib/server/collab/hub';
import { getDb } from '$lib/server/db/client';
import { contentDisposition } from '$lib/server/documents/naming';
import { requireMeeting } from '$lib/server/meetings/access';
import { minutesPdf } from '$lib/server/minutes/service';
import type { RequestHandler } from './$types';

/** Everyone in the meeting: the signed PDF once approved (the archived bytes), else a draft rendered now. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const { meeting } = requireMeeting(db, user, event.params.id);
	const pdf = await minutesPdf(db, collabRooms, meeting.id);
	const name = `${pdf.approved ? '' : 'draft-'}minutes-${meeting.title}.pdf`;
	return new Response(Buffer.from(pdf.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(pdf.bytes.byteLength),
			'content-disposition': contentDisposition('inline', name),
			// The signed PDF never changes; a draft does with every edit.
			'cache-control': pdf.approved ? 'private, max-age=31536000, immutable' : 'private, no-store',
			etag: `"${pdf.sha256}"`
		}
	});
});
