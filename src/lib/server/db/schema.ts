import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
// Relative, not $lib: drizzle-kit and the server bundle load this file without SvelteKit's aliases.
import { ABSENCE_REASONS } from '../../meetings/absence';
import { BODY_TYPES } from '../../votes/bodies';
import { TASK_STATUSES } from '../../tasks/status';
import type { MajorityRule } from '../../votes/majority';
import type { MotionResult } from '../../votes/result';
import type { PollResult } from '../../polls/result';

// Portability to PostgreSQL: text ids, integer epoch-millisecond timestamps, booleans as 0/1,
// JSON as text. Nothing here relies on SQLite-only column types.

export const GLOBAL_ROLES = ['admin', 'secretary', 'member'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export const PARTICIPANT_ROLES = ['chair', 'delegate', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const MEETING_STATUSES = ['draft', 'scheduled', 'in_progress', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * The deciding body, which sets the legal defaults of quorum and majority (docs/voting-law.md): a People's Committee
 * (Ủy ban nhân dân), a People's Council (Hội đồng nhân dân), or any other body, which keeps a free choice. Defined
 * with its presets in src/lib/votes/bodies.ts, which the browser shares.
 */
export { BODY_TYPES, type BodyType } from '../../votes/bodies';

const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date());

export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		/** Stored lower-case; sign-in is case-insensitive. */
		username: text('username').notNull(),
		displayName: text('display_name').notNull(),
		role: text('role', { enum: GLOBAL_ROLES }).notNull(),
		passwordHash: text('password_hash').notNull(),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		/** Where notices and calendar invitations are e-mailed (migration 0015); null: in-app notices only. */
		email: text('email'),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('users_username_unique').on(t.username)]
);

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the token, hex: a leaked database holds no usable session. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		/** Sliding: pushed forward while the session is used. */
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		/** Never moves: a stolen token dies at this time whatever happens. */
		absoluteExpiresAt: integer('absolute_expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const meetings = sqliteTable(
	'meetings',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		/** The convening body, e.g. "Hội đồng nhân dân tỉnh". */
		body: text('body').notNull().default(''),
		description: text('description').notNull().default(''),
		location: text('location').notNull().default(''),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
		status: text('status', { enum: MEETING_STATUSES }).notNull().default('draft'),
		bodyType: text('body_type', { enum: BODY_TYPES }).notNull().default('other'),
		/** The item the chair has on the floor: new motions, the speakers list and the hall display follow it. */
		currentAgendaItemId: text('current_agenda_item_id').references((): AnySQLiteColumn => agendaItems.id, { onDelete: 'set null' }),
		/** When the session actually began (chair's start or first check-in) and ended (chair's close). */
		openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		/**
		 * Present voters (checked in, or represented by proxy) needed for a vote to count. Null: the body's default
		 * share of the voting members, recomputed as participants change (src/lib/votes/bodies.ts `requiredQuorum`).
		 */
		quorum: integer('quorum'),
		/** How many absent voters one present delegate may represent by proxy in this meeting. */
		proxyLimit: integer('proxy_limit').notNull().default(1),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		/**
		 * Who keeps and first signs the minutes (THƯ KÝ): a participant or a member of the secretariat. Null in rows
		 * older than migration 0010 means the creator, as a new meeting defaults to.
		 */
		secretaryId: text('secretary_id').references((): AnySQLiteColumn => users.id),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('meetings_starts_idx').on(t.startsAt)]
);

export const meetingParticipants = sqliteTable(
	'meeting_participants',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		role: text('role', { enum: PARTICIPANT_ROLES }).notNull(),
		/** Voting right; only meaningful for chair and delegates (observers never vote). */
		canVote: integer('can_vote', { mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('participants_user_idx').on(t.userId)]
);

export const agendaItems = sqliteTable(
	'agenda_items',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		/** One level of sub-items: a sub-item's parent is always a top-level item. */
		parentId: text('parent_id').references((): AnySQLiteColumn => agendaItems.id, { onDelete: 'cascade' }),
		/** Order among siblings, 0-based and dense. */
		position: integer('position').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		durationMinutes: integer('duration_minutes'),
		/** Free text: presenters are often a department ("Sở Tài chính"), not a user. */
		presenter: text('presenter').notNull().default(''),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('agenda_meeting_idx').on(t.meetingId, t.parentId, t.position)]
);

