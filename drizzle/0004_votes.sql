CREATE TABLE `attendance` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `motions` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`agenda_item_id` text NOT NULL,
	`document_id` text,
	`title` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`ballot` text NOT NULL,
	`majority` text,
	`options` text NOT NULL,
	`max_choices` integer DEFAULT 1 NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`closes_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`opened_at` integer,
	`opened_by` text,
	`closed_at` integer,
	`closed_by` text,
	`result` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `motions_meeting_idx` ON `motions` (`meeting_id`,`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `motions_state_idx` ON `motions` (`meeting_id`,`state`);--> statement-breakpoint
CREATE TABLE `open_ballots` (
	`motion_id` text NOT NULL,
	`voter_id` text NOT NULL,
	`choices` text NOT NULL,
	`cast_by` text NOT NULL,
	`cast_at` integer NOT NULL,
	PRIMARY KEY(`motion_id`, `voter_id`),
	FOREIGN KEY (`motion_id`) REFERENCES `motions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cast_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proxies` (
	`meeting_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`holder_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `principal_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`principal_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proxies_holder_idx` ON `proxies` (`meeting_id`,`holder_id`);--> statement-breakpoint
-- Added by hand to the generated file (drizzle cannot express it): secret_choices and secret_voters are
-- WITHOUT ROWID, so no implicit increasing rowid records the order in which ballots were cast.
CREATE TABLE `secret_choices` (
	`motion_id` text NOT NULL,
	`id` text NOT NULL,
	`choices` text NOT NULL,
	PRIMARY KEY(`motion_id`, `id`),
	FOREIGN KEY (`motion_id`) REFERENCES `motions`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `secret_voters` (
	`motion_id` text NOT NULL,
	`voter_id` text NOT NULL,
	`cast_by` text NOT NULL,
	PRIMARY KEY(`motion_id`, `voter_id`),
	FOREIGN KEY (`motion_id`) REFERENCES `motions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cast_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `meetings` ADD `quorum` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `proxy_limit` integer DEFAULT 1 NOT NULL;