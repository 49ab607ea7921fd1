import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { LIVE_STATE_MAP, type ShownResultState } from '../../collab/live-state';
import { audit } from '../audit';
import { getCollabHub } from '../collab/hub';
import { getDb } from '../db/client';
import { setPresenting } from './presenting';
import type { ServiceCtx } from '../context';
import type { Db } from '../db/client';
import { motions } from '../db/schema';
import { AppError, notFound } from '../errors';
import { requireMeeting } from '../meetings/access';
import { parseInput } from '../validation';

export const showResultInput = z.object({ motionId: z.string().min(1).max(64) });

/**
 * The chair shows an earlier result again on the hall display (and on every tablet): the stored result of a closed
 * motion of this meeting, never recomputed. Written into the live room only: it is a moment of the session, not
 * part of the record, so the database keeps nothing but the audit entry.
 */
export function showResult(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): ShownResultState {
	const input = parseInput(showResultInput, raw);
	requireMeeting(db, ctx.actor, meetingId, 'run_votes');
	const motion = db
		.select()
		.from(motions)
		.where(and(eq(motions.id, input.motionId), eq(motions.meetingId, meetingId)))
		.get();
	if (!motion) throw notFound('motion');
	if (motion.state !== 'closed' || !motion.result) throw new AppError('motion_not_closed', 'only a closed vote has a result to show');
	const state: ShownResultState = {
		motionId: motion.id,
		agendaItemId: motion.agendaItemId,
		title: motion.title,
		ballot: motion.ballot,
		majority: motion.majority,
		options: motion.options,
		maxChoices: motion.maxChoices,
		result: motion.result,
		at: Date.now()
	};
	setPresenting(meetingId, { shownResult: state });
	getCollabHub(getDb).writeLive(meetingId, (doc) => doc.getMap(LIVE_STATE_MAP).set('shownResult', state));
	audit(db, { actorId: ctx.actor.id, action: 'meeting.show_result', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { motionId: motion.id } });
	return state;
}

/** Takes the shown result off the screens. */
export function hideResult(db: Db, ctx: ServiceCtx, meetingId: string): void {
	requireMeeting(db, ctx.actor, meetingId, 'run_votes');
	setPresenting(meetingId, { shownResult: null });
	getCollabHub(getDb).writeLive(meetingId, (doc) => doc.getMap(LIVE_STATE_MAP).set('shownResult', null));
	audit(db, { actorId: ctx.actor.id, action: 'meeting.hide_result', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip });
}
