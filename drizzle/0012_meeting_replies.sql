CREATE TABLE `meeting_replies` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`attending` integer NOT NULL,
	`reason` text,
	`note` text DEFAULT '' NOT NULL,
	`substitute_id` text,
	`substitute_invited` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `attendance` ADD `absence_reason` text;--> statement-breakpoint
ALTER TABLE `attendance` ADD `absence_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);
