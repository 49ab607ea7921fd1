CREATE TABLE `signing_credentials` (
	`owner` text PRIMARY KEY NOT NULL,
	`sealed` text NOT NULL,
	`common_name` text NOT NULL,
	`subject` text NOT NULL,
	`issuer` text NOT NULL,
	`serial` text NOT NULL,
	`not_after` integer NOT NULL,
	`cert_sha256` text NOT NULL,
	`generated` integer DEFAULT false NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `meetings` ADD `secretary_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `minutes` ADD `secretary_signed_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `minutes` ADD `secretary_signed_at` integer;--> statement-breakpoint
ALTER TABLE `minutes` ADD `secretary_signed_hash` text;--> statement-breakpoint
ALTER TABLE `minutes` ADD `doc_number` integer;--> statement-breakpoint
ALTER TABLE `minutes` ADD `doc_year` integer;--> statement-breakpoint
ALTER TABLE `minutes` ADD `doc_symbol` text;--> statement-breakpoint
UPDATE `meetings` SET `secretary_id` = `created_by` WHERE `secretary_id` IS NULL;