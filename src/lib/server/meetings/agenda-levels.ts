import { and, eq } from 'drizzle-orm';
import { demoteItem, promoteItem } from '../../agenda/levels';
import { audit } from '../audit';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { agendaItems } from '../db/schema';
import { AppError, notFound } from '../errors';
import { requireMeeting } from './access';
import { buildAgendaTree, type AgendaNode } from './agenda';

type Change = 'promote' | 'demote';

/**
 * Promotes a sub-item to a main item, or demotes a main item under the one above (`src/lib/agenda/levels.ts` says
 * what happens to its sub-items). Answers the renumbered agenda. One transaction, one audit entry.
 */
export function changeAgendaLevel(db: Db, ctx: ServiceCtx, meetingId: string, itemId: string, change: Change): AgendaNode[] {
	return db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const rows = tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all();
		const item = rows.find((r) => r.id === itemId);
		if (!item) throw notFound('agenda item');
		const tree = buildAgendaTree(rows);
		const next = change === 'promote' ? promoteItem(tree, itemId) : demoteItem(tree, itemId);
		if (!next) {
			throw new AppError(
				'conflict',
				change === 'promote' ? 'only a sub-item can become a main item' : 'only a main item below another main item can become a sub-item'
			);
		}
		const now = new Date();
		writeOutline(tx, rows, next, now);
		const parentId = change === 'promote' ? null : (next.find((t) => t.children.some((c) => c.id === itemId))?.id ?? null);
		audit(tx, {
			actorId: ctx.actor.id,
			action: `agenda.${change}`,
			subjectType: 'meeting',
			subjectId: meetingId,
			ip: ctx.ip,
			data: { itemId, title: item.title, parentId, ...(change === 'demote' ? { followers: rows.filter((r) => r.parentId === itemId).map((r) => r.id) } : {}) }
		});
		return buildAgendaTree(tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all());
	});
}

/** Writes parent and position of every row the new outline moved (dense positions among siblings). */
function writeOutline(tx: Queryable, rows: { id: string; parentId: string | null; position: number }[], outline: AgendaNode[], now: Date): void {
	const before = new Map(rows.map((r) => [r.id, r]));
	const place = (id: string, parentId: string | null, position: number) => {
		const row = before.get(id);
		if (row && row.parentId === parentId && row.position === position) return;
		tx.update(agendaItems).set({ parentId, position, updatedAt: now }).where(eq(agendaItems.id, id)).run();
	};
	outline.forEach((top, i) => {
		place(top.id, null, i);
		top.children.forEach((child, j) => place(child.id, top.id, j));
	});
}
