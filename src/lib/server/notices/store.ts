import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../auth/policy';
import type { Db, Queryable } from '../db/client';
import { notices, type NoticeRow } from '../db/schema';
import { newId } from '../ids';
import { parseInput } from '../validation';
import { isNoticeKind, type NoticeKind, type NoticeParams } from './kinds';
import { noticeWords, type NoticeLocale } from './wording';

/** A notice as the API and the list page show it: worded in the reader's language. */
export interface NoticeView {
	id: string;
	kind: NoticeKind;
	meetingId: string | null;
	link: string | null;
	title: string;
	body: string;
	createdAt: Date;
	readAt: Date | null;
}

export const NOTICES_SHOWN = 100;

export interface NewNotice {
	userId: string;
	kind: NoticeKind;
	meetingId: string | null;
	link: string | null;
	params: NoticeParams;
}

export function insertNotices(db: Queryable, rows: readonly NewNotice[], now = new Date()): void {
	if (rows.length === 0) return;
	db.insert(notices)
		.values(rows.map((r) => ({ id: newId(), userId: r.userId, kind: r.kind, meetingId: r.meetingId, link: r.link, params: { ...r.params }, createdAt: now })))
		.run();
}

function view(row: NoticeRow, locale: NoticeLocale): NoticeView | null {
	// A kind this version does not know (written by a newer one, then rolled back) is left out rather than shown raw.
	if (!isNoticeKind(row.kind)) return null;
	const words = noticeWords(row.kind, row.params as unknown as NoticeParams, locale);
	return { id: row.id, kind: row.kind, meetingId: row.meetingId, link: row.link, ...words, createdAt: row.createdAt, readAt: row.readAt };
}

/** The caller's own notices, newest first, and how many are unread. Nobody reads anyone else's. */
export function listNotices(db: Queryable, actor: Actor, locale: NoticeLocale, options: { unreadOnly?: boolean } = {}): { notices: NoticeView[]; unreadCount: number } {
	const mine = eq(notices.userId, actor.id);
	const rows = db
		.select()
		.from(notices)
		.where(options.unreadOnly ? and(mine, isNull(notices.readAt)) : mine)
		.orderBy(desc(notices.createdAt), desc(notices.id))
		.limit(NOTICES_SHOWN)
		.all();
	return { notices: rows.map((r) => view(r, locale)).filter((v): v is NoticeView => v !== null), unreadCount: unreadCount(db, actor) };
}

export function unreadCount(db: Queryable, actor: Actor): number {
	return db.select({ n: count() }).from(notices).where(and(eq(notices.userId, actor.id), isNull(notices.readAt))).get()?.n ?? 0;
}

export const markReadInput = z.union([
	z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(NOTICES_SHOWN) }).strict(),
	z.object({ all: z.literal(true) }).strict()
]);

/**
 * Marks the caller's notices read: the ones named, or all. Ids of someone else's notices match nothing (the
 * owner is in the WHERE), so they change nothing and reveal nothing. Answers the unread count left.
 */
export function markNoticesRead(db: Db, actor: Actor, raw: unknown, now = new Date()): { unreadCount: number } {
	const input = parseInput(markReadInput, raw);
	const mineUnread = and(eq(notices.userId, actor.id), isNull(notices.readAt));
	db.update(notices)
		.set({ readAt: now })
		.where('ids' in input ? and(mineUnread, inArray(notices.id, input.ids)) : mineUnread)
		.run();
	return { unreadCount: unreadCount(db, actor) };
}

/** One of the caller's notices, for opening it from the list; undefined for anyone else's. */
export function findOwnNotice(db: Queryable, actor: Actor, id: string): NoticeRow | undefined {
	return db.select().from(notices).where(and(eq(notices.id, id), eq(notices.userId, actor.id))).get();
}
