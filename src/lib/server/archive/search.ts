import { sql, type SQL } from 'drizzle-orm';
import { isStaff, type Actor } from '../auth/policy';
import type { Queryable } from '../db/client';
import { AppError } from '../errors';
import type { MeetingSummary } from '$lib/api-types';
import type { ArchiveFilters, Paging } from './filters';
import { MAX_QUERY_LENGTH, parseQuery, type ParsedQuery } from './fold';
import { buildSnippet, matchRanges, type Snippet } from './snippet';
import { compareVi } from '$lib/collation';

/*
 * Full-text search over archived meetings: their minutes and the text of every page of their documents.
 *
 * Tables (migration 0007): `archive_search_entries`, one row per minutes or page, holding what a hit shows; the
 * FTS5 table `archive_search`, whose rowid is the entry's id and whose text comes from the view
 * `archive_search_content` (texts with đ folded to d, see fold.ts). The index is written once, when the chair
 * approves the minutes, inside the approval transaction: an entry exists exactly when its meeting is archived.
 *
 * PostgreSQL: FTS5 is the SQLite-only part of the schema. A port keeps the entries table and replaces the index by
 * a tsvector column (unaccent + the same đ→d) with a GIN index; the queries below are the ones to rewrite.
 */

export type HitKind = 'minutes' | 'page' | 'poll';

export interface ArchiveHit {
	/** Null for a poll's hit. */
	meetingId: string | null;
	/** For a poll's hit: the poll's title, its issuing body and when it closed. */
	meetingTitle: string;
	meetingBody: string;
	startsAt: Date;
	/** The archived written opinion poll, for a poll hit. */
	pollId?: string;
	kind: HitKind;
	/** The minutes' title, for a minutes hit. */
	minutesTitle?: string;
	documentId?: string;
	documentTitle?: string;
	/** 1-based page of the document. */
	page?: number;
	snippet: Snippet;
}

export interface SearchResult {
	hits: ArchiveHit[];
	/** All hits the actor may see, not only this page of them. */
	total: number;
}

/** Weight of a title match against a match in the text (bm25 column weights: title, body). */
const TITLE_WEIGHT = 3;

/**
 * Indexes an archived meeting: the minutes and every page of every document row of the meeting (older versions
 * too: they were part of the meeting). Called by the approval inside its transaction. Calling it again for the same
 * meeting replaces what was indexed before.
 */
export function indexArchivedMeeting(db: Queryable, meetingId: string, minutes: { text: string; title: string }): void {
	const meeting = db.get<{ title: string } | undefined>(sql`select title from meetings where id = ${meetingId}`);
	if (!meeting) throw new AppError('not_found', 'meeting not found');
	removeFromIndex(db, meetingId);

	const title = minutes.title.normalize('NFC');
	const meetingTitle = meeting.title.normalize('NFC');
	db.run(sql`
		insert into archive_search_entries (meeting_id, kind, title, context, text)
		values (${meetingId}, 'minutes', ${title}, ${meetingTitle === title ? null : meetingTitle}, ${minutes.text.normalize('NFC')})`);
	// Pages without text (scans) are left out, except page 1, so a document can still be found by its title.
	db.run(sql`
		insert into archive_search_entries (meeting_id, kind, document_id, page, title)
		select d.meeting_id, 'page', d.id, p.page, d.title
		from documents d join document_pages p on p.document_id = d.id
		where d.meeting_id = ${meetingId} and (p.page = 1 or p.text <> '')
		order by d.agenda_item_id, d.position, d.version, p.page`);
	// The index reads the folded text from the view: the view is the one definition of what is indexed.
	db.run(sql`
		insert into archive_search (rowid, title, body)
		select c.id, c.title, c.body from archive_search_content c
		where c.id in (select id from archive_search_entries where meeting_id = ${meetingId})`);
}

/**
 * Indexes an archived written opinion poll (its title, text, and the answers' comments as the summary holds them).
 * Called by the poll's archiving inside its transaction; a poll is archived once, so nothing is replaced. The title
 * goes into the indexed text as its first line: the view (migration 0007) indexes `title` for minutes and first
 * pages only, and migration 0014 could not make it again (docs/architecture.md, "Written opinion polls").
 */
export function indexArchivedPoll(db: Queryable, pollId: string, poll: { title: string; text: string }): void {
	const title = poll.title.normalize('NFC');
	db.run(sql`
		insert into archive_search_entries (poll_id, kind, title, text)
		values (${pollId}, 'poll', ${title}, ${[title, poll.text.normalize('NFC')].filter(Boolean).join('\n\n')})`);
	db.run(sql`
		insert into archive_search (rowid, title, body)
		select c.id, c.title, c.body from archive_search_content c
		where c.id in (select id from archive_search_entries where poll_id = ${pollId})`);
}