/** Append-only: migration 0001 adds triggers that refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		/** No foreign key: the log must outlive whatever it mentions. */
		actorId: text('actor_id'),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: text('subject_id'),
		ip: text('ip'),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_actor_idx').on(t.actorId), index('audit_at_idx').on(t.at)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type MeetingParticipant = typeof meetingParticipants.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * One version of one PDF. Versions of the same paper share `seriesId` (the id of its first version); the
 * newest is the one with the highest `version`. Older versions are kept with their annotations.
 */
export const documents = sqliteTable(
	'documents',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		agendaItemId: text('agenda_item_id')
			.notNull()
			.references(() => agendaItems.id, { onDelete: 'cascade' }),
		seriesId: text('series_id').notNull(),
		version: integer('version').notNull(),
		/** Order of the series under its agenda item. */
		position: integer('position').notNull(),
		/** From the PDF's metadata when it has one, else the file name without extension. */
		title: text('title').notNull(),
		filename: text('filename').notNull(),
		/** Hex SHA-256 of the bytes: also the file's name under DATA_DIR/files (content-addressed). */
		sha256: text('sha256').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		pages: integer('pages').notNull(),
		/**
		 * Same on every version of a series. Readers see it on screen only, watermarked with their name; no
		 * download, no offline copy (src/lib/server/documents/confidential.ts).
		 */
		confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
		uploadedBy: text('uploaded_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('documents_series_version_unique').on(t.seriesId, t.version),
		index('documents_meeting_idx').on(t.meetingId, t.agendaItemId, t.position),
		index('documents_sha_idx').on(t.sha256)
	]
);

/** The text of every page, extracted at upload, for search. */
export const documentPages = sqliteTable(
	'document_pages',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		page: integer('page').notNull(),
		text: text('text').notNull()
	},
	(t) => [primaryKey({ columns: [t.documentId, t.page] })]
);

export type DocumentRow = typeof documents.$inferSelect;

/**
 * Where the text of every page sits (PageLayout in versions/layout.ts, as JSON): the text runs pdf.js found at
 * upload, with their boxes in PDF user space. Marks are carried to a new version by it (versions/carry.ts).
 */
export const documentPageLayouts = sqliteTable(
	'document_page_layouts',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		page: integer('page').notNull(),
		layout: text('layout').notNull()
	},
	(t) => [primaryKey({ columns: [t.documentId, t.page] })]
);

/**
 * One row per version whose marks were carried over from the version before it (once, versions/carry.ts), with
 * what changed between the two (JSON, versions/diff.ts) and the counts the document card shows.
 */
export const versionCarries = sqliteTable('version_carries', {
	documentId: text('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	previousId: text('previous_id')
		.notNull()
		.references(() => documents.id, { onDelete: 'cascade' }),
	changes: text('changes').notNull(),
	pagesChanged: integer('pages_changed').notNull(),
	marksCarried: integer('marks_carried').notNull(),
	/** Shared-layer marks that found no place; private ones are counted per owner from carried_marks. */
	sharedOrphans: integer('shared_orphans').notNull(),
	/** How long the carry took: operations read it, `npm run bench` judges it. */
	elapsedMs: integer('elapsed_ms').notNull(),
	createdAt: createdAt()
});

/**
 * Which mark of the previous version became which mark of this one (`markId`), or none (`page` null: orphaned,
 * listed with its old page and quote). `ownerId` is the private layer's owner, null for the shared layer.
 */
export const carriedMarks = sqliteTable(
	'carried_marks',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		room: text('room').notNull(),
		fromMarkId: text('from_mark_id').notNull(),
		ownerId: text('owner_id'),
		markId: text('mark_id'),
		fromDocumentId: text('from_document_id').notNull(),
		fromPage: integer('from_page').notNull(),
		page: integer('page'),
		kind: text('kind').notNull(),
		quote: text('quote').notNull(),
		authorId: text('author_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.documentId, t.room, t.fromMarkId] }), index('carried_marks_owner_idx').on(t.documentId, t.ownerId)]
);

/**
 * The newest version of a series each user has opened, for the "new version" badge: a series whose newest version
 * is above the one recorded here (and that the user opened before) shows it. No row: never opened, no badge.
 */
export const documentReads = sqliteTable(
	'document_reads',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		seriesId: text('series_id').notNull(),
		version: integer('version').notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.seriesId] })]
);

