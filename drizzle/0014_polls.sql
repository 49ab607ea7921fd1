-- Written opinion polls between sessions (issue 19, docs/architecture.md "Written opinion polls").
-- Written by hand: the WITHOUT ROWID tables and the rebuilds of the two archive tables are beyond drizzle.
CREATE TABLE `polls` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`body_type` text DEFAULT 'people_committee' NOT NULL,
	`ballot` text NOT NULL,
	`majority` text NOT NULL,
	`deadline` integer NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`close_reason` text,
	`result` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `polls_state_deadline_idx` ON `polls` (`state`, `deadline`);
--> statement-breakpoint
CREATE TABLE `poll_members` (
	`poll_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `poll_members_user_idx` ON `poll_members` (`user_id`);
--> statement-breakpoint
CREATE TABLE `poll_documents` (
	`poll_id` text NOT NULL,
	`document_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `document_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Named answers of an open poll: one row per member, replaced until it is final.
CREATE TABLE `poll_answers` (
	`poll_id` text NOT NULL,
	`user_id` text NOT NULL,
	`choice` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`final` integer DEFAULT false NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- A secret poll, as secret ballots (migration 0004): who has answered and what was answered in two tables with
-- nothing in common but the poll; no timestamps; WITHOUT ROWID, so no increasing rowid gives the order.
CREATE TABLE `poll_secret_voters` (
	`poll_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `poll_secret_answers` (
	`poll_id` text NOT NULL,
	`id` text NOT NULL,
	`choice` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`poll_id`, `id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
-- The archive chain now holds polls too: a record belongs to a meeting or to a poll, never both. SQLite cannot
-- relax NOT NULL in place, so the table is rebuilt with the same rows, hashes and seq (nothing in a record or its
-- hash changes) and its append-only triggers are put back.
DROP TRIGGER `archive_records_no_update`;
--> statement-breakpoint
DROP TRIGGER `archive_records_no_delete`;
--> statement-breakpoint
CREATE TABLE `archive_records_new` (
	`seq` integer PRIMARY KEY NOT NULL,
	`meeting_id` text,
	`poll_id` text,
	`record` text NOT NULL,
	`content_hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`pdf_sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	CHECK ((`meeting_id` IS NULL) <> (`poll_id` IS NULL)),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `archive_records_new` (`seq`, `meeting_id`, `poll_id`, `record`, `content_hash`, `prev_hash`, `hash`, `pdf_sha256`, `created_at`)
SELECT `seq`, `meeting_id`, NULL, `record`, `content_hash`, `prev_hash`, `hash`, `pdf_sha256`, `created_at` FROM `archive_records`;
--> statement-breakpoint
DROP TABLE `archive_records`;
--> statement-breakpoint
ALTER TABLE `archive_records_new` RENAME TO `archive_records`;
--> statement-breakpoint
CREATE UNIQUE INDEX `archive_records_meeting_id_unique` ON `archive_records` (`meeting_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `archive_records_poll_id_unique` ON `archive_records` (`poll_id`);
--> statement-breakpoint
CREATE TRIGGER archive_records_no_update BEFORE UPDATE ON archive_records
BEGIN
	SELECT RAISE(ABORT, 'archive_records is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER archive_records_no_delete BEFORE DELETE ON archive_records
BEGIN
	SELECT RAISE(ABORT, 'archive_records is append-only');
END;
--> statement-breakpoint
-- Search entries for polls: the same rebuild (meeting_id nullable, poll_id, kind 'poll'), keeping every id, so the
-- FTS5 index (whose rowids are these ids) stays valid. Without RENAME: the view archive_search_content reads this
-- table by name, and a view of that name cannot be made again now that the FTS5 table `archive_search` exists (its
-- shadow names are reserved), so the view stays as it is. A poll's entry carries its title inside `text`.
CREATE TABLE `archive_search_entries_old` AS SELECT * FROM `archive_search_entries`;
--> statement-breakpoint
DROP TABLE `archive_search_entries`;
--> statement-breakpoint
CREATE TABLE `archive_search_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`meeting_id` text,
	`poll_id` text,
	`kind` text NOT NULL CHECK (`kind` IN ('minutes', 'page', 'poll')),
	`document_id` text,
	`page` integer,
	`title` text NOT NULL,
	`context` text,
	`text` text,
	CHECK ((`meeting_id` IS NULL) <> (`poll_id` IS NULL)),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `archive_search_entries` (`id`, `meeting_id`, `poll_id`, `kind`, `document_id`, `page`, `title`, `context`, `text`)
SELECT `id`, `meeting_id`, NULL, `kind`, `document_id`, `page`, `title`, `context`, `text` FROM `archive_search_entries_old`;
--> statement-breakpoint
DROP TABLE `archive_search_entries_old`;
--> statement-breakpoint
CREATE INDEX `archive_search_entries_meeting_idx` ON `archive_search_entries` (`meeting_id`, `kind`);
--> statement-breakpoint
CREATE INDEX `archive_search_entries_poll_idx` ON `archive_search_entries` (`poll_id`);
