import type { AgendaItemChoice, AttendanceRow, DocumentChoice, Motion, MotionDetail } from '$lib/components/voting/types';
import { getDb } from '$lib/server/db/client';
import { listMeetingDocuments } from '$lib/server/documents/list';
import { isAppError } from '$lib/server/errors';
import { orHttpError } from '$lib/server/page-errors';
import { listAgenda, type AgendaNode } from '$lib/server/meetings/agenda';
import { isArchived } from '$lib/server/meetings/access';
import { getMeeting } from '$lib/server/meetings/service';
import { listAttendance } from '$lib/server/meetings/attendance';
import { meetingEvents } from '$lib/server/live/events';
import { liveSnapshot } from '$lib/server/live/snapshot';
import type { ConsoleResult } from '$lib/components/console/types';
import { getMotion, listMotionSummaries } from '$lib/server/votes/views';
import { listMotions } from '$lib/server/votes/motions';
import type { PageServerLoad } from './$types';

/** The agenda flattened in reading order ("3", "3.1", "3.2"), for the pickers of motions and lists of speakers. */
function flatten(nodes: AgendaNode[]): AgendaItemChoice[] {
	return nodes.flatMap((n) => [{ id: n.id, number: n.number, title: n.title }, ...flatten(n.children)]);
}

/** The components read the JSON API's shapes (dates as ISO strings); the server's values go through the same JSON. */
const asApiJson = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The meeting in session as it stands now, so the screen is complete at first paint: the live room's state
 * (attendance, the vote on screen and its count, the lists of speakers), the attendance list, the caller's part in
 * the vote on screen, and for the chair and secretariat the drafts. The live room then keeps it current, and
 * actions go through the JSON API.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { user } = await parent();
	const db = getDb();
	return orHttpError(() => {
		const { meeting, participation, can } = getMeeting(db, user, params.id);
		const live = liveSnapshot(db, meeting.id);
		// Everyone who sees the meeting may read who is present (listAttendance checks 'view').
		const attendance = can.view ? listAttendance(db, user, meeting.id).participants : [];
		let motion: MotionDetail | null = null;
		if (live.activeMotion) {
			try {
				motion = asApiJson<MotionDetail>(getMotion(db, user, live.activeMotion.id, meetingEvents));
			} catch (e) {
				// Deleted meanwhile or not visible: the live room's own header is enough to draw it.
				if (!isAppError(e)) throw e;
			}
		}
		// An archived meeting is read, not run: its closed votes with their stored results, nothing to act on.
		const archived = isArchived(db, meeting.id);
		const results = archived
			? listMotionSummaries(db, user, meeting.id)
					.filter((x) => x.state === 'closed')
					.map((x) => asApiJson<MotionDetail>(getMotion(db, user, x.id)))
			: [];
		// The chair's console lists the meeting's closed votes, to show one again on the hall display.
		const closed: ConsoleResult[] =
			can.run_votes && !archived
				? listMotions(db, user, meeting.id)
						.filter((x) => x.state === 'closed' && x.result)
						.map((x) => ({ id: x.id, agendaItemId: x.agendaItemId, title: x.title, options: x.options, majority: x.majority, maxChoices: x.maxChoices, result: x.result! }))
				: [];
		return {
			meeting: { id: meeting.id, title: meeting.title, bodyType: meeting.bodyType },
			closed,
			archived,
			results,
			myRole: participation?.role ?? null,
			can,
			agenda: flatten(listAgenda(db, user, meeting.id)),
			// The newest version of each document, for the motion's attached document.
			documents: listMeetingDocuments(db, user, meeting.id)
				.filter((d) => d.id === d.latestVersionId)
				.map((d): DocumentChoice => ({ id: d.id, agendaItemId: d.agendaItemId, title: d.title })),
			live,
			// For the tablet's clock offset: countdowns (closing, speaking time) run on the server's clock.
			serverNow: Date.now(),
			attendance: asApiJson<AttendanceRow[]>(attendance),
			motion,
			drafts: can.run_votes ? asApiJson<Motion[]>(listMotionSummaries(db, user, meeting.id).filter((x) => x.state === 'draft')) : []
		};
	});
};
