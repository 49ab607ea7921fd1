CREATE TABLE `display_links` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `display_links_token_unique` ON `display_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `display_links_meeting_idx` ON `display_links` (`meeting_id`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `body_type` text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `current_agenda_item_id` text REFERENCES agenda_items(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `meetings` ADD `opened_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `closed_at` integer;