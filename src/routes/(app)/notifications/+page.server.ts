import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { textOf } from '$lib/server/forms';
import { requestNoticeLocale } from '$lib/server/notices/locale';
import { findOwnNotice, listNotices, markNoticesRead } from '$lib/server/notices/store';
import { serviceCtx } from '$lib/server/request';
import { safeReturnPath } from '$lib/server/return-path';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	event.depends('quorum:notices');
	return listNotices(getDb(), actor, requestNoticeLocale());
};

export const actions: Actions = {
	/**
	 * Opening a notice marks it read and follows its link. A POST, not a link with a side effect: nothing a browser
	 * prefetches marks anything read. Someone else's id finds nothing and lands back on the list.
	 */
	open: async (event) => {
		const { actor } = serviceCtx(event);
		const data = await event.request.formData();
		const id = textOf(data, 'id');
		const notice = id ? findOwnNotice(getDb(), actor, id) : undefined;
		if (!notice) redirect(303, '/notifications');
		markNoticesRead(getDb(), actor, { ids: [notice.id] });
		// Links are written by the server, but by other features too: only a path on this site is followed
		// (OWASP Unvalidated Redirects and Forwards).
		redirect(303, safeReturnPath(notice.link) ?? '/notifications');
	},

	readAll: (event) => {
		const { actor } = serviceCtx(event);
		markNoticesRead(getDb(), actor, { all: true });
		return { markedAll: true };
	}
};