/** A standing list of people invited together (e.g. "Thành viên UBND tỉnh"), kept by the administrator. */
export const userGroups = sqliteTable(
	'user_groups',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		/** What each member becomes when the group is invited to a meeting. */
		defaultRole: text('default_role', { enum: PARTICIPANT_ROLES }).notNull().default('delegate'),
		defaultCanVote: integer('default_can_vote', { mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('user_groups_name_unique').on(t.name)]
);

export const userGroupMembers = sqliteTable(
	'user_group_members',
	{
		groupId: text('group_id')
			.notNull()
			.references(() => userGroups.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('user_group_members_user_idx').on(t.userId)]
);

export type UserGroup = typeof userGroups.$inferSelect;

/**
 * Every accepted Yjs update of every room, in arrival order per room, with who sent it. Past a threshold a room's
 * rows are merged (Y.mergeUpdates) into one row whose `authors` lists everyone whose edits it holds.
 */
export const collabUpdates = sqliteTable(
	'collab_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		room: text('room').notNull(),
		update: blob('update', { mode: 'buffer' }).notNull(),
		/** The author; null for the server's own writes and for merged rows. */
		userId: text('user_id'),
		/** For merged rows: JSON array of the user ids whose updates were merged. */
		authors: text('authors'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('collab_updates_room_idx').on(t.room, t.id)]
);

// ---------------------------------------------------------------------------------------------------------------
// Attendance, proxies and votes (docs/overview.md, "Voting rules"; services in src/lib/server/votes/).

/**
 * A link that opens the hall display of one meeting and nothing else, for the projector's browser, which has no
 * account. Only the token's SHA-256 is stored (as for sessions); revoking sets `revokedAt`, and the link is dead.
 */
export const displayLinks = sqliteTable(
	'display_links',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		label: text('label').notNull().default(''),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('display_links_token_unique').on(t.tokenHash), index('display_links_meeting_idx').on(t.meetingId)]
);

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export { ABSENCE_REASONS, type AbsenceReason } from '../../meetings/absence';
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * The current attendance of each participant: one row per (meeting, user), overwritten on every check-in, check-out
 * or correction. The history is in audit_log. No row means "not checked in yet", which counts as absent.
 */
export const attendance = sqliteTable(
	'attendance',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		/** The member themself, or the secretary who marked or corrected them. */
		updatedBy: text('updated_by')
			.notNull()
			.references(() => users.id),
		/** Why an excused member is away (from their reply, or the secretariat's mark); null for any other status. */
		absenceReason: text('absence_reason', { enum: ABSENCE_REASONS }),
		/** The member's own words: required for 'other', optional otherwise. */
		absenceNote: text('absence_note').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

/**
 * A participant's answer to the invitation, before the meeting: attending or not, why not, and who attends in their
 * place. One row per (meeting, participant), overwritten by a new answer (every answer is audited). No row: no answer.
 */
export const meetingReplies = sqliteTable(
	'meeting_replies',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		attending: integer('attending', { mode: 'boolean' }).notNull(),
		reason: text('reason', { enum: ABSENCE_REASONS }),
		note: text('note').notNull().default(''),
		/** The deputy who attends in the member's place (docs/api.md, "Replies"). */
		substituteId: text('substitute_id').references(() => users.id),
		/**
		 * The secretariat let the substitute in. Until then they are only named: not invited, no proxy, no access
		 * (a member must not be able to bring any account into a meeting on their own word).
		 */
		substituteApproved: integer('substitute_approved', { mode: 'boolean' }).notNull().default(false),
		/** The approval invited the substitute (they were not a participant): withdrawing the reply uninvites them. */
		substituteInvited: integer('substitute_invited', { mode: 'boolean' }).notNull().default(false),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

export type MeetingReplyRow = typeof meetingReplies.$inferSelect;

/**
 * An absent voting member's vote carried by a present one, for one meeting. At most one per principal; withdrawing
 * deletes the row (audited), so a withdrawn proxy is gone at once.
 */
export const proxies = sqliteTable(
	'proxies',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		principalId: text('principal_id')
			.notNull()
			.references(() => users.id),
		holderId: text('holder_id')
			.notNull()
			.references(() => users.id),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.principalId] }), index('proxies_holder_idx').on(t.meetingId, t.holderId)]
);

