import { and, count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { audit } from '../audit';
import { canInMeeting, type Actor } from '../auth/policy';
import type { ServiceCtx } from '../context';
import type { Db, Queryable } from '../db/client';
import { meetings, proxies, users } from '../db/schema';
import { AppError, notFound } from '../errors';
import { findParticipation, requireMeeting } from '../meetings/access';
import { parseInput } from '../validation';
import { byVi } from '$lib/collation';

export const setProxyInput = z.object({
	/** The absent member whose vote is carried. */
	principalId: z.string().min(1).max(64),
	/** The present chair or delegate who carries it. */
	holderId: z.string().min(1).max(64)
});

export interface ProxyView {
	principalId: string;
	principalName: string;
	holderId: string;
	holderName: string;
	createdBy: string;
	createdAt: Date;
}

const fieldError = (path: string, message: string) => new AppError('validation_failed', message, { fields: [{ path, message }] });

/**
 * The secretariat records that `holderId` carries `principalId`'s vote in this meeting (replacing any earlier
 * proxy of that member). The holder casts that ballot as a separate, clearly marked action (`onBehalfOf`), only
 * while the member is absent. No chains: a member who gave their vote away carries no one else's.
 */
export function setProxy(db: Db, ctx: ServiceCtx, meetingId: string, raw: unknown): ProxyView {
	const input = parseInput(setProxyInput, raw);
	if (input.principalId === input.holderId) throw fieldError('holderId', 'a member cannot carry their own vote');
	const view = db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		return recordProxyTx(tx, ctx, meetingId, input.principalId, input.holderId);
	});
	ctx.events.attendanceChanged(meetingId);
	return view;
}

/**
 * Records a proxy inside the caller's transaction, by the same rules whoever asks: the secretariat here, or a
 * member's reply naming the deputy who attends in their place (`meetings/replies.ts`). The caller checked access.
 */
export function recordProxyTx(tx: Queryable, ctx: ServiceCtx, meetingId: string, principalId: string, holderId: string): ProxyView {
	if (principalId === holderId) throw fieldError('holderId', 'a member cannot carry their own vote');
	const principal = findParticipation(tx, meetingId, principalId);
	if (!principal || !canInMeeting({ id: principalId, role: 'member' }, principal, 'vote')) {
		throw fieldError('principalId', 'not a participant with voting right');
	}
	const holder = findParticipation(tx, meetingId, holderId);
	if (holder?.role !== 'chair' && holder?.role !== 'delegate') throw fieldError('holderId', 'not a chair or delegate of this meeting');
	if (tx.select({ p: proxies.principalId }).from(proxies).where(and(eq(proxies.meetingId, meetingId), eq(proxies.principalId, holderId))).get()) {
		throw fieldError('holderId', 'this member has given their own vote to someone else');
	}
	if (tx.select({ p: proxies.principalId }).from(proxies).where(and(eq(proxies.meetingId, meetingId), eq(proxies.holderId, principalId))).get()) {
		throw fieldError('principalId', 'this member carries proxies of others');
	}
	const limit = tx.select({ proxyLimit: meetings.proxyLimit }).from(meetings).where(eq(meetings.id, meetingId)).get()?.proxyLimit ?? 1;
	const carried =
		tx
			.select({ n: count() })
			.from(proxies)
			.where(and(eq(proxies.meetingId, meetingId), eq(proxies.holderId, holderId)))
			.get()?.n ?? 0;
	const previous = tx.select().from(proxies).where(and(eq(proxies.meetingId, meetingId), eq(proxies.principalId, principalId))).get();
	const already = previous?.holderId === holderId;
	if (!already && carried >= limit) throw new AppError('proxy_limit_reached', `a delegate carries at most ${limit} proxies here`);
	const now = new Date();
	if (!already) {
		tx.insert(proxies)
			.values({ meetingId, principalId, holderId, createdBy: ctx.actor.id, createdAt: now })
			.onConflictDoUpdate({ target: [proxies.meetingId, proxies.principalId], set: { holderId, createdBy: ctx.actor.id, createdAt: now } })
			.run();
		audit(tx, { actorId: ctx.actor.id, action: 'proxy.set', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { principalId, holderId, replaced: previous?.holderId ?? null } });
	}
	return readProxies(tx, meetingId).find((p) => p.principalId === principalId)!;
}

/** Withdraws a proxy: from the next ballot on, the holder can no longer cast it. */
export function withdrawProxy(db: Db, ctx: ServiceCtx, meetingId: string, principalId: string): void {
	db.transaction((tx) => {
		requireMeeting(tx, ctx.actor, meetingId, 'edit');
		if (!withdrawProxyTx(tx, ctx, meetingId, principalId)) throw notFound('proxy');
	});
	ctx.events.attendanceChanged(meetingId);
}

/** Withdraws a member's proxy inside the caller's transaction (optionally only if `holderId` carries it); false if none. */
export function withdrawProxyTx(tx: Queryable, ctx: ServiceCtx, meetingId: string, principalId: string, holderId?: string): boolean {
	const key = and(eq(proxies.meetingId, meetingId), eq(proxies.principalId, principalId));
	const existing = tx.select().from(proxies).where(key).get();
	if (!existing || (holderId !== undefined && existing.holderId !== holderId)) return false;
	tx.delete(proxies).where(key).run();
	audit(tx, { actorId: ctx.actor.id, action: 'proxy.withdraw', subjectType: 'meeting', subjectId: meetingId, ip: ctx.ip, data: { principalId, holderId: existing.holderId } });
	return true;
}

export function listProxies(db: Db, actor: Actor, meetingId: string): ProxyView[] {
	requireMeeting(db, actor, meetingId, 'view');
	return readProxies(db, meetingId);
}

const principal = alias(users, 'principal');
const holder = alias(users, 'holder');

function readProxies(db: Queryable, meetingId: string): ProxyView[] {
	return db
		.select({
			principalId: proxies.principalId,
			principalName: principal.displayName,
			holderId: proxies.holderId,
			holderName: holder.displayName,
			createdBy: proxies.createdBy,
			createdAt: proxies.createdAt
		})
		.from(proxies)
		.innerJoin(principal, eq(principal.id, proxies.principalId))
		.innerJoin(holder, eq(holder.id, proxies.holderId))
		.where(eq(proxies.meetingId, meetingId))
		.all()
		.sort(byVi((p) => p.principalName, (p) => p.principalId));
}
