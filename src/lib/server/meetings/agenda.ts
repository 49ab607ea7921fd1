import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import type { Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { agendaItems, documents, type AgendaItem } from '../db/schema';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { identityText, optionalIdentityText, parseInput, trimmed } from '../validation';
import { requireMeeting } from './access';

const fields = {
	title: identityText(300),
	description: trimmed(5000),
	presenter: optionalIdentityText(200),
	durationMinutes: z.number().int().min(1).max(24 * 60).nullable()
};

export const addAgendaItemInput = z.object({
	title: fields.title,
	parentId: z.string().min(1).max(64).nullable().optional(),
	description: fields.description.default(''),
	presenter: fields.presenter.default(''),
	durationMinutes: fields.durationMinutes.optional()
});
export const updateAgendaItemInput = z.object(fields).partial();
export const moveAgendaItemInput = z.object({
	parentId: z.string().min(1).max(64).nullable(),
	position: z.number().int().min(0)
});

export interface AgendaNode extends AgendaItem {
	/** "2", "2.1": the number people say out loud in the meeting. */
	number: string;
	children: AgendaNode[];
}

/** Pure: flat rows (any order) into the numbered tree. */
export function buildAgendaTree(rows: AgendaItem[]): AgendaNode[] {
	const byPosition = (a: AgendaItem, b: AgendaItem) => a.position - b.position;
	const top = rows.filter((r) => r.parentId === null).sort(byPosition);
	return top.map((item, i) => {
		const number = String(i + 1);
		const children = rows
			.filter((r) => r.parentId === item.id)
			.sort(byPosition)
			.map((child, j) => ({ ...child, number: `${number}.${j + 1}`, children: [] }));
		return { ...item, number, children };
	});
}

export function listAgenda(db: Db, actor: Actor, meetingId: string): AgendaNode[] {
	requireMeeting(db, actor, meetingId);
	return buildAgendaTree(agendaRows(db, meetingId));
}

function agendaRows(db: Queryable, meetingId: string): AgendaItem[] {
	return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)).all();
}

function siblingsOf(db: Queryable, meetingId: string, parentId: string | null): AgendaItem[] {
	const parent = parentId === null ? isNull(agendaItems.parentId) : eq(agendaItems.parentId, parentId);
	return db
		.select()
		.from(agendaItems)
		.where(and(eq(agendaItems.meetingId, meetingId), parent))
		.orderBy(asc(agendaItems.position))
		.all();
}

function requireItem(db: Queryable, meetingId: string, itemId: string): AgendaItem {
	const item = db
		.select()
		.from(agendaItems)
		.where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
		.get();
	if (!item) throw notFound('agenda item');
	return item;
}

/** Sub-items go one level deep: the parent must be a top-level item of the same meeting. */
function requireParent(db: Queryable, meetingId: string, parentId: string): void {
	const parent = db
		.select({ parentId: agendaItems.parentId })
		.from(agendaItems)
		.where(and(eq(agendaItems.id, parentId), eq(agendaItems.meetingId, meetingId)))
		.get();
	if (!parent || parent.parentId !== null) {
		throw new AppError('validation_failed', 'parentId must be a top-level item of this meeting', {
			fields: [{ path: 'parentId', message: 'not a top-level item of this meeting' }]
		});
	}
}

/** Rewrites positions 0..n-1 in the given order. */
function renumber(db: Queryable, ordered: AgendaItem[], now: Date): void {
	ordered.forEach((item, position) => {
		if (item.position !== position) {
			db.update(agendaItems).set({ position, updatedAt: now }).where(eq(agendaItems.id, item.id)).run();
		}
	});
}

export function addAgendaItem(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): AgendaItem {
	const input = parseInput(addAgendaItemInput, raw);
	return db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const parentId = input.parentId ?? null;
		if (parentId) requireParent(tx, meetingId, parentId);
		const now = new Date();
		const item: AgendaItem = {
			id: newId(),
			meetingId,
			parentId,
			position: siblingsOf(tx, meetingId, parentId).length,
			title: input.title,
			description: input.description,
			presenter: input.presenter,
			durationMinutes: input.durationMinutes ?? null,
			createdAt: now,
			updatedAt: now
		};
		tx.insert(agendaItems).values(item).run();
		audit(tx, { actorId: ctx.actor.id, action: 'agenda.add', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { itemId: item.id, title: item.title } });
		return item;
	});
}

export function updateAgendaItem(db: Db, ctx: ServiceCtx, meetingId: string, itemId: string, raw: unknown): AgendaItem {
	const input = parseInput(updateAgendaItemInput, raw);
	return db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const item = requireItem(tx, meetingId, itemId);
		const next = { ...item, ...input, updatedAt: new Date() };
		tx.update(agendaItems).set({ ...input, updatedAt: next.updatedAt }).where(eq(agendaItems.id, itemId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'agenda.update', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { itemId, fields: Object.keys(input) } });
		return next;
	});
}

export function deleteAgendaItem(db: Db, ctx: ServiceCtx, meetingId: string, itemId: string): void {
	db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const item = requireItem(tx, meetingId, itemId);
		// The schema would cascade and take the PDFs, their versions and annotations with the item; a slip in
		// the agenda editor must not do that. Documents go first, on purpose, one by one.
		const withDocuments = tx
			.select({ id: documents.id })
			.from(documents)
			.innerJoin(agendaItems, eq(agendaItems.id, documents.agendaItemId))
			.where(or(eq(agendaItems.id, itemId), eq(agendaItems.parentId, itemId)))
			.limit(1)
			.get();
		if (withDocuments) throw new AppError('agenda_item_has_documents', 'the item or one of its sub-items has documents');
		tx.delete(agendaItems).where(eq(agendaItems.id, itemId)).run();
		renumber(tx, siblingsOf(tx, meetingId, item.parentId), new Date());
		audit(tx, { actorId: ctx.actor.id, action: 'agenda.delete', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { itemId, title: item.title } });
	});
}

/** Moves an item to `position` among the children of `parentId` (null: top level). */
export function moveAgendaItem(db: Db, ctx: ServiceCtx, meetingId: string, itemId: string, raw: unknown): AgendaNode[] {
	const input = parseInput(moveAgendaItemInput, raw);
	return db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const item = requireItem(tx, meetingId, itemId);
		if (input.parentId !== null) {
			if (input.parentId === itemId) throw new AppError('validation_failed', 'an item cannot contain itself', { fields: [{ path: 'parentId', message: 'is the item itself' }] });
			requireParent(tx, meetingId, input.parentId);
			if (siblingsOf(tx, meetingId, itemId).length > 0) {
				throw new AppError('validation_failed', 'an item with sub-items cannot become a sub-item', { fields: [{ path: 'parentId', message: 'item has sub-items' }] });
			}
		}
		const now = new Date();
		const from = siblingsOf(tx, meetingId, item.parentId).filter((s) => s.id !== itemId);
		const sameParent = input.parentId === item.parentId;
		const to = sameParent ? from : siblingsOf(tx, meetingId, input.parentId);
		const position = Math.min(input.position, to.length);
		to.splice(position, 0, { ...item, position: -1 });
		if (!sameParent) {
			tx.update(agendaItems).set({ parentId: input.parentId, updatedAt: now }).where(eq(agendaItems.id, itemId)).run();
			renumber(tx, from, now);
		}
		renumber(tx, to, now);
		audit(tx, { actorId: ctx.actor.id, action: 'agenda.move', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { itemId, parentId: input.parentId, position } });
		return buildAgendaTree(agendaRows(tx, meetingId));
	});
}
