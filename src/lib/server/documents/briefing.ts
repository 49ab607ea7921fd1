import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DocumentView } from '$lib/api-types';
import { audit } from '../audit';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { agendaItems, documents } from '../db/schema';
import { AppError, notFound } from '../errors';
import { requireMeeting } from '../meetings/access';
import { identityText, parseInput } from '../validation';
import { requireDocument } from './access';
import { findDocumentView, listMeetingDocuments } from './list';
import { MAX_TITLE } from './naming';

/**
 * The secretariat's briefing book: a document's title and confidentiality, and the order of the documents under
 * an agenda item. All three belong to the series, not to one version: a paper keeps its name, its place and its
 * classification when a corrected version replaces it, so each change is written to every version at once.
 */

export const updateDocumentInput = z
	.object({ title: identityText(MAX_TITLE).optional(), confidential: z.boolean().optional() })
	.strict()
	.refine((v) => v.title !== undefined || v.confidential !== undefined, { message: 'send title and/or confidential' });

/** `PATCH /documents/:id` (staff): renames the series and/or marks it confidential; audited with before and after. */
export function updateDocument(db: Db, ctx: ServiceCtx, documentId: string, raw: unknown): DocumentView {
	const input = parseInput(updateDocumentInput, raw);
	db.transaction((tx) => {
		const { doc } = requireDocument(tx, ctx.actor, documentId, 'edit');
		const change: { title?: string; confidential?: boolean } = {};
		if (input.title !== undefined && input.title !== doc.title) change.title = input.title;
		if (input.confidential !== undefined && input.confidential !== doc.confidential) change.confidential = input.confidential;
		if (Object.keys(change).length === 0) return;
		tx.update(documents).set(change).where(eq(documents.seriesId, doc.seriesId)).run();
		const before = { ...(change.title !== undefined ? { title: doc.title } : {}), ...(change.confidential !== undefined ? { confidential: doc.confidential } : {}) };
		audit(tx, {
			actorId: ctx.actor.id,
			action: 'document.update',
			subjectType: 'document',
			subjectId: doc.id,
			ip: ctx.ip,
			data: { meetingId: doc.meetingId, seriesId: doc.seriesId, before, after: change }
		});
	});
	return findDocumentView(db, documentId)!;
}

export const documentOrderInput = z.object({ seriesIds: z.array(z.string().min(1).max(64)).min(1).max(500) }).strict();

/**
 * `PUT …/agenda/:itemId/documents/order` (staff): the whole order of the item's documents, by series, first to
 * last. The list must name every series of the item exactly once, so two people reordering at the same time
 * cannot lose a document between them: the later one either sends the same set or is refused.
 */
export function setDocumentOrder(db: Db, ctx: ServiceCtx, meetingId: string, itemId: string, raw: unknown): DocumentView[] {
	const input = parseInput(documentOrderInput, raw);
	db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const item = tx
			.select({ id: agendaItems.id })
			.from(agendaItems)
			.where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
			.get();
		if (!item) throw notFound('agenda item');
		const current = seriesOfItem(tx, itemId);
		const asked = new Set(input.seriesIds);
		if (asked.size !== input.seriesIds.length || asked.size !== current.length || current.some((s) => !asked.has(s))) {
			throw new AppError('validation_failed', 'seriesIds must list every document series of the item once', {
				fields: [{ path: 'seriesIds', message: 'every series of the item, once each' }]
			});
		}
		input.seriesIds.forEach((seriesId, position) => {
			tx.update(documents).set({ position }).where(eq(documents.seriesId, seriesId)).run();
		});
		audit(tx, {
			actorId: ctx.actor.id,
			action: 'document.reorder',
			subjectType: 'agenda_item',
			subjectId: itemId,
			ip: ctx.ip,
			data: { meetingId, before: current, after: input.seriesIds }
		});
	});
	return listMeetingDocuments(db, ctx.actor, meetingId).filter((d) => d.agendaItemId === itemId);
}

/** The series under an item in their current order. */
function seriesOfItem(db: Queryable, itemId: string): string[] {
	const rows = db
		.selectDistinct({ seriesId: documents.seriesId, position: documents.position })
		.from(documents)
		.where(eq(documents.agendaItemId, itemId))
		.orderBy(asc(documents.position), asc(documents.seriesId))
		.all();
	return [...new Set(rows.map((r) => r.seriesId))];
}