/** An external-content FTS5 index must be told the exact values it indexed to forget them. */
function removeFromIndex(db: Queryable, meetingId: string): void {
	db.run(sql`
		insert into archive_search (archive_search, rowid, title, body)
		select 'delete', c.id, c.title, c.body from archive_search_content c
		where c.id in (select id from archive_search_entries where meeting_id = ${meetingId})`);
	db.run(sql`delete from archive_search_entries where meeting_id = ${meetingId}`);
}

const whereClause = (conditions: SQL[]) => (conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``);

/**
 * Conditions that keep a query to the archived meetings the actor may see (policy.ts, `view`: the secretariat every
 * meeting, everyone else the meetings they take part in) and to the filters, on the meeting id in `meetingId`. In
 * SQL, before ORDER BY and LIMIT, so a page of results is never emptied by filtering afterwards and `total` is
 * exact. IN (subquery) rather than joins: SQLite builds each set of meeting ids once, then probes it per match.
 */
function visibility(actor: Actor, filters: ArchiveFilters, meetingId: SQL): SQL[] {
	const where: SQL[] = [];
	if (!isStaff(actor)) where.push(sql`${meetingId} in (select meeting_id from meeting_participants where user_id = ${actor.id})`);
	const meeting: SQL[] = [];
	if (filters.from) meeting.push(sql`starts_at >= ${filters.from.getTime()}`);
	if (filters.to) meeting.push(sql`starts_at < ${filters.to.getTime()}`);
	if (filters.body) meeting.push(sql`body = ${filters.body}`);
	if (meeting.length > 0) where.push(sql`${meetingId} in (select id from meetings ${whereClause(meeting)})`);
	return where;
}

/**
 * Search reaches meetings and written opinion polls: a meeting's entries by `visibility`, a poll's to the
 * secretariat and to the poll's members (src/lib/server/polls/access.ts), its date filters on when it closed; a
 * filter by convening body keeps meetings only (a poll names its issuing body in free text).
 */
function searchVisibility(actor: Actor, filters: ArchiveFilters): SQL {
	const meeting = visibility(actor, filters, sql`e.meeting_id`);
	const poll: SQL[] = [];
	if (!isStaff(actor)) poll.push(sql`e.poll_id in (select poll_id from poll_members where user_id = ${actor.id})`);
	if (filters.from) poll.push(sql`e.poll_id in (select id from polls where closed_at >= ${filters.from.getTime()})`);
	if (filters.to) poll.push(sql`e.poll_id in (select id from polls where closed_at < ${filters.to.getTime()})`);
	if (filters.body) poll.push(sql`0`);
	const all = (conditions: SQL[]) => (conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`1`);
	return sql`((e.meeting_id is not null and ${all(meeting)}) or (e.poll_id is not null and ${all(poll)}))`;
}

/** The parsed query, or the 400 that says what is wrong with it. */
function requireQuery(query: string, field: string): Extract<ParsedQuery, { ok: true }> {
	const parsed = parseQuery(query);
	if (parsed.ok) return parsed;
	const message = parsed.problem === 'too_long' ? `at most ${MAX_QUERY_LENGTH} characters` : 'type at least one word';
	throw new AppError('validation_failed', `search query: ${message}`, { fields: [{ path: field, message }] });
}

interface HitRow {
	id: number;
	meetingId: string | null;
	pollId: string | null;
	kind: HitKind;
	documentId: string | null;
	page: number | null;
	title: string;
	text: string;
	meetingTitle: string;
	meetingBody: string;
	startsAt: number;
}

/**
 * Ranked hits (bm25, title matches weighted, the words side by side counting extra) in the archived meetings the
 * actor may see. The query is folded and quoted word by word (fold.ts): it can never be FTS5 syntax. Empty or
 * over-long queries are a 400.
 *
 * Three short queries rather than one: the ranking touches only the index (and, to filter, the entry rows); the
 * count reuses the same conditions; only the page of hits returned is joined with titles and text.
 * One query with a window count measured 2–3 times slower on 20,000 pages (every match carried its columns
 * through the sort, and bm25() must sit next to its MATCH, which a window moves into a subquery).
 */
