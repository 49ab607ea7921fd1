CREATE TABLE `collab_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room` text NOT NULL,
	`update` blob NOT NULL,
	`user_id` text,
	`authors` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collab_updates_room_idx` ON `collab_updates` (`room`,`id`);