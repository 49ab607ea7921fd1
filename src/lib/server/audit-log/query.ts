import { and, count, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { fromLocalInput } from '$lib/i18n/format';
import { isStaff, type Actor } from '../auth/policy';
import type { Queryable } from '../db/client';
import { auditLog, documents, meetings, motions, users } from '../db/schema';
import { forbidden } from '../errors';
import { parseInput } from '../validation';

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds (newest first); narrower dates give the rest. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** A day (`2026-12-03`, a whole day in the province's time zone) or an instant (ISO 8601). */
const when = z
	.string()
	.trim()
	.max(40)
	.refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || !Number.isNaN(Date.parse(v)), 'a date (YYYY-MM-DD) or an ISO instant');

export const auditQueryInput = z.object({
	meetingId: z.string().min(1).max(64).optional(),
	userId: z.string().min(1).max(64).optional(),
	/** An action (`motion.close`) or a family of them (`motion`). */
	action: z
		.string()
		.max(64)
		.regex(/^[a-z_]+(\.[a-z_]+)?$/)
		.optional(),
	from: when.optional(),
	to: when.optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1)
});
export type AuditQuery = z.infer<typeof auditQueryInput>;

/** The query string's filters as the schema reads them: empty fields mean "any". */
export function auditQueryOf(params: URLSearchParams): unknown {
	const raw: Record<string, string> = {};
	for (const key of ['meetingId', 'userId', 'action', 'from', 'to', 'page']) {
		const value = params.get(key)?.trim();
		if (value) raw[key] = value;
	}
	return raw;
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
/** Start of a day in the province's time zone, or the instant itself. */
function startOf(v: string): Date {
	return isDay(v) ? (fromLocalInput(`${v}T00:00`) ?? new Date(NaN)) : new Date(v);
}
/** The exclusive end: the next day's start for a day, or the instant itself. */
function endOf(v: string): Date {
	if (!isDay(v)) return new Date(v);
	const start = startOf(v);
	return new Date(start.getTime() + 24 * 3600_000);
}

/**
 * What a member may read of the log: their own account's entries (sign-ins, failed sign-ins against it, password
 * changes, what an administrator changed on it). Nothing of meetings: those belong to the secretariat's view.
 */
function ownAccount(userId: string): SQL {
	return or(and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, userId)), and(eq(auditLog.action, 'auth.sign_in_failed'), eq(auditLog.actorId, userId)))!;
}

/** Everything that happened in a meeting: on the meeting itself, and on its motions and documents. */
function inMeeting(meetingId: string): SQL {
	return or(
		and(eq(auditLog.subjectType, 'meeting'), eq(auditLog.subjectId, meetingId)),
		and(eq(auditLog.subjectType, 'motion'), inArray(auditLog.subjectId, sql`(select ${motions.id} from ${motions} where ${motions.meetingId} = ${meetingId})`)),
		and(eq(auditLog.subjectType, 'document'), inArray(auditLog.subjectId, sql`(select ${documents.id} from ${documents} where ${documents.meetingId} = ${meetingId})`)),
		sql`json_extract(${auditLog.data}, '$.meetingId') = ${meetingId}`
	)!;
}

/** Entries by a user, about their account, or about them in a meeting (attendance, roles, proxies). */
function aboutUser(userId: string): SQL {
	return or(
		eq(auditLog.actorId, userId),
		and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, userId)),
		sql`json_extract(${auditLog.data}, '$.userId') = ${userId}`,
		sql`json_extract(${auditLog.data}, '$.principalId') = ${userId}`,
		sql`json_extract(${auditLog.data}, '$.holderId') = ${userId}`
	)!;
}

/**
 * The filters an actor may use, as SQL. Staff read the whole log; anyone else only their own account, and asking
 * for a meeting's log or someone else's entries is refused (403), not silently narrowed, so a script learns why.
 */
