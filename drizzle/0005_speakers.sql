CREATE TABLE `speakers` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`agenda_item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`state` text NOT NULL,
	`position` integer NOT NULL,
	`added_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`time_limit_seconds` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `speakers_item_idx` ON `speakers` (`meeting_id`,`agenda_item_id`,`state`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `speakers_active_unique` ON `speakers` (`agenda_item_id`,`user_id`) WHERE "speakers"."state" in ('waiting', 'speaking');