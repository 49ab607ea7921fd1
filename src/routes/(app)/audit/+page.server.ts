import { auditQueryOf, readAuditPage } from '$lib/server/audit-log/query';
import { isStaff } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/client';
import { listMeetings } from '$lib/server/meetings/service';
import { orHttpError, requireAbility } from '$lib/server/page-errors';
import { serviceCtx } from '$lib/server/request';
import { listUsers } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

/** The secretariat's reading of the audit log: filters in the query string, so a filtered page is a link to share. */
export const load: PageServerLoad = (event) => {
	const { actor } = serviceCtx(event);
	requireAbility(isStaff(actor));
	const db = getDb();
	const filters = auditQueryOf(event.url.searchParams) as Record<string, string>;
	return {
		filters,
		log: orHttpError(() => readAuditPage(db, actor, filters)),
		meetings: listMeetings(db, actor).map((x) => ({ id: x.id, title: x.title })),
		users: listUsers(db, actor).map((u) => ({ id: u.id, displayName: u.displayName, username: u.username }))
	};
};