export function auditFilter(actor: Actor, raw: unknown): { query: AuditQuery; where: SQL | undefined } {
	const query = parseInput(auditQueryInput, raw);
	const conditions: SQL[] = [];
	if (!isStaff(actor)) {
		if (query.meetingId) throw forbidden("only the secretariat reads a meeting's log");
		if (query.userId && query.userId !== actor.id) throw forbidden("only the secretariat reads someone else's entries");
		conditions.push(ownAccount(actor.id));
	} else {
		if (query.meetingId) conditions.push(inMeeting(query.meetingId));
		if (query.userId) conditions.push(aboutUser(query.userId));
	}
	if (query.action) conditions.push(query.action.includes('.') ? eq(auditLog.action, query.action) : like(auditLog.action, `${query.action}.%`));
	if (query.from) conditions.push(gte(auditLog.at, startOf(query.from)));
	if (query.to) conditions.push(lt(auditLog.at, endOf(query.to)));
	return { query, where: conditions.length ? and(...conditions) : undefined };
}

export interface AuditEntryView {
	id: number;
	at: Date;
	action: string;
	actor: { id: string; username: string; displayName: string } | null;
	subjectType: string | null;
	subjectId: string | null;
	/** The subject in words: a meeting's or motion's title, a user's or document's name. */
	subjectLabel: string | null;
	ip: string | null;
	data: Record<string, unknown> | null;
}

export interface AuditPage {
	entries: AuditEntryView[];
	/** Display names of the users the entries' data mention (`userId`, `principalId`, …), to show names, not ids. */
	names: Record<string, string>;
	page: number;
	pageSize: number;
	total: number;
	pages: number;
}

/** One page of the log, newest first (ties by id, so paging is stable while entries are added). */
export function readAuditPage(db: Queryable, actor: Actor, raw: unknown): AuditPage {
	const { query, where } = auditFilter(actor, raw);
	const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
	const rows = db
		.select()
		.from(auditLog)
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((query.page - 1) * AUDIT_PAGE_SIZE)
		.all();
	return { ...describeEntries(db, rows), page: query.page, pageSize: AUDIT_PAGE_SIZE, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** Every matching entry for an export, newest first, up to AUDIT_EXPORT_LIMIT. */
export function readAuditExport(db: Queryable, actor: Actor, raw: unknown): Omit<AuditPage, 'page' | 'pageSize' | 'total' | 'pages'> {
	const { where } = auditFilter(actor, raw);
	const rows = db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(AUDIT_EXPORT_LIMIT).all();
	return describeEntries(db, rows);
}

const MENTIONED_USER_KEYS = ['userId', 'principalId', 'holderId', 'voterId', 'substituteId', 'substituteFor', 'replacedChair'] as const;

function describeEntries(db: Queryable, rows: (typeof auditLog.$inferSelect)[]): Pick<AuditPage, 'entries' | 'names'> {
	const userIds = new Set<string>();
	const ids = { meeting: new Set<string>(), motion: new Set<string>(), document: new Set<string>() };
	for (const r of rows) {
		if (r.actorId) userIds.add(r.actorId);
		if (r.subjectType === 'user' && r.subjectId) userIds.add(r.subjectId);
		if ((r.subjectType === 'meeting' || r.subjectType === 'motion' || r.subjectType === 'document') && r.subjectId) ids[r.subjectType].add(r.subjectId);
		for (const key of MENTIONED_USER_KEYS) {
			const v = r.data?.[key];
			if (typeof v === 'string') userIds.add(v);
		}
	}
	const people = new Map(
		userIds.size
			? db
					.select({ id: users.id, username: users.username, displayName: users.displayName })
					.from(users)
					.where(inArray(users.id, [...userIds]))
					.all()
					.map((u) => [u.id, u])
			: []
	);
	const titles = new Map<string, string>();
	const lookup = (table: typeof meetings | typeof motions | typeof documents, set: Set<string>) => {
		if (!set.size) return;
		for (const row of db.select({ id: table.id, title: table.title }).from(table).where(inArray(table.id, [...set])).all()) titles.set(row.id, row.title);
	};
	lookup(meetings, ids.meeting);
	lookup(motions, ids.motion);
	lookup(documents, ids.document);

	const entries = rows.map((r): AuditEntryView => {
		const subjectLabel = !r.subjectId ? null : r.subjectType === 'user' ? (people.get(r.subjectId)?.displayName ?? null) : (titles.get(r.subjectId) ?? null);
		return { id: r.id, at: r.at, action: r.action, actor: r.actorId ? (people.get(r.actorId) ?? null) : null, subjectType: r.subjectType, subjectId: r.subjectId, subjectLabel, ip: r.ip, data: r.data };
	});
	return { entries, names: Object.fromEntries([...people.values()].map((u) => [u.id, u.displayName])) };
}
