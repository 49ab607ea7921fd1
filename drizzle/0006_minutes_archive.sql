CREATE TABLE `archive_records` (
	`seq` integer PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`record` text NOT NULL,
	`content_hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`pdf_sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `archive_records_meeting_id_unique` ON `archive_records` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `minutes` (
	`meeting_id` text PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`locale` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_by` text,
	`submitted_at` integer,
	`submitted_hash` text,
	`approved_by` text,
	`approved_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The archive is evidence: a record, once written, is never changed or removed (archive:verify checks the chain).
CREATE TRIGGER archive_records_no_update BEFORE UPDATE ON archive_records
BEGIN
	SELECT RAISE(ABORT, 'archive_records is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER archive_records_no_delete BEFORE DELETE ON archive_records
BEGIN
	SELECT RAISE(ABORT, 'archive_records is append-only');
END;