export const MOTION_STATES = ['draft', 'open', 'closed'] as const;
export type MotionState = (typeof MOTION_STATES)[number];
export const BALLOT_KINDS = ['open', 'secret'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];
export type { MajorityRule } from '../../votes/majority';

/** What a closed motion's `result` holds (src/lib/votes/result.ts): legacy shapes included, never rewritten. */
export type StoredMotionResult = MotionResult;

export const motions = sqliteTable(
	'motions',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		agendaItemId: text('agenda_item_id')
			.notNull()
			.references(() => agendaItems.id, { onDelete: 'cascade' }),
		/** An optional document the motion is about (the draft resolution). */
		documentId: text('document_id').references(() => documents.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		text: text('text').notNull().default(''),
		ballot: text('ballot', { enum: BALLOT_KINDS }).notNull(),
		/**
		 * The rule as JSON ({threshold, of, tieBreak?}, src/lib/votes/majority.ts); migration 0009 turned the old
		 * alias strings into objects. Null for a custom list of options, where no majority decides anything.
		 */
		majority: text('majority', { mode: 'json' }).$type<MajorityRule>(),
		/** JSON array of option keys; yes/no/abstain unless the secretariat gave its own list. */
		options: text('options', { mode: 'json' }).$type<string[]>().notNull(),
		maxChoices: integer('max_choices').notNull().default(1),
		state: text('state', { enum: MOTION_STATES }).notNull().default('draft'),
		/** Optional countdown: ballots after this instant are refused and the next access closes the motion. */
		closesAt: integer('closes_at', { mode: 'timestamp_ms' }),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
		openedBy: text('opened_by').references(() => users.id),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		closedBy: text('closed_by').references(() => users.id),
		/** Computed once, at close, in the closing transaction; never changed afterwards. */
		result: text('result', { mode: 'json' }).$type<StoredMotionResult>()
	},
	(t) => [index('motions_meeting_idx').on(t.meetingId, t.agendaItemId), index('motions_state_idx').on(t.meetingId, t.state)]
);

