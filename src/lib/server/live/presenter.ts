import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { LIVE_STATE_MAP, type PresenterState } from '../../collab/live-state';
import { audit } from '../audit';
import type { SessionUser } from '../auth/sessions';
import { getCollabHub } from '../collab/hub';
import type { ServiceCtx } from '../context';
import { getDb, type Db } from '../db/client';
import { documents } from '../db/schema';
import { AppError } from '../errors';
import { requireMeeting } from '../meetings/access';
import { parseInput } from '../validation';
import { setPresenting } from './presenting';

export const presentInput = z.object({
	documentId: z.string().min(1).max(64),
	page: z.number().int().min(1),
	zoom: z.number().positive().max(10).nullable().optional(),
	agendaItemId: z.string().min(1).max(64).nullable().optional()
});

const liveHub = () => getCollabHub(getDb);

/** The chair or the secretariat shows a page; every tablet that follows the presenter goes there. */
export function present(db: Db, ctx: ServiceCtx & { actor: SessionUser }, meetingId: string, raw: unknown): PresenterState {
	const input = parseInput(presentInput, raw);
	requireMeeting(db, ctx.actor, meetingId, 'present');
	const doc = db
		.select({ pages: documents.pages, agendaItemId: documents.agendaItemId })
		.from(documents)
		.where(and(eq(documents.id, input.documentId), eq(documents.meetingId, meetingId)))
		.get();
	if (!doc) throw new AppError('validation_failed', 'no such document in this meeting', { fields: [{ path: 'documentId', message: 'not a document of this meeting' }] });
	if (input.page > doc.pages) {
		throw new AppError('validation_failed', 'page out of range', { fields: [{ path: 'page', message: `the document has ${doc.pages} pages` }] });
	}
	const state: PresenterState = {
		documentId: input.documentId,
		page: input.page,
		zoom: input.zoom ?? null,
		by: { id: ctx.actor.id, displayName: ctx.actor.displayName },
		at: Date.now()
	};
	const presenting = setPresenting(meetingId, { presenter: state, currentAgendaItemId: doc.agendaItemId });
	liveHub().writeLive(meetingId, (ydoc) => {
		const map = ydoc.getMap(LIVE_STATE_MAP);
		for (const [key, value] of Object.entries(presenting)) map.set(key, value);
	});
	// Page turns are not audited one by one; starting to present a document is.
	audit(db, { actorId: ctx.actor.id, action: 'meeting.present', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { documentId: input.documentId, page: input.page } });
	return state;
}

export function stopPresenting(db: Db, ctx: ServiceCtx, meetingId: string): void {
	requireMeeting(db, ctx.actor, meetingId, 'present');
	setPresenting(meetingId, { presenter: null });
	liveHub().writeLive(meetingId, (ydoc) => ydoc.getMap(LIVE_STATE_MAP).set('presenter', null));
	audit(db, { actorId: ctx.actor.id, action: 'meeting.stop_presenting', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip });
}
