import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import type { Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { displayLinks, users } from '../db/schema';
import { notFound } from '../errors';
import { newId } from '../ids';
import { requireMeeting } from '../meetings/access';
import { optionalIdentityText, parseInput } from '../validation';
import { displayConnectionId, displayTokenHash, generateDisplayToken } from './token';

export const createDisplayLinkInput = z.object({
	/** Which screen it is for ("Máy chiếu hội trường A"): a name, shown in the list of links. */
	label: optionalIdentityText(100).default('')
});

export interface DisplayLinkView {
	id: string;
	meetingId: string;
	label: string;
	createdBy: { id: string; displayName: string };
	createdAt: Date;
	revokedAt: Date | null;
}

/**
 * The secretariat makes a link for the hall's projector: it opens the display page of this meeting and its live
 * room, read-only, and nothing else. The token is in the answer once and never again.
 */
export function createDisplayLink(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): DisplayLinkView & { token: string } {
	const input = parseInput(createDisplayLinkInput, raw);
	const token = generateDisplayToken();
	const row = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const values = { id: newId(), meetingId, tokenHash: displayTokenHash(token)!, label: input.label, createdBy: ctx.actor.id, createdAt: new Date(), revokedAt: null };
		tx.insert(displayLinks).values(values).run();
		// The token itself is never logged: the audit log is read by more people than the projector's operator.
		audit(tx, { actorId: ctx.actor.id, action: 'display_link.create', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { linkId: values.id, label: values.label } });
		return values;
	});
	const [view] = viewsOf(db, [row.id]);
	return { ...view!, token };
}

export function listDisplayLinks(db: Db, actor: Actor, meetingId: string): DisplayLinkView[] {
	requireMeeting(db, actor, meetingId, 'edit');
	const ids = db.select({ id: displayLinks.id }).from(displayLinks).where(eq(displayLinks.meetingId, meetingId)).orderBy(desc(displayLinks.createdAt)).all();
	return viewsOf(db, ids.map((r) => r.id));
}

function viewsOf(db: Queryable, ids: string[]): DisplayLinkView[] {
	if (ids.length === 0) return [];
	const rows = db
		.select({
			id: displayLinks.id,
			meetingId: displayLinks.meetingId,
			label: displayLinks.label,
			createdById: displayLinks.createdBy,
			createdByName: users.displayName,
			createdAt: displayLinks.createdAt,
			revokedAt: displayLinks.revokedAt
		})
		.from(displayLinks)
		.innerJoin(users, eq(users.id, displayLinks.createdBy))
		.where(inArray(displayLinks.id, ids))
		.orderBy(desc(displayLinks.createdAt))
		.all();
	return rows.map(({ createdById, createdByName, ...r }) => ({ ...r, createdBy: { id: createdById, displayName: createdByName } }));
}

/** Revokes a link: the page and its sockets are closed at once, and the token opens nothing any more. */
export function revokeDisplayLink(db: Db, ctx: ServiceCtx, meetingId: string, linkId: string): void {
	const revoked = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		const link = tx
			.select({ revokedAt: displayLinks.revokedAt })
			.from(displayLinks)
			.where(and(eq(displayLinks.id, linkId), eq(displayLinks.meetingId, meetingId)))
			.get();
		if (!link) throw notFound('display link');
		if (link.revokedAt) return false;
		tx.update(displayLinks).set({ revokedAt: new Date() }).where(eq(displayLinks.id, linkId)).run();
		audit(tx, { actorId: ctx.actor.id, action: 'display_link.revoke', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { linkId } });
		return true;
	});
	if (revoked) ctx.events.userAccessChanged([displayConnectionId(linkId)]);
}

export type DisplayGrant = { state: 'valid'; linkId: string; meetingId: string } | { state: 'revoked'; meetingId: string } | { state: 'none' };

/** What a presented token opens: this link's meeting, a revoked link (said so on the page), or nothing. */
export function findDisplayGrant(db: Queryable, token: string): DisplayGrant {
	const hash = displayTokenHash(token);
	if (!hash) return { state: 'none' };
	const link = db
		.select({ id: displayLinks.id, meetingId: displayLinks.meetingId, revokedAt: displayLinks.revokedAt })
		.from(displayLinks)
		.where(eq(displayLinks.tokenHash, hash))
		.get();
	if (!link) return { state: 'none' };
	return link.revokedAt ? { state: 'revoked', meetingId: link.meetingId } : { state: 'valid', linkId: link.id, meetingId: link.meetingId };
}

/** Which of these links still stand (the collab server checks the links behind open display sockets). */
export function activeDisplayLinkIds(db: Queryable, ids: readonly string[]): Set<string> {
	if (ids.length === 0) return new Set();
	const rows = db
		.select({ id: displayLinks.id })
		.from(displayLinks)
		.where(and(inArray(displayLinks.id, [...ids]), isNull(displayLinks.revokedAt)))
		.all();
	return new Set(rows.map((r) => r.id));
}