/** Named ballots: who voted what is part of the result. The primary key is the "votes once" guard. */
export const openBallots = sqliteTable(
	'open_ballots',
	{
		motionId: text('motion_id')
			.notNull()
			.references(() => motions.id, { onDelete: 'cascade' }),
		/** Whose vote this is (the represented member when cast by proxy). */
		voterId: text('voter_id')
			.notNull()
			.references(() => users.id),
		/** JSON array: one option, or up to maxChoices in an election. */
		choices: text('choices', { mode: 'json' }).$type<string[]>().notNull(),
		/** Who pressed the button: the voter, or their proxy. */
		castBy: text('cast_by')
			.notNull()
			.references(() => users.id),
		castAt: integer('cast_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.motionId, t.voterId] })]
);

/*
 * Secret ballots are split in two tables with nothing in common but the motion: who has voted, and the choices.
 * No timestamps, no user id next to a choice, and both tables are WITHOUT ROWID (added by hand to migration 0004;
 * drizzle cannot say it): an ordinary SQLite table has an implicit, increasing rowid that would give the order of
 * voting, and pairing the n-th voter with the n-th choice would undo the secret. Rows are keyed by random values
 * (user ids, random choice ids), so neither table's order says anything about time.
 */
export const secretVoters = sqliteTable(
	'secret_voters',
	{
		motionId: text('motion_id')
			.notNull()
			.references(() => motions.id, { onDelete: 'cascade' }),
		voterId: text('voter_id')
			.notNull()
			.references(() => users.id),
		castBy: text('cast_by')
			.notNull()
			.references(() => users.id)
	},
	(t) => [primaryKey({ columns: [t.motionId, t.voterId] })]
);

export const secretChoices = sqliteTable(
	'secret_choices',
	{
		motionId: text('motion_id')
			.notNull()
			.references(() => motions.id, { onDelete: 'cascade' }),
		/** Random, never shown to anyone (a receipt would let a voter prove their vote to someone buying it). */
		id: text('id').notNull(),
		choices: text('choices', { mode: 'json' }).$type<string[]>().notNull()
	},
	(t) => [primaryKey({ columns: [t.motionId, t.id] })]
);

export type AttendanceRow = typeof attendance.$inferSelect;
export type ProxyRow = typeof proxies.$inferSelect;
export type Motion = typeof motions.$inferSelect;

export const SPEAKER_STATES = ['waiting', 'speaking', 'done', 'withdrawn'] as const;
export type SpeakerState = (typeof SPEAKER_STATES)[number];

/**
 * The list of speakers of an agenda item: requests to speak in the chair's order, the current speaker, and the
 * turns that are over (kept for the minutes). A member is on an item's list at most once at a time (the partial
 * unique index); after their turn or a withdrawal they may ask again.
 */
export const speakers = sqliteTable(
	'speakers',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		agendaItemId: text('agenda_item_id')
			.notNull()
			.references(() => agendaItems.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		state: text('state', { enum: SPEAKER_STATES }).notNull(),
		/** Order among the waiting requests of the item (0-based, dense); the chair may reorder. */
		position: integer('position').notNull(),
		/** Who put the request in: the member, or the chair/secretariat on their behalf. */
		addedBy: text('added_by')
			.notNull()
			.references(() => users.id),
		requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
		/** Speaking time given with the floor, for the countdown on every tablet; null: no limit. */
		timeLimitSeconds: integer('time_limit_seconds')
	},
	(t) => [
		index('speakers_item_idx').on(t.meetingId, t.agendaItemId, t.state, t.position),
		uniqueIndex('speakers_active_unique').on(t.agendaItemId, t.userId).where(sql`${t.state} in ('waiting', 'speaking')`)
	]
);

export type Speaker = typeof speakers.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------
// Minutes and archive (docs/architecture.md, "Minutes and archive"; services in src/lib/server/minutes and archive/).

/** draft: the chair and secretariat write; submitted: frozen for the chair to read and sign; approved: archived. */
export const MINUTES_STATES = ['draft', 'submitted', 'approved'] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];

/** The state of a meeting's minutes. The text itself lives in the Yjs room `meeting:<id>:minutes`. */
export const minutes = sqliteTable('minutes', {
	meetingId: text('meeting_id')
		.primaryKey()
		.references(() => meetings.id, { onDelete: 'cascade' }),
	state: text('state', { enum: MINUTES_STATES }).notNull().default('draft'),
	/** The language the template was written in; the PDF's fixed texts follow it. */
	locale: text('locale').notNull(),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: createdAt(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	submittedBy: text('submitted_by').references(() => users.id),
	submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
	/** SHA-256 of the minutes' canonical content when submitted: what the chair is asked to sign. */
	submittedHash: text('submitted_hash'),
	approvedBy: text('approved_by').references(() => users.id),
	approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
	/**
	 * The secretary's signature: who, when, and the content hash they read. Cleared when the minutes are returned
	 * to draft, and the chair's approval requires it to equal `submittedHash`.
	 */
	secretarySignedBy: text('secretary_signed_by').references(() => users.id),
	secretarySignedAt: integer('secretary_signed_at', { mode: 'timestamp_ms' }),
	secretarySignedHash: text('secretary_signed_hash'),
	/** The document number (số) assigned at approval, counted per issuing body and year; with its symbol (ký hiệu). */
	docNumber: integer('doc_number'),
	docYear: integer('doc_year'),
	docSymbol: text('doc_symbol')
});

export type MinutesRow = typeof minutes.$inferSelect;

/**
 * The archive: one record per approved meeting, append-only (triggers in migration 0006), chained by hash.
 * `record` is the canonical JSON that was hashed, byte for byte; `hash` covers `seq`, `prevHash` and
 * `contentHash`, so removing, reordering or editing any record breaks the chain at that record.
 */
export const archiveRecords = sqliteTable('archive_records', {
	seq: integer('seq').primaryKey(),
	/**
	 * The meeting or the poll (migration 0014) the record archives: exactly one of the two is set (a CHECK in the
	 * migration). No cascade: an archived meeting or poll cannot be deleted.
	 */
	meetingId: text('meeting_id')
		.unique()
		.references(() => meetings.id),
	pollId: text('poll_id')
		.unique()
		.references((): AnySQLiteColumn => polls.id),
	record: text('record').notNull(),
	contentHash: text('content_hash').notNull(),
	prevHash: text('prev_hash').notNull(),
	hash: text('hash').notNull(),
	/** SHA-256 of the minutes PDF, stored content-addressed under DATA_DIR/files like documents. */
	pdfSha256: text('pdf_sha256').notNull(),
	createdAt: createdAt()
});

export type ArchiveRecordRow = typeof archiveRecords.$inferSelect;

/**
 * Certificates and keys the server signs PDFs with (PAdES): one per user an administrator installed, and the
 * body's own (`owner` = 'body'), used for anyone who has none. `sealed` is the PKCS#12 and its password encrypted
 * with the key in DATA_DIR/signing.key (signing/keystore.ts), so a copy of the database signs nothing. The other
 * columns describe the certificate for the admin page; the PKCS#12 is never served back.
 */
export const signingCredentials = sqliteTable('signing_credentials', {
	/** A user id, or 'body'. */
	owner: text('owner').primaryKey(),
	sealed: text('sealed').notNull(),
	commonName: text('common_name').notNull(),
	subject: text('subject').notNull(),
	issuer: text('issuer').notNull(),
	serial: text('serial').notNull(),
	notAfter: integer('not_after', { mode: 'timestamp_ms' }).notNull(),
	certSha256: text('cert_sha256').notNull(),
	/** Made by Quorum for the demo or as a self-signed stand-in, rather than installed from a CA. */
	generated: integer('generated', { mode: 'boolean' }).notNull().default(false),
	updatedBy: text('updated_by').references(() => users.id),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export type SigningCredentialRow = typeof signingCredentials.$inferSelect;

/**
 * A notice for one user (notification centre, src/lib/server/notices): what happened is `kind` with its `params`
 * (JSON: titles, times, counts), worded when it is read, in the reader's language. `link` is the app path it opens.
 */
export const notices = sqliteTable(
	'notices',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
		link: text('link'),
		params: text('params', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>().notNull().default({}),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('notices_user_idx').on(t.userId, t.createdAt)]
);
export type NoticeRow = typeof notices.$inferSelect;

/**
 * The iCalendar SEQUENCE of a meeting's invitation (RFC 5546): the UID never changes, each update or cancellation
 * is sent with a higher number, so calendars replace what they hold instead of adding a second event.
 */
export const meetingCalendar = sqliteTable('meeting_calendar', {
	meetingId: text('meeting_id')
		.primaryKey()
		.references(() => meetings.id, { onDelete: 'cascade' }),
	sequence: integer('sequence').notNull().default(0),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});
export const POLL_STATES = ['open', 'closed'] as const;
export type PollState = (typeof POLL_STATES)[number];
export const POLL_CHOICES = ['agree', 'disagree', 'other'] as const;
export type PollChoice = (typeof POLL_CHOICES)[number];
export const POLL_CLOSE_REASONS = ['deadline', 'all_answered', 'manual'] as const;
export type PollCloseReason = (typeof POLL_CLOSE_REASONS)[number];

/**
 * A written opinion poll between sessions (lấy ý kiến thành viên bằng văn bản): asked of a list of members, decided
 * by the same majority rule as a motion (src/lib/polls/result.ts), closed once at the deadline, by staff, or when
 * every member has given a final answer; then archived in the hash chain (src/lib/server/polls/archive.ts).
 */
export const polls = sqliteTable(
	'polls',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		text: text('text').notNull().default(''),
		/** The issuing body, printed top left on the summary PDF (e.g. "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"). */
		body: text('body').notNull().default(''),
		bodyType: text('body_type', { enum: BODY_TYPES }).notNull().default('people_committee'),
		ballot: text('ballot', { enum: BALLOT_KINDS }).notNull(),
		majority: text('majority', { mode: 'json' }).$type<MajorityRule>().notNull(),
		deadline: integer('deadline', { mode: 'timestamp_ms' }).notNull(),
		state: text('state', { enum: POLL_STATES }).notNull().default('open'),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		/** Null when the poll closed by itself (deadline, or every member answered for good). */
		closedBy: text('closed_by').references(() => users.id),
		closeReason: text('close_reason', { enum: POLL_CLOSE_REASONS }),
		/** Computed once, in the closing transaction; never changed afterwards. */
		result: text('result', { mode: 'json' }).$type<PollResult>()
	},
	(t) => [index('polls_state_deadline_idx').on(t.state, t.deadline)]
);

export type PollRow = typeof polls.$inferSelect;

/** The electorate: fixed when the poll is created (a group is expanded into its members then). */
export const pollMembers = sqliteTable(
	'poll_members',
	{
		pollId: text('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id)
	},
	(t) => [primaryKey({ columns: [t.pollId, t.userId] }), index('poll_members_user_idx').on(t.userId)]
);

export const pollDocuments = sqliteTable(
	'poll_documents',
	{
		pollId: text('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id),
		position: integer('position').notNull()
	},
	(t) => [primaryKey({ columns: [t.pollId, t.documentId] })]
);

/** Named answers of an open poll, one per member, replaced until final. */
export const pollAnswers = sqliteTable(
	'poll_answers',
	{
		pollId: text('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		choice: text('choice', { enum: POLL_CHOICES }).notNull(),
		comment: text('comment').notNull().default(''),
		final: integer('final', { mode: 'boolean' }).notNull().default(false),
		answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.pollId, t.userId] })]
);

/** Secret polls, like secret ballots: who answered, and apart from it what was answered (WITHOUT ROWID, no time). */
export const pollSecretVoters = sqliteTable(
	'poll_secret_voters',
	{
		pollId: text('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id)
	},
	(t) => [primaryKey({ columns: [t.pollId, t.userId] })]
);

export const pollSecretAnswers = sqliteTable(
	'poll_secret_answers',
	{
		pollId: text('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		/** Random, never shown: a receipt would let a member prove their answer. */
		id: text('id').notNull(),
		choice: text('choice', { enum: POLL_CHOICES }).notNull(),
		comment: text('comment').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.pollId, t.id] })]
);

// ---------------------------------------------------------------------------------------------------------------
// Tasks: conclusions of the minutes followed until done (docs/architecture.md, "Tasks"; src/lib/server/tasks/).

export { TASK_STATUSES, type TaskStatus } from '../../tasks/status';

/**
 * The departments a task may be given to ("Sở Tài chính"), a list the administrator keeps. Quorum has no
 * organisation chart: a department here is a name to assign to, never an account or a permission.
 */
export const taskDepartments = sqliteTable(
	'task_departments',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		createdBy: text('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('task_departments_name_unique').on(t.name)]
);

export type TaskDepartment = typeof taskDepartments.$inferSelect;

/**
 * A conclusion of a meeting's minutes given to an owner (a person or a department) with a deadline. The stored
 * status is what people set (assigned → in progress → done); "overdue" is computed from the deadline, never
 * stored, so the row never claims what nobody decided. `deadline` is a calendar date (YYYY-MM-DD) in the
 * province's time zone.
 */
export const tasks = sqliteTable(
	'tasks',
	{
		id: text('id').primaryKey(),
		/** No cascade: a task of an archived meeting is named in its archive record. */
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id),
		conclusion: text('conclusion').notNull(),
		ownerUserId: text('owner_user_id').references(() => users.id),
		ownerDepartmentId: text('owner_department_id').references(() => taskDepartments.id),
		deadline: text('deadline').notNull(),
		status: text('status', { enum: TASK_STATUSES }).notNull().default('assigned'),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		doneAt: integer('done_at', { mode: 'timestamp_ms' }),
		/** When the notices module was told this task is overdue (tasks/overdue.ts); null: not yet. */
		overdueNoticedAt: integer('overdue_noticed_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('tasks_meeting_idx').on(t.meetingId), index('tasks_owner_user_idx').on(t.ownerUserId), index('tasks_deadline_idx').on(t.status, t.deadline)]
);

export type TaskRow = typeof tasks.$inferSelect;

export const taskComments = sqliteTable(
	'task_comments',
	{
		id: text('id').primaryKey(),
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id),
		body: text('body').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('task_comments_task_idx').on(t.taskId, t.createdAt)]
);

/** A report or paper attached to a task: its bytes in the content-addressed store, like documents. */
export const taskAttachments = sqliteTable(
	'task_attachments',
	{
		id: text('id').primaryKey(),
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		filename: text('filename').notNull(),
		/** pdf, docx, xlsx, pptx, odt, ods, doc, xls: judged from the bytes and the name (documents/attachment-kind.ts). */
		kind: text('kind').notNull(),
		sha256: text('sha256').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		uploadedBy: text('uploaded_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('task_attachments_task_idx').on(t.taskId), index('task_attachments_sha_idx').on(t.sha256)]
);