export function searchArchive(
	db: Queryable,
	actor: Actor,
	query: string,
	options: ArchiveFilters & Partial<Paging> = {}
): SearchResult {
	const parsed = requireQuery(query, 'q');
	const limit = options.limit ?? 20;
	const offset = options.offset ?? 0;
	const where = [searchVisibility(actor, options)];
	// The entry always: it says whether a hit is a meeting's or a poll's, which decides who may see it. CROSS JOIN keeps the index as the outer loop:
	// the planner might otherwise start from a member's meetings and run the MATCH once per entry of each.
	const from = (match: string) => sql`
		from archive_search s
		cross join archive_search_entries e on e.id = s.rowid
		${whereClause([sql`archive_search match ${match}`, ...where])}`;
	const ranked = db.all<{ id: number }>(sql`
		select s.rowid as id, bm25(archive_search, ${TITLE_WEIGHT}, 1.0) as score ${from(parsed.ranking)}
		order by score, id limit ${limit} offset ${offset}`);
	// Counted with the plain expression: the same rows, without the phrase to check.
	const total =
		ranked.length < limit && (ranked.length > 0 || offset === 0) ? offset + ranked.length : (db.get<{ n: number }>(sql`select count(*) as n ${from(parsed.match)}`)?.n ?? 0);
	if (ranked.length === 0) return { hits: [], total };

	const ids = ranked.map((r) => r.id);
	const rows = db.all<HitRow>(sql`
		select e.id, e.meeting_id as meetingId, e.poll_id as pollId, e.kind, e.document_id as documentId, e.page, e.title,
			coalesce(e.text, p.text, '') as text,
			coalesce(m.title, q.title) as meetingTitle, coalesce(m.body, q.body) as meetingBody, coalesce(m.starts_at, q.closed_at, q.deadline) as startsAt
		from archive_search_entries e
		left join meetings m on m.id = e.meeting_id
		left join polls q on q.id = e.poll_id
		left join document_pages p on e.kind = 'page' and p.document_id = e.document_id and p.page = e.page
		where e.id in ${sql`(${sql.join(
			ids.map((id) => sql`${id}`),
			sql`, `
		)})`}`);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const hits = ids.flatMap((id) => {
		const row = byId.get(id);
		return row ? [toHit(row, buildSnippet(row.text, matchRanges(row.text, parsed.words, parsed.prefix)))] : [];
	});
	return { hits, total };
}

function toHit(row: HitRow, snippet: Snippet): ArchiveHit {
	const base = {
		meetingId: row.meetingId,
		meetingTitle: row.meetingTitle,
		meetingBody: row.meetingBody,
		startsAt: new Date(row.startsAt),
		kind: row.kind,
		snippet
	};
	if (row.kind === 'minutes') return { ...base, minutesTitle: row.title };
	if (row.kind === 'poll') return { ...base, pollId: row.pollId ?? undefined };
	return { ...base, documentId: row.documentId ?? undefined, documentTitle: row.title, page: row.page ?? undefined };
}

export interface ArchivedMeeting extends Pick<MeetingSummary, 'id' | 'title' | 'body' | 'location' | 'startsAt' | 'endsAt'> {
	/** When the minutes were approved and the record written. */
	archivedAt: Date;
	/** The record's place in the archive's hash chain. */
	seq: number;
	documentCount: number;
}

export interface ArchiveList {
	meetings: ArchivedMeeting[];
	total: number;
}

interface MeetingRow {
	id: string;
	title: string;
	body: string;
	location: string;
	startsAt: number;
	endsAt: number | null;
	archivedAt: number;
	seq: number;
	documentCount: number;
}

/**
 * Archived meetings (approved minutes, a record in the archive) the actor may see, newest first. `text` keeps the
 * meetings whose title, minutes or documents contain it, diacritics-insensitively, like search.
 */
export function listArchivedMeetings(
	db: Queryable,
	actor: Actor,
	options: ArchiveFilters & Partial<Paging> & { text?: string } = {}
): ArchiveList {
	const limit = options.limit ?? 50;
	const offset = options.offset ?? 0;
	const where = visibility(actor, options, sql`r.meeting_id`);
	if (options.text !== undefined && options.text.trim() !== '') {
		const parsed = requireQuery(options.text, 'text');
		where.push(sql`r.meeting_id in (
			select e.meeting_id from archive_search s cross join archive_search_entries e on e.id = s.rowid
			where archive_search match ${parsed.match})`);
	}
	const from = sql`from archive_records r join meetings m on m.id = r.meeting_id ${whereClause(where)}`;
	const rows = db.all<MeetingRow>(sql`
		select m.id, m.title, m.body, m.location, m.starts_at as startsAt, m.ends_at as endsAt,
			r.created_at as archivedAt, r.seq,
			(select count(*) from documents d where d.meeting_id = m.id) as documentCount
		${from}
		order by m.starts_at desc, m.id
		limit ${limit} offset ${offset}`);
	// Counted apart: a window count would carry every row's columns through the sort.
	const total = rows.length < limit && (rows.length > 0 || offset === 0) ? offset + rows.length : (db.get<{ n: number }>(sql`select count(*) as n ${from}`)?.n ?? 0);
	return {
		meetings: rows.map((r) => ({
			id: r.id,
			title: r.title,
			body: r.body,
			location: r.location,
			startsAt: new Date(r.startsAt),
			endsAt: r.endsAt === null ? null : new Date(r.endsAt),
			archivedAt: new Date(r.archivedAt),
			seq: r.seq,
			documentCount: r.documentCount
		})),
		total
	};
}

/** The convening bodies of the archived meetings the actor may see, for the filter's choices. */
export function listArchiveBodies(db: Queryable, actor: Actor): string[] {
	const where = visibility(actor, {}, sql`r.meeting_id`);
	return db
		.all<{ body: string }>(sql`
			select distinct m.body from archive_records r join meetings m on m.id = r.meeting_id
			${whereClause([sql`m.body <> ''`, ...where])}`)
		.map((r) => r.body)
		.sort(compareVi);
}
