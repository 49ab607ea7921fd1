CREATE TABLE `document_page_layouts` (
	`document_id` text NOT NULL,
	`page` integer NOT NULL,
	`layout` text NOT NULL,
	PRIMARY KEY(`document_id`, `page`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `version_carries` (
	`document_id` text PRIMARY KEY NOT NULL,
	`previous_id` text NOT NULL,
	`changes` text NOT NULL,
	`pages_changed` integer NOT NULL,
	`marks_carried` integer NOT NULL,
	`shared_orphans` integer NOT NULL,
	`elapsed_ms` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`previous_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `carried_marks` (
	`document_id` text NOT NULL,
	`room` text NOT NULL,
	`from_mark_id` text NOT NULL,
	`owner_id` text,
	`mark_id` text,
	`from_document_id` text NOT NULL,
	`from_page` integer NOT NULL,
	`page` integer,
	`kind` text NOT NULL,
	`quote` text NOT NULL,
	`author_id` text NOT NULL,
	PRIMARY KEY(`document_id`, `room`, `from_mark_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `carried_marks_owner_idx` ON `carried_marks` (`document_id`, `owner_id`);
